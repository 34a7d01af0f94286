// The Lambda functions, each declared once: its entry (functions/lambda/<name>.ts), what invokes it, its size, the
// settings it is given and what its role may do. The stateless stack builds every function, its environment and its
// permissions by walking this table (infra/function-builder.ts); test/infra/function-settings.test.ts checks that each
// function is given exactly the settings its entry reads.
import { Duration } from 'aws-cdk-lib';
import type { INDEXES } from '../functions/adapters/table.js';
import type { SettingName } from '../functions/config.js';
import type { SecretName } from '../functions/secrets.js';
import type { DeployConfig } from './config.js';
import { type FunctionName, PROJECT_ROOT } from './constructs/bundling.js';
import { INBOUND_PREFIX } from './mail-receiving.js';

/** What the stack resolves settings from (CloudFormation tokens, most of them). */
export interface DeployedValues {
  readonly config: DeployConfig;
  readonly tableName: string;
  readonly publicBaseUrl: string;
  readonly mailConfigurationSet: string;
  readonly pagerTopicArn: string;
  readonly receivedMailBucket: string;
}

/** A setting the stack puts in the environment under its own name. */
type Value = { readonly value: (deployed: DeployedValues) => string };
/** A setting the stack never sets, and why. */
type Unset = { readonly unset: string };
/** A secret: its ARN as `<NAME>_ARN` in the environment, and read access to it (functions/secrets.ts). */
type Secret = { readonly secret: true };

const SECRET: Secret = { secret: true };
const fromConfig = (pick: (config: DeployConfig) => string | number): Value => ({
  value: (deployed) => String(pick(deployed.config)),
});

/**
 * Where each setting of functions/config.ts comes from in AWS. Exhaustive: a new setting there does not compile until
 * it is given a source here, and only the four HMAC keys can (and must) be secrets.
 */
export const SETTING_SOURCES = {
  TABLE_NAME: { value: (d) => d.tableName },
  PUBLIC_BASE_URL: { value: (d) => d.publicBaseUrl },
  TOKEN_SECRET: SECRET,
  ACTION_LINK_SECRET: SECRET,
  FORM_TOKEN_SECRET: SECRET,
  REQUESTER_HASH_SECRET: SECRET,
  ACTION_LINK_TTL_HOURS: fromConfig((c) => c.actionLinkTtlHours),
  MAIL_FROM: fromConfig((c) => c.senderAddress),
  RECEIVING_DOMAIN: fromConfig((c) => c.receivingDomain),
  SES_CONFIGURATION_SET: { value: (d) => d.mailConfigurationSet },
  PAGER_TOPIC_ARN: { value: (d) => d.pagerTopicArn },
  ACK_LIMIT_PER_HOUR: fromConfig((c) => c.ackLimitPerHour),
  RETENTION_YEARS: fromConfig((c) => c.retentionYears),
  PRIVACY_POLICY_URL: fromConfig((c) => c.privacyPolicyUrl),
  PRIVACY_POLICY_VERSION: fromConfig((c) => c.privacyPolicyVersion),
  PRIVACY_CONTROLLER_NIT: fromConfig((c) => c.privacyControllerNit),
  INBOUND_BUCKET: { value: (d) => d.receivedMailBucket },
  // Set, not left to its default: the receipt rule writes, the role may read and the lifecycle expires this prefix.
  INBOUND_PREFIX: { value: () => INBOUND_PREFIX },
  STAFF_PEOPLE: fromConfig((c) => c.staffPeople),
  // The deploy flag that creates GuardDuty's plan: with it on, only files it tagged clean are served.
  MALWARE_SCANNING: fromConfig((c) => String(c.malwareScanning)),
  ALLOWED_ORIGINS: {
    unset: 'CORS is the HTTP API’s own in AWS (corsPreflight); only the local twin reads it',
  },
  FORM_MIN_FILL_MS: { unset: 'the handlers’ default (3 s) applies' },
  DYNAMODB_ENDPOINT: { unset: 'a local endpoint, for the twin' },
  SES_ENDPOINT: { unset: 'a local endpoint, for the twin' },
  S3_ENDPOINT: { unset: 'a local endpoint, for the twin' },
  AWS_REGION: { unset: 'set by the Lambda runtime' },
} as const satisfies { readonly [K in SettingName]: K extends SecretName ? Secret : Value | Unset };

/** The settings the stack sets (or grants, for secrets): the only ones a function's entry below may list. */
export type DeployedSetting = {
  [K in SettingName]: (typeof SETTING_SOURCES)[K] extends Unset ? never : K;
}[SettingName];

export const isSecret = (name: SettingName): name is SecretName => 'secret' in SETTING_SOURCES[name];

/** The environment variable a setting travels in. */
export const variableOf = (name: DeployedSetting): string => (isSecret(name) ? `${name}_ARN` : name);

export type TableAccess = 'read' | 'write' | 'batch';
export type AttachmentAccess = 'sign-uploads' | 'serve' | 'store' | 'erase';
type IndexName = (typeof INDEXES)[number]['name'];

