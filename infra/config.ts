// Deployment settings from CDK context (-c key=value, or cdk.json) or ROUTER_* environment variables, validated
// before anything is built: a bad value fails synth naming the setting.
import * as z from 'zod';
import { CONTROLLER_NIT_PLACEHOLDER } from '../data/privacy-notice.js';
import { loadConfig, originList } from '../functions/config.js';

/** The defaults a real deployment must replace: fine for trying `dev`, refused for `prod`. */
export const PLACEHOLDERS = {
  privacyPolicyUrl: 'https://www.certicamara.com/',
  privacyPolicyVersion: '2024-01',
  privacyControllerNit: CONTROLLER_NIT_PLACEHOLDER,
} as const;

/**
 * The regions where SES receives mail (receipt rules, an `inbound-smtp.<region>.amazonaws.com` endpoint), as AWS listed
 * them in 2025 (docs/deploy.md, "Receiving mail"). Replies reach a ticket only through a receipt rule, so a stage
 * pinned elsewhere fails synth. Data, not logic: add a region here when AWS adds it.
 */
export const SES_RECEIVING_REGIONS: readonly string[] = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-north-1',
  'eu-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'il-central-1',
];

/** Why a region cannot receive the replies, or undefined when it can. */
export function receivingRegionProblem(region: string): string | undefined {
  return SES_RECEIVING_REGIONS.includes(region)
    ? undefined
    : `SES does not receive mail in ${region}: pick one of ${SES_RECEIVING_REGIONS.join(', ')}`;
}

/** A true/false setting whose default is on in prod and off in dev (the edge, creating the SES identity, malware scanning). */
function prodDefault(value: 'true' | 'false' | undefined, stage: 'dev' | 'prod'): boolean {
  return (value ?? (stage === 'prod' ? 'true' : 'false')) === 'true';
}

const PLACEHOLDER_DOMAINS = /@(?:[\w-]+\.)*(?:example\.(?:com|org|net)|test|invalid|localhost|local)$/i;

