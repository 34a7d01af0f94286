// The one error family of the domain. Adapters map these to HTTP statuses, CLI exit codes or log lines.

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `priority` or `requester.email`. */
  readonly path: string;
  /** The problem in English, for logs and the command line; see domain/intake/messages.ts for es/en wording. */
  readonly message: string;
  /** Machine-readable kind of problem, e.g. `required`, `too_long` (see FIELD_ISSUE_CODES). */
  readonly code?: FieldIssueCode;
  /** Allowed values, when the field takes one of a closed set. */
  readonly allowed?: readonly string[];
  /** Numbers the message needs, e.g. `{ max: 200 }` for `too_long`. */
  readonly params?: Readonly<Record<string, number>>;
}

export const FIELD_ISSUE_CODES = [
  'required',
  'unknown_value',
  'invalid_priority',
  'too_short',
  'too_long',
  'invalid_email',
  'invalid_phone',
  'invalid_document',
  'invalid_type',
  'not_allowed',
  'control_characters',
  'single_line',
  'must_accept',
  'invalid_value',
  'invalid_instant',
  'ill_formed_text',
  'too_deep',
  'too_many_values',
  'too_large',
  'too_many',
] as const;
export type FieldIssueCode = (typeof FIELD_ISSUE_CODES)[number];

export abstract class DomainError extends Error {
  abstract readonly code: string;
}

/** Input that breaks a rule of the domain; names each field and what is allowed. */
export class ValidationError extends DomainError {
  readonly code = 'validation_failed';
  constructor(readonly fields: readonly FieldIssue[]) {
    super(fields.map(formatFieldIssue).join('; '));
    this.name = 'ValidationError';
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'not_found';
  constructor(message = 'not found') {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** The same thing is already under way (e.g. a submission with the same Idempotency-Key): try again later. */
export class ConflictError extends DomainError {
  readonly code: string;
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    code = 'conflict',
  ) {
    super(message);
    this.name = 'ConflictError';
    this.code = code;
  }
}

/** Well-formed input that contradicts what was already recorded (e.g. an Idempotency-Key reused for another body). */
export class UnprocessableError extends DomainError {
  readonly code: string;
  constructor(message: string, code = 'unprocessable') {
    super(message);
    this.name = 'UnprocessableError';
    this.code = code;
  }
}

/** A submission that looks automated (honeypot filled, form sent back too fast or with a bad token). */
export class RejectedError extends DomainError {
  readonly code = 'rejected';
  constructor(readonly reason: string) {
    super(`submission rejected: ${reason}`);
    this.name = 'RejectedError';
  }
}

/** A request that must prove its origin did not: no API key and no web-form token, or an unknown or revoked key. */
export class UnauthorizedError extends DomainError {
  constructor(readonly code: 'proof_required' | 'invalid_api_key') {
    super(
      code === 'proof_required' ? 'an API key or a web-form token is required' : 'unknown or revoked API key',
    );
    this.name = 'UnauthorizedError';
  }
}

/** The consent names another version of the personal-data policy than the one in force: the form must reload. */
export class PolicyVersionError extends DomainError {
  readonly code = 'policy_version_mismatch';
  constructor(readonly currentVersion: string) {
    super(`consent must name the policy version in force (${currentVersion})`);
    this.name = 'PolicyVersionError';
  }
}

/**
 * The notice hash a consent sent is not the hash of the notice in force for its language: the form showed another
 * text (an old page, or an edited one) and must reload.
 */
export class NoticeMismatchError extends DomainError {
  readonly code = 'notice_mismatch';
  readonly field = 'consent.noticeHash';
  constructor(
    readonly currentVersion: string,
    readonly currentNoticeHash: string,
  ) {
    super(`consent.noticeHash must be the hash of the notice in force (policy ${currentVersion})`);
    this.name = 'NoticeMismatchError';
  }
}

/** A dependency is throttling or overloaded; nothing was written, and the caller may retry after a while. */
export class UnavailableError extends DomainError {
  readonly code = 'service_unavailable';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'UnavailableError';
  }
}

/** The catalog (data/) breaks an invariant; raised at load, never at request time. */
export class CatalogError extends DomainError {
  readonly code = 'catalog_invalid';
  constructor(readonly problems: readonly string[]) {
    super(`catalog is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'CatalogError';
  }
}

export function formatFieldIssue(issue: FieldIssue): string {
  const allowed = issue.allowed ? ` (allowed: ${issue.allowed.join(', ')})` : '';
  return `${issue.path}: ${issue.message}${allowed}`;
}