export interface FunctionSpec {
  readonly description: string;
  /**
   * What invokes it: the HTTP API (its routes are in functions/routes.ts), the table's stream, a schedule, SES
   * events through EventBridge or SES's receipt rule (infra/mail-receiving.ts). The last three are asynchronous:
   * invocations that keep failing go to the async DLQ.
   */
  readonly trigger: 'api' | 'stream' | 'schedule' | 'ses-events' | 'ses-receipt';
  /** Default 10 s. */
  readonly timeout?: Duration;
  /** Default 512 MB. */
  readonly memorySize?: number;
  /** Every setting its entry reads that the stack provides, in the order the environment lists them. */
  readonly settings: readonly DeployedSetting[];
  /** The kinds of item access it has on the table itself (never `index/*`), and the indexes it may query. */
  readonly table?: { readonly access: readonly TableAccess[]; readonly indexes?: readonly IndexName[] };
  /** ses:SendEmail, only as the configured identity, through the stack's configuration set, from the sender. */
  readonly sendsMail?: true;
  /** sns:Publish to the p1-alerts topic, with the two actions that topic's key needs for it. */
  readonly pages?: true;
  /** s3:GetObject on the received-mail bucket's inbound/ prefix, and nothing else there. */
  readonly readsReceivedMail?: true;
  /**
   * What it does with the files under the bucket's attachments/ prefix: `sign-uploads` (s3:PutObject, which the
   * presigned POSTs it signs act with), `serve` (s3:GetObject and s3:GetObjectTagging: the presigned GETs and the scan
   * verdict), `store` (s3:PutObject: a received mail's files), `erase` (s3:ListBucket on the prefix, s3:DeleteObject).
   */
  readonly attachments?: readonly AttachmentAccess[];
  /** Shell commands run after bundling, to add files beside the bundle. */
  readonly afterBundling?: (inputDir: string, outputDir: string) => string[];
}

/** The notifier and the redrive deliver the same notifications, with the same settings and permissions. */
const DELIVERY = {
  settings: [
    'TABLE_NAME',
    'TOKEN_SECRET',
    'PUBLIC_BASE_URL',
    'PRIVACY_POLICY_VERSION',
    'ACTION_LINK_SECRET',
    'ACTION_LINK_TTL_HOURS',
    'MAIL_FROM',
    'SES_CONFIGURATION_SET',
    'PAGER_TOPIC_ARN',
    'ACK_LIMIT_PER_HOUR',
    // The acknowledgement quota and a lookup's tickets are found by the address's keyed hash.
    'REQUESTER_HASH_SECRET',
    // Every mail about a ticket answers to its signed reply addresses on this domain.
    'RECEIVING_DOMAIN',
  ],
  sendsMail: true,
  pages: true,
} as const;

