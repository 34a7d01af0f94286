// Settings from the environment, validated once at cold start; a bad or missing one fails with its name.
import * as z from 'zod/mini';
import { CONTROLLER_NIT_PLACEHOLDER } from '#data/privacy-notice.js';

const httpUrl = (error: string) => z.url({ protocol: /^https?$/, error });

/** Comma-separated http(s) origins (CORS), as the functions and the CDK app both read them. */
export const originList = z.pipe(
  z.pipe(
    z._default(z.string(), ''),
    z.transform((text: string) =>
      text
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    ),
  ),
  z.array(httpUrl('each origin must be an http(s) URL')),
);

const endpoint = z.optional(httpUrl('must be an http(s) URL'));
/** An HMAC key as a setting: at least 32 characters (scripts/reindex.ts checks the address-hash key it is given so). */
export const secret = z.string().check(z.minLength(32, 'must be at least 32 characters of random data'));
/** A whole number from the environment (text), within bounds, with a default. */
const count = (min: number, max: number, fallback: number) => {
  const error = `must be a whole number from ${min} to ${max}`;
  return z._default(
    z.coerce.number({ error }).check(z.int({ error }), z.gte(min, { error }), z.lte(max, { error })),
    fallback,
  );
};
const nonEmpty = (max = 2048) =>
  z.string().check(z.minLength(1, 'is required'), z.maxLength(max, `must be at most ${max} characters`));

/** Configured staff who answer by e-mail (the catalog's role mailboxes count already): JSON, default none. */
const staffPeople = z.pipe(
  z.pipe(
    z._default(z.string(), '[]'),
    z.transform((text: string, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.issues.push({ code: 'custom', message: 'must be JSON', input: text });
        return z.NEVER;
      }
    }),
  ),
  z.array(
    z.strictObject({
      email: z.email('each email must be an e-mail address'),
      name: nonEmpty(120),
      level: z.union([z.literal(1), z.literal(2), z.literal(3)], { error: 'each level must be 1, 2 or 3' }),
      queues: z.array(
        z.pipe(
          z
            .string()
            .check(
              z.regex(
                /^[a-z0-9-]+\/(support|pqrsa)$/,
                'each queue must be <product>/support or <product>/pqrsa',
              ),
            ),
          z.transform((ref: string) => {
            const [product = '', queue] = ref.split('/');
            return { product, queue: queue as 'support' | 'pqrsa' };
          }),
        ),
      ),
    }),
  ),
);

