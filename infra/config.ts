// Deployment settings from CDK context (-c key=value, or cdk.json) or ROUTER_* environment variables, validated
// before anything is built: a bad value fails synth naming the setting.
import * as z from 'zod';
import { originList } from '../functions/config.js';

const schema = z
  .object({
    stage: z.enum(['dev', 'prod'], { error: 'must be dev or prod' }).default('dev'),
    /** The address mail is sent from; its SES identity (address or domain) must be verified. */
    senderAddress: z.email('must be an e-mail address'),
    /** The SES identity the functions may send as: the sender address or its domain (default: the domain). */
    sesIdentity: z.string().min(3).optional(),
    /** Create the SES identity in the stateful stack (false when it already exists in the account). */
    createSesIdentity: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true'),
    /** Browser origins allowed by CORS (the web form's). */
    allowedOrigins: originList,
    /** Where alarm notifications go (optional). */
    alarmEmail: z.email('must be an e-mail address').optional(),
    /** Optional custom domain for the API, with an ACM certificate in the same region. */
    customDomainName: z.string().min(3).optional(),
    certificateArn: z
      .string()
      .regex(/^arn:aws[\w-]*:acm:/, 'must be an ACM certificate ARN')
      .optional(),
    /** Stage-wide API throttling (requests per second, and burst). */
    throttleRate: z.coerce.number().int().positive().default(25),
    throttleBurst: z.coerce.number().int().positive().default(50),
    /** The personal-data policy (Ley 1581 de 2012) the form's consent links to, and its version. */
    privacyPolicyUrl: z
      .url({ protocol: /^https$/, error: 'must be an https URL' })
      .default('https://www.certicamara.com/'),
    privacyPolicyVersion: z.string().min(1).max(40).default('2024-01'),
    /** How long the acknowledge/resolve links in staff e-mail work, in hours. */
    actionLinkTtlHours: z.coerce.number().int().min(1).max(2160).default(168),
  })
  .refine((c) => (c.customDomainName === undefined) === (c.certificateArn === undefined), {
    message: 'customDomainName and certificateArn go together',
    path: ['customDomainName'],
  });

export type DeployConfig = z.output<typeof schema> & {
  readonly sesIdentityName: string;
  /** The policy settings as the web function reads them. */
  readonly privacy: { readonly PRIVACY_POLICY_URL: string; readonly PRIVACY_POLICY_VERSION: string };
};

const KEYS = Object.keys(schema.shape) as (keyof z.input<typeof schema>)[];

/** `tryGetContext` for each setting, falling back to ROUTER_<SETTING_IN_SNAKE_CASE>. */
export function readDeployConfig(
  context: (key: string) => unknown,
  env: Readonly<Record<string, string | undefined>> = process.env,
): DeployConfig {
  const raw = Object.fromEntries(
    KEYS.map((key) => {
      const fromContext = context(key);
      const envName = `ROUTER_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
      const value = fromContext ?? env[envName];
      return [key, Array.isArray(value) ? value.join(',') : value === undefined ? undefined : String(value)];
    }),
  );
  const result = schema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(config)'}: ${i.message}`);
    throw new Error(`deployment configuration is invalid: ${problems.join('; ')}`);
  }
  const config = result.data;
  return {
    ...config,
    sesIdentityName: config.sesIdentity ?? (config.senderAddress.split('@')[1] as string),
    privacy: {
      PRIVACY_POLICY_URL: config.privacyPolicyUrl,
      PRIVACY_POLICY_VERSION: config.privacyPolicyVersion,
    },
  };
}