/** In this order in the stack (the dashboard lists them so). */
export const FUNCTIONS: Readonly<Record<FunctionName, FunctionSpec>> = {
  'create-request': {
    description: 'POST /requests: validate, route and record a request',
    trigger: 'api',
    settings: [
      'TABLE_NAME',
      'TOKEN_SECRET',
      'PUBLIC_BASE_URL',
      'PRIVACY_POLICY_VERSION',
      'PRIVACY_POLICY_URL',
      'PRIVACY_CONTROLLER_NIT',
      'FORM_TOKEN_SECRET',
      // A new ticket stores its requester's keyed address hash (`rh`).
      'REQUESTER_HASH_SECRET',
    ],
    table: { access: ['read', 'write'] },
  },
  'get-request': {
    description: 'GET /requests/{id}: a ticket for the holder of its token',
    trigger: 'api',
    // The base URL of its files' signed download links.
    settings: ['TABLE_NAME', 'TOKEN_SECRET', 'PUBLIC_BASE_URL'],
    table: { access: ['read'] },
  },
  'preview-routing': {
    description: 'GET /routing: preview the routing decision',
    trigger: 'api',
    settings: [],
  },
  'lookup-requests': {
    description: 'POST /requests/lookup: mail lost status links',
    trigger: 'api',
    // Its rate windows are keyed by the address's keyed hash.
    settings: ['TABLE_NAME', 'REQUESTER_HASH_SECRET'],
    table: { access: ['write'] },
  },
  'escalate-request': {
    description: 'POST /requests/{id}/escalate and /complete: the requester escalates or completes a ticket',
    trigger: 'api',
    settings: ['TABLE_NAME', 'TOKEN_SECRET', 'PUBLIC_BASE_URL'],
    table: { access: ['read', 'write'] },
  },
  attachments: {
    description: 'POST /requests/{id}/attachments, GET /attachments/{token}: upload forms and downloads',
    trigger: 'api',
    // The status token (uploads) and the download links are both under the status-link key.
    settings: ['TABLE_NAME', 'TOKEN_SECRET', 'INBOUND_BUCKET', 'MALWARE_SCANNING'],
    table: { access: ['read', 'write'] },
    attachments: ['sign-uploads', 'serve'],
  },
  'staff-actions': {
    description:
      'GET/POST /actions: the links of staff mail (acknowledge, resolve, extend, ask to complete, erase)',
    trigger: 'api',
    // The address-hash key finds a requester's tickets for an erasure on request, which deletes their files too.
    settings: ['TABLE_NAME', 'ACTION_LINK_SECRET', 'REQUESTER_HASH_SECRET', 'INBOUND_BUCKET'],
    table: { access: ['read', 'write'] },
    attachments: ['erase'],
  },
  'staff-console': {
    description:
      'GET/POST /staff/*: the staff console (sign-in by mailed link, queues, tickets, search, PQRSA report)',
    trigger: 'api',
    settings: [
      'TABLE_NAME',
      // Sign-in links are signed under a key derived from the staff-link secret (functions/adapters/sign-in-links.ts).
      'ACTION_LINK_SECRET',
      // Search by requester address (the keyed hash index) and the sign-in requests' hourly windows.
      'REQUESTER_HASH_SECRET',
      // The directory that may sign in: the catalog's role mailboxes and these people.
      'STAFF_PEOPLE',
      // Its origin's scheme decides the session cookie's Secure flag.
      'PUBLIC_BASE_URL',
      // The signed download links of a ticket's files.
      'TOKEN_SECRET',
    ],
    // Queues from byDueTime, the report from byMonth, search through the requester hash; never a scan.
    table: { access: ['read', 'write'], indexes: ['byDueTime', 'byMonth'] },
  },
  sweep: {
    description: 'Every minute: escalate overdue tickets, remind PQRSA terms, erase data past its retention',
    trigger: 'schedule',
    timeout: Duration.seconds(50),
    // The retention erasure deletes the erased tickets' files.
    settings: ['TABLE_NAME', 'RETENTION_YEARS', 'INBOUND_BUCKET'],
    // It queries only byDueTime (overdue tickets; closed ones past retention) and reads the tickets it names by key.
    table: { access: ['write', 'batch'], indexes: ['byDueTime'] },
    attachments: ['erase'],
  },
  web: {
    description: 'GET /, /status, /assets, /form-token: the web form, the status page and form tokens',
    trigger: 'api',
    // The form-token key only: the public web function holds nothing that signs a ticket's links.
    settings: [
      'FORM_TOKEN_SECRET',
      'PRIVACY_POLICY_URL',
      'PRIVACY_POLICY_VERSION',
      'PRIVACY_CONTROLLER_NIT',
      'INBOUND_BUCKET',
    ],
    // The built pages travel beside the bundle, in web/.
    afterBundling: (_input, output) => [
      `node --import tsx ${PROJECT_ROOT}scripts/web-build.ts ${output}/web`,
    ],
  },
  notify: {
    description: 'Table stream: send the notifications recorded with tickets',
    trigger: 'stream',
    timeout: Duration.seconds(30),
    ...DELIVERY,
    // It also answers lost-link lookups: a requester's open tickets come from byDueTime.
    table: { access: ['read', 'write', 'batch'], indexes: ['byDueTime'] },
  },
  redrive: {
    description: 'Every minute: attempt the notifications and lookups the retry index says are due',
    trigger: 'schedule',
    timeout: Duration.seconds(60),
    ...DELIVERY,
    // byRetry: what is due; byDueTime: a lost-link lookup's open tickets.
    table: { access: ['read', 'write', 'batch'], indexes: ['byRetry', 'byDueTime'] },
  },
  'ses-events': {
    description: 'SES bounces and complaints into the ticket history',
    trigger: 'ses-events',
    settings: ['TABLE_NAME'],
    table: { access: ['read', 'write'] },
  },
  'receive-mail': {
    description:
      'Mail to the reply addresses (SES receipt rule): recorded on its ticket, forwarded or refused',
    trigger: 'ses-receipt',
    timeout: Duration.seconds(30),
    settings: [
      'TABLE_NAME',
      // The reply addresses are signed with the staff-link key (its previous version still accepted).
      'ACTION_LINK_SECRET',
      'RECEIVING_DOMAIN',
      'INBOUND_BUCKET',
      'INBOUND_PREFIX',
      'STAFF_PEOPLE',
    ],
    // It reads the ticket a reply is for and records the reply with the transition in one conditional transaction.
    table: { access: ['read', 'write'] },
    readsReceivedMail: true,
    // A recorded mail's files are stored under attachments/.
    attachments: ['store'],
  },
};

/** Invoked asynchronously (by EventBridge or SES): failed invocations go to an on-failure destination. */
export const invokedAsynchronously = (spec: FunctionSpec): boolean =>
  spec.trigger === 'schedule' || spec.trigger === 'ses-events' || spec.trigger === 'ses-receipt';

/** A function's environment as the stack sets it: each setting's value, or its secret's ARN. */
export function environmentOf(
  spec: FunctionSpec,
  deployed: DeployedValues,
  secretArn: (name: SecretName) => string,
): Record<string, string> {
  return Object.fromEntries(
    spec.settings.map((name) => {
      if (isSecret(name)) return [variableOf(name), secretArn(name)];
      const source: Value = SETTING_SOURCES[name];
      return [variableOf(name), source.value(deployed)];
    }),
  );
}

/** The construct id of a function (and the prefix of its resources' logical ids): `create-request` → CreateRequest. */
export function constructIdOf(name: string): string {
  return name.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase());
}