const settings = z.object({
  /** The DynamoDB table of tickets, history, idempotency records and lookups. */
  TABLE_NAME: nonEmpty(),
  /** The API's public base URL, for statusUrl (e.g. https://api.example.com). */
  PUBLIC_BASE_URL: z.pipe(
    httpUrl('must be the http(s) base URL of the API'),
    z.transform((url: string) => url.replace(/\/+$/, '')),
  ),
  /** Secret for the HMAC of status-link tokens: at least 32 characters of random data. */
  TOKEN_SECRET: secret,
  /** Secret for the HMAC of staff action links (acknowledge, resolve): at least 32 characters of random data. */
  ACTION_LINK_SECRET: secret,
  /** Secret for the HMAC of the web form's serving tokens (its own, so the public web function holds only it). */
  FORM_TOKEN_SECRET: secret,
  /**
   * Secret for the HMAC of requesters' addresses wherever one is stored hashed (a ticket's `rh`, the rate windows).
   * Never rotated in place: the stored hashes are under it (docs/operations.md).
   */
  REQUESTER_HASH_SECRET: secret,
  /** How long action links in staff mail work, in hours (default 7 days). */
  ACTION_LINK_TTL_HOURS: count(1, 24 * 90, 168),
  /** The verified SES identity mail is sent from. */
  MAIL_FROM: z.email('must be the e-mail address of a verified SES identity'),
  /**
   * The domain replies come back to: every mail about a ticket answers to a signed address on it
   * (functions/adapters/reply-addresses.ts), e.g. respuestas.certicamara.com; SES receives its mail.
   */
  RECEIVING_DOMAIN: z.string().check(
    // An address is at most 254 characters: a local part of up to 64, the @, and this.
    z.maxLength(189, 'must be at most 189 characters'),
    z.regex(
      /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/,
      'must be a domain name such as respuestas.example.com',
    ),
  ),
  /** Browser origins allowed by CORS, comma-separated. */
  ALLOWED_ORIGINS: originList,
  /** The bucket the receipt rule writes received raw messages to, and the key prefix it writes under. */
  INBOUND_BUCKET: nonEmpty(63),
  INBOUND_PREFIX: z._default(z.string().check(z.maxLength(200)), 'inbound/'),
  /**
   * Whether GuardDuty Malware Protection scans the bucket: on, an attachment is served only once tagged
   * `GuardDutyMalwareScanStatus=NO_THREATS_FOUND`; off (accounts without it), once it exists.
   */
  MALWARE_SCANNING: z.pipe(
    z._default(z.enum(['true', 'false'], { error: 'must be true or false' }), 'true'),
    z.transform((v: 'true' | 'false') => v === 'true'),
  ),
  /**
   * People who answer tickets by e-mail, beyond the catalog's role mailboxes: JSON, e.g.
   * `[{"email":"laura@certicamara.com","name":"Laura Gómez","level":2,"queues":["certifactura/support"]}]`.
   */
  STAFF_PEOPLE: staffPeople,
  SES_CONFIGURATION_SET: z.optional(nonEmpty()),
  /** The SNS topic P1-line routes (and escalations to level 3) are published to. */
  PAGER_TOPIC_ARN: z.optional(z.string().check(z.regex(/^arn:aws[\w-]*:sns:/, 'must be an SNS topic ARN'))),
  /**
   * Acknowledgements mailed to one address per Bogotá clock hour (0: no limit): past it, tickets are still recorded
   * and routed, and the acknowledgement is withheld, so the public form cannot flood a stranger's mailbox.
   */
  ACK_LIMIT_PER_HOUR: count(0, 10_000, 3),
  /**
   * Years a closed ticket keeps its requester's personal data before it is erased and the ticket kept anonymised
   * (default 10: Ley 962 de 2005 art. 28; see docs/legal.md).
   */
  RETENTION_YEARS: count(1, 100, 10),
  /** How long a person needs at least to fill the web form; quicker submissions are a bot's. */
  FORM_MIN_FILL_MS: count(0, 600_000, 3000),
  /** The personal-data policy (Ley 1581 de 2012) the form links to. */
  PRIVACY_POLICY_URL: z._default(
    httpUrl('must be the http(s) URL of the data policy'),
    'https://www.certicamara.com/',
  ),
  /** The version of that policy the form's consent refers to (stored with each ticket). */
  PRIVACY_POLICY_VERSION: z._default(nonEmpty(40), '2024-01'),
  /** The data controller's NIT, which the notice names (the placeholder is refused by a `prod` synth). */
  PRIVACY_CONTROLLER_NIT: z._default(nonEmpty(40), CONTROLLER_NIT_PLACEHOLDER),
  /** Local endpoints (the twin); unset in AWS. */
  DYNAMODB_ENDPOINT: endpoint,
  SES_ENDPOINT: endpoint,
  S3_ENDPOINT: endpoint,
  AWS_REGION: z._default(nonEmpty(), 'us-east-1'),
});

export type Settings = z.output<typeof settings>;
export type SettingName = keyof Settings;

/** Reads the named settings (and only those) from `env`; throws one error naming every bad or missing setting. */
export function loadConfig<K extends SettingName>(
  env: Readonly<Record<string, string | undefined>>,
  names: readonly K[],
): Pick<Settings, K> {
  const mask: Partial<Record<SettingName, true>> = Object.fromEntries(names.map((n) => [n, true]));
  const result = z.pick(settings, mask).safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => {
      const name = String(i.path[0]);
      const missing = i.code === 'invalid_type' && env[name] === undefined;
      return `${name}: ${missing ? 'is required' : i.message}`;
    });
    throw new Error(`configuration is invalid: ${problems.join('; ')}`);
  }
  return result.data as unknown as Pick<Settings, K>;
}
