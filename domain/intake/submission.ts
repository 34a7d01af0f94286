// What a web form submits, validated with zod: the one schema the API and the browser form both use. `zod/mini`,
// the tree-shakable build of the same validator: a fifth of the size, a quarter of the import time at cold start.
import * as z from 'zod/mini';
import type { FieldIssue, FieldIssueCode } from '../errors.js';
import { ValidationError } from '../errors.js';
import type { RequestVocabulary, RouteRequest } from '../routing/request.js';
import { isWellFormed } from '../text.js';
import type { Locale, Requester } from '../ticket.js';

export const LOCALES = ['es', 'en'] as const;

/** Field lengths, in characters (after trimming). */
export const LIMITS = {
  subject: { min: 3, max: 200 },
  description: { min: 10, max: 5000 },
  name: { min: 2, max: 120 },
  email: { max: 254 },
  phone: { max: 20 },
  documentId: { max: 20 },
  policyVersion: { max: 40 },
} as const;

/** The largest request body the API accepts, in bytes. */
export const MAX_BODY_BYTES = 65_536;

// Control characters other than tab and line breaks never belong in a form field.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's job
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029]/;
const LINE_BREAK = /[\r\n]/;

// Schema messages are issue codes; toFieldIssues turns them into wording (see messages.ts).
const code = (c: FieldIssueCode) => ({ message: c });

/** Every text the API accepts is well-formed: a lone UTF-16 surrogate cannot be stored, mailed or encoded. */
export const wellFormed = () =>
  z.refine<string>(isWellFormed, { message: 'ill_formed_text' satisfies FieldIssueCode, abort: true });

/**
 * A text field of a form or a body: well-formed, trimmed, within `limits` (`too_short`, `too_long`). `typeIssue` is
 * the code for a value that is not text, or is missing where the field is required.
 */
export const trimmedText = (
  limits: { readonly min?: number; readonly max: number },
  typeIssue?: FieldIssueCode,
) =>
  (typeIssue === undefined ? z.string() : z.string(code(typeIssue))).check(
    wellFormed(),
    z.trim(),
    ...(limits.min === undefined ? [] : [z.minLength(limits.min, code('too_short'))]),
    z.maxLength(limits.max, code('too_long')),
  );

const text = (limits: { min?: number; max: number }, multiline: boolean) =>
  trimmedText(limits, 'invalid_type').check(
    z.refine((s) => !CONTROL.test(s), code('control_characters')),
    z.refine((s) => multiline || !LINE_BREAK.test(s), code('single_line')),
  );

/** A trimmed string that must match `pattern`. */
const pattern = (regex: RegExp, issue: FieldIssueCode) =>
  z.string(code('invalid_type')).check(wellFormed(), z.trim(), z.regex(regex, code(issue)));

const requesterSchema = z.strictObject(
  {
    name: text(LIMITS.name, false),
    email: z.pipe(
      z
        .string(code('invalid_type'))
        .check(wellFormed(), z.trim(), z.maxLength(LIMITS.email.max, code('too_long'))),
      z.email(code('invalid_email')),
    ),
    phone: z.exactOptional(pattern(/^\+?[0-9][0-9 ()-]{5,18}[0-9]$/, 'invalid_phone')),
    documentId: z.exactOptional(pattern(/^[A-Za-z0-9][A-Za-z0-9.-]{2,18}[A-Za-z0-9]$/, 'invalid_document')),
  },
  code('invalid_type'),
);

/** An address someone asks mail for (a lookup, a staff sign-in): trimmed, well-formed, at most the form's length. */
export const addressField = z.pipe(
  z
    .string({ message: 'invalid_type' })
    .check(wellFormed(), z.trim(), z.maxLength(LIMITS.email.max, { message: 'too_long' })),
  z.email({ message: 'invalid_email' }),
);

const shortString = (max: number) =>
  z.string(code('invalid_type')).check(wellFormed(), z.maxLength(max, code('too_long')));