const schema = z
  .object({
    stage: z.enum(['dev', 'prod'], { error: 'must be dev or prod' }).default('dev'),
    /** The AWS account and region this stage deploys to (pinned; prod requires both). */
    account: z
      .string()
      .regex(/^\d{12}$/, 'must be a 12-digit AWS account id')
      .optional(),
    region: z
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as us-east-1')
      .optional(),
    /** The address mail is sent from; its SES identity (address or domain) must be verified. */
    senderAddress: z.email('must be an e-mail address'),
    /**
     * The domain replies come back to (RECEIVING_DOMAIN): every mail about a ticket answers to a signed address on
     * it. Default: `respuestas.` and the sender's domain (respuestas.certicamara.com for notificaciones@
     * certicamara.com). It needs its MX record at SES's inbound endpoint (docs/delivery.md).
     */
    receivingDomain: z
      .string()
      .max(189)
      .regex(
        /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/,
        'must be a lower-case domain name such as respuestas.certicamara.com',
      )
      .optional(),
    /**
     * The SES receipt rule set the stage's receiving rule is added to. Only one rule set is active per account and
     * region, and CloudFormation cannot activate one: every stage in an account adds its rule to the same set.
     */
    receiptRuleSetName: z
      .string()
      .regex(
        /^[A-Za-z0-9](?:[\w.-]{0,62}[A-Za-z0-9])?$/,
        'must be an SES rule set name: letters, digits, _ . - (at most 64, starting and ending alphanumeric)',
      )
      .default('ticket-router'),
    /**
     * `existing` (the default): add the rule to the rule set of that name, which must exist (docs/deploy.md).
     * `create`: this stage's stateful stack creates it (retained); activate it once by hand.
     */
    receiptRuleSet: z
      .enum(['create', 'existing'], { error: 'must be create or existing' })
      .default('existing'),
    /**
     * People who answer tickets by e-mail beyond the catalog's role mailboxes (STAFF_PEOPLE, JSON: functions/config.ts),
     * checked here as the function will read it.
     */
    staffPeople: z.string().max(3000).default('[]'),
    /** GuardDuty Malware Protection for S3 on the received-mail bucket (default: on in prod, off in dev). */
    malwareScanning: z.enum(['true', 'false']).optional(),
    /**
     * Keep byDueTime's projection as a stage deployed before the staff console has it (keys and `rh`), which DynamoDB
     * cannot change in place: the upgrade path of docs/deploy.md. Off by default.
     */
    legacyQueueIndex: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false'),
    /** The SES identity the functions may send as: the sender address or its domain (default: the domain). */
    sesIdentity: z.string().min(3).optional(),
    /**
     * Create the SES identity in this stage's stateful stack. Default: prod creates it, dev uses the one that exists
     * (two stages in one account cannot both create the same identity).
     */
    createSesIdentity: z.enum(['true', 'false']).optional(),
    /** Browser origins allowed by CORS (the web form's). */
    allowedOrigins: originList,
    /** Where alarm notifications go (required in prod). */
    alarmEmail: z.email('must be an e-mail address').optional(),
    /** The public API domain (on CloudFront with the edge; on the API itself without), with its certificate. */
    customDomainName: z.string().min(3).optional(),
    /** An ACM certificate in the stage's region for the API's custom domain (the origin's, with the edge). */
    certificateArn: z
      .string()
      .regex(/^arn:aws[\w-]*:acm:/, 'must be an ACM certificate ARN')
      .optional(),
    /** CloudFront and AWS WAF in front of the API (default: on in prod, off in dev). */
    edge: z.enum(['true', 'false']).optional(),
    /** With the edge: the API's own custom domain, which only CloudFront calls (e.g. origin-api.certicamara.com). */
    edgeOriginDomainName: z.string().min(3).optional(),
    /** With the edge: CloudFront's certificate for customDomainName, which must be in us-east-1. */
    edgeCertificateArn: z
      .string()
      .regex(
        /^arn:aws[\w-]*:acm:us-east-1:/,
        'must be an ACM certificate ARN in us-east-1 (CloudFront needs it there)',
      )
      .optional(),
    /** With the edge: POSTs per client IP per 5 minutes before the WAF answers 429 (WAF's minimum is 10). */
    rateLimitPer5Min: z.coerce.number().int().min(10).max(2_000_000_000).default(100),
    /** With the edge: the same for signed-in staff's ticket actions (POST /staff/tickets/…), counted on their own. */
    staffRateLimitPer5Min: z.coerce.number().int().min(10).max(2_000_000_000).default(1000),
    /** Stage-wide API throttling (requests per second, and burst). */
    throttleRate: z.coerce.number().int().positive().default(25),
    throttleBurst: z.coerce.number().int().positive().default(50),
    /** The personal-data policy (Ley 1581 de 2012) the form's consent links to, and its version (required in prod). */
    privacyPolicyUrl: z
      .url({ protocol: /^https$/, error: 'must be an https URL' })
      .default(PLACEHOLDERS.privacyPolicyUrl),
    privacyPolicyVersion: z.string().min(1).max(40).default(PLACEHOLDERS.privacyPolicyVersion),
    /** The data controller's NIT, named by the notice the form shows (not published in the seeds: required in prod). */
    privacyControllerNit: z.string().min(1).max(40).default(PLACEHOLDERS.privacyControllerNit),
    /** How long the acknowledge/resolve links in staff e-mail work, in hours. */
    actionLinkTtlHours: z.coerce.number().int().min(1).max(2160).default(168),
    /** Acknowledgements per recipient per Bogotá clock hour (0: no limit). */
    ackLimitPerHour: z.coerce.number().int().min(0).max(10_000).default(3),
    /** Years a closed ticket keeps its requester's personal data (then erased, the ticket kept anonymised). */
    retentionYears: z.coerce.number().int().min(1).max(100).default(10),
  })
  .superRefine((c, ctx) => {
    const problem = (path: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message });
    const edge = prodDefault(c.edge, c.stage);
    if (c.region !== undefined) {
      const notReceiving = receivingRegionProblem(c.region);
      if (notReceiving) problem('region', notReceiving);
    }
    try {
      loadConfig({ STAFF_PEOPLE: c.staffPeople }, ['STAFF_PEOPLE']);
    } catch (error) {
      problem('staffPeople', String((error as Error).message).replace(/^.*STAFF_PEOPLE: /, ''));
    }
    if (!edge && (c.customDomainName === undefined) !== (c.certificateArn === undefined)) {
      problem('customDomainName', 'customDomainName and certificateArn go together');
    }
    if (edge) {
      for (const key of [
        'customDomainName',
        'certificateArn',
        'edgeOriginDomainName',
        'edgeCertificateArn',
      ] as const) {
        if (c[key] === undefined)
          problem(key, 'is required with the edge (CloudFront and AWS WAF in front of the API)');
      }
      if (c.region === undefined)
        problem('region', 'is required with the edge (its web ACL lives in us-east-1)');
    }
    if (c.stage !== 'prod') return;
    if (PLACEHOLDER_DOMAINS.test(c.senderAddress)) {
      problem(
        'senderAddress',
        `must be a real, verified sender for prod, not ${c.senderAddress.split('@')[1]}`,
      );
    }
    if (c.privacyPolicyUrl === PLACEHOLDERS.privacyPolicyUrl) {
      problem('privacyPolicyUrl', 'must be the published personal-data policy for prod, not the placeholder');
    }
    if (c.privacyPolicyVersion === PLACEHOLDERS.privacyPolicyVersion) {
      problem('privacyPolicyVersion', 'must be the version of that policy for prod, not the placeholder');
    }
    if (c.privacyControllerNit === PLACEHOLDERS.privacyControllerNit) {
      problem('privacyControllerNit', 'must be the controller’s NIT for prod, not the placeholder');
    }
    if (c.alarmEmail === undefined) problem('alarmEmail', 'is required for prod: alarms must reach a person');
    if (c.account === undefined) problem('account', 'is required for prod (pin the stage to its account)');
    if (c.region === undefined) problem('region', 'is required for prod (pin the stage to its region)');
  });

