// Settings from the environment, validated once at cold start; a bad or missing one fails with its name.
import * as z from 'zod';

/** Comma-separated http(s) origins (CORS), as the functions and the CDK app both read them. */
export const originList = z
  .string()
  .default('')
  .transform((text) =>
    text
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.url({ protocol: /^https?$/, error: 'each origin must be an http(s) URL' })));

const endpoint = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional();

const settings = z.object({
  /** The DynamoDB table of tickets, history, counters, idempotency records and the notification outbox. */
  TABLE_NAME: z.string().min(1, 'is required'),
  /** The API's public base URL, for statusUrl (e.g. https://api.example.com). */
  PUBLIC_BASE_URL: z
    .url({ protocol: /^https?$/, error: 'must be the http(s) base URL of the API' })
    .transform((url) => url.replace(/\/+$/, '')),
  /** Secret for the HMAC of status-link tokens: at least 32 characters of random data. */
  TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters of random data'),
  /** Secret for the HMAC of staff action links (acknowledge, resolve): at least 32 characters of random data. */
  ACTION_LINK_SECRET: z.string().min(32, 'must be at least 32 characters of random data'),
  /** How long action links in staff mail work, in hours (default 7 days). */
  ACTION_LINK_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(168),
  /** The verified SES identity mail is sent from. */
  MAIL_FROM: z.email('must be the e-mail address of a verified SES identity'),
  /** Browser origins allowed by CORS, comma-separated. */
  ALLOWED_ORIGINS: originList,
  SES_CONFIGURATION_SET: z.string().min(1).optional(),
  /** The SNS topic P1-line routes (and escalations to level 3) are published to. */
  PAGER_TOPIC_ARN: z
    .string()
    .regex(/^arn:aws[\w-]*:sns:/, 'must be an SNS topic ARN')
    .optional(),
  /** How long a person needs at least to fill the web form; quicker submissions are a bot's. */
  FORM_MIN_FILL_MS: z.coerce.number().int().min(0).max(600_000).default(3000),
  /** The personal-data policy (Ley 1581 de 2012) the form links to. */
  PRIVACY_POLICY_URL: z
    .url({ protocol: /^https?$/, error: 'must be the http(s) URL of the data policy' })
    .default('https://www.certicamara.com/'),
  /** The version of that policy the form's consent refers to (stored with each ticket). */
  PRIVACY_POLICY_VERSION: z.string().min(1).max(40).default('2024-01'),
  /** Local endpoints (the twin); unset in AWS. */
  DYNAMODB_ENDPOINT: endpoint,
  SES_ENDPOINT: endpoint,
  AWS_REGION: z.string().min(1).default('us-east-1'),
});

export type Settings = z.output<typeof settings>;
export type SettingName = keyof Settings;

/** Reads the named settings (and only those) from `env`; throws one error naming every bad or missing setting. */
export function loadConfig<K extends SettingName>(
  env: Readonly<Record<string, string | undefined>>,
  names: readonly K[],
): Pick<Settings, K> {
  const mask: Partial<Record<SettingName, true>> = Object.fromEntries(names.map((n) => [n, true]));
  const result = settings.pick(mask).safeParse(env);
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