/** The submission's shape; product, type and priority are checked against the catalog afterwards. */
export const submissionSchema = z.strictObject(
  {
    product: shortString(60),
    type: shortString(60),
    priority: z.exactOptional(
      z.union([z.number(), z.string().check(z.maxLength(5))], code('invalid_priority')),
    ),
    subject: text(LIMITS.subject, false),
    description: text(LIMITS.description, true),
    requester: requesterSchema,
    consent: z.strictObject(
      {
        accepted: z.literal(true, code('must_accept')),
        policyVersion: text({ min: 1, max: LIMITS.policyVersion.max }, false),
        /** Optional: SHA-256 (hex) of the notice text the form displayed; checked against the one in force. */
        noticeHash: z.exactOptional(pattern(/^[0-9a-fA-F]{64}$/, 'invalid_value')),
      },
      code('invalid_type'),
    ),
    locale: z.exactOptional(z.enum(LOCALES, code('invalid_value'))),
    /** Sent by the web form: its serving token and the honeypot field people never see (bots fill it). */
    form: z.exactOptional(
      z.strictObject({ token: shortString(200), website: shortString(500) }, code('invalid_type')),
    ),
  },
  code('invalid_type'),
);

export interface Submission {
  readonly request: RouteRequest;
  readonly subject: string;
  readonly description: string;
  readonly requester: Requester;
  readonly consent: { readonly accepted: true; readonly policyVersion: string; readonly noticeHash?: string };
  readonly locale: Locale;
  readonly form?: { readonly token: string; readonly website: string };
}

/**
 * Validates a parsed JSON body. Reports every problem at once, each with its field path and issue code, so a form
 * can show each next to its field.
 */
export function parseSubmission(body: unknown, vocabulary: RequestVocabulary): Submission {
  if (!isRecord(body)) {
    throw new ValidationError([
      { path: '', code: 'invalid_type', message: 'the body must be a JSON object' },
    ]);
  }
  const shaped = submissionSchema.safeParse(body);
  const issues: FieldIssue[] = shaped.success ? [] : toFieldIssues(shaped.error.issues, body);
  const raw = body;
  let request: RouteRequest | undefined;
  try {
    request = vocabulary.parse({ product: raw.product, type: raw.type, priority: raw.priority });
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const reported = new Set(issues.map((i) => i.path));
    issues.push(...error.fields.filter((f) => !reported.has(f.path)));
  }
  if (!shaped.success || request === undefined || issues.length > 0) {
    throw new ValidationError(
      issues.length > 0 ? issues : [{ path: '', code: 'invalid_type', message: 'invalid' }],
    );
  }
  const { subject, description, requester, consent, locale, form } = shaped.data;
  return {
    request,
    subject,
    description,
    requester: {
      name: requester.name,
      email: requester.email.toLowerCase(),
      ...(requester.phone ? { phone: requester.phone } : {}),
      ...(requester.documentId ? { documentId: requester.documentId } : {}),
    },
    consent: {
      accepted: true,
      policyVersion: consent.policyVersion,
      ...(consent.noticeHash ? { noticeHash: consent.noticeHash.toLowerCase() } : {}),
    },
    locale: locale ?? 'es',
    ...(form ? { form } : {}),
  };
}

type ZodIssue = z.core.$ZodIssue;

/** zod issues → field issues with a code and the numbers or values their message needs. */
export function toFieldIssues(zodIssues: readonly ZodIssue[], input: unknown): FieldIssue[] {
  return zodIssues.flatMap((issue): FieldIssue[] => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: path ? `${path}.${key}` : key,
        code: 'not_allowed',
        message: 'is not an allowed field',
      }));
    }
    if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) {
      return [{ path, code: 'required', message: 'is required' }];
    }
    const issueCode = (FIELD_CODES.has(issue.message) ? issue.message : 'invalid_value') as FieldIssueCode;
    if (issue.code === 'too_small') {
      return [{ path, code: 'too_short', message: `is too short`, params: { min: Number(issue.minimum) } }];
    }
    if (issue.code === 'too_big') {
      return [{ path, code: 'too_long', message: `is too long`, params: { max: Number(issue.maximum) } }];
    }
    if (issue.code === 'invalid_value') {
      return [
        { path, code: issueCode, message: issueCode.replace(/_/g, ' '), allowed: issue.values.map(String) },
      ];
    }
    return [{ path, code: issueCode, message: issueCode.replace(/_/g, ' ') }];
  });
}

const FIELD_CODES: ReadonlySet<string> = new Set<FieldIssueCode>([
  'invalid_type',
  'invalid_email',
  'invalid_phone',
  'invalid_document',
  'invalid_priority',
  'control_characters',
  'single_line',
  'must_accept',
  'invalid_value',
  'ill_formed_text',
]);

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (!isRecord(value)) return undefined;
    value = value[String(key)];
  }
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