export type DeployConfig = Omit<
  z.output<typeof schema>,
  'edge' | 'createSesIdentity' | 'receivingDomain' | 'malwareScanning' | 'legacyQueueIndex'
> & {
  readonly sesIdentityName: string;
  /** The receiving domain, resolved (its default is the sender's domain under `respuestas.`). */
  readonly receivingDomain: string;
  readonly createSesIdentity: boolean;
  /** Scan what lands in the received-mail bucket with GuardDuty Malware Protection for S3. */
  readonly malwareScanning: boolean;
  /** byDueTime keeps the projection of a table deployed before the staff console (functions/adapters/table.ts). */
  readonly legacyQueueIndex: boolean;
  /** The edge's settings, when CloudFront and AWS WAF front the API. */
  readonly edge?: {
    readonly domainName: string;
    readonly certificateArn: string;
    readonly originDomainName: string;
  };
};

const KEYS = Object.keys(schema.shape) as (keyof z.input<typeof schema>)[];

/** `tryGetContext` for each setting, falling back to ROUTER_<SETTING_IN_SNAKE_CASE> (e.g. ROUTER_ACCOUNT). */
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
  const { edge, createSesIdentity, receivingDomain, malwareScanning, legacyQueueIndex, ...config } =
    result.data;
  const senderDomain = (config.senderAddress.split('@')[1] as string).toLowerCase();
  return {
    ...config,
    receivingDomain: receivingDomain ?? `respuestas.${senderDomain}`,
    createSesIdentity: prodDefault(createSesIdentity, config.stage),
    malwareScanning: prodDefault(malwareScanning, config.stage),
    legacyQueueIndex: legacyQueueIndex === 'true',
    ...(prodDefault(edge, config.stage)
      ? {
          edge: {
            domainName: String(config.customDomainName),
            certificateArn: String(config.edgeCertificateArn),
            originDomainName: String(config.edgeOriginDomainName),
          },
        }
      : {}),
    sesIdentityName: config.sesIdentity ?? (config.senderAddress.split('@')[1] as string),
  };
}
