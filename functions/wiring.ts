// Composition: builds each handler's dependencies from validated settings. Lambda entry points (functions/lambda)
// and the local twin call the same builders; only the settings (endpoints) and, in the twin, the clock differ.
import { catalog } from '#data/index.js';
import { downloadLink, erasingAttachments } from '#domain/attachments.js';
import type { ActionDeps } from '#domain/escalation/actions.js';
import { mayRequestInfo } from '#domain/escalation/completion.js';
import { EscalationPolicy } from '#domain/escalation/policy.js';
import type { SweepDeps } from '#domain/escalation/sweep.js';
import type { LookupDeliveryDeps } from '#domain/intake/lookup.js';
import type { IntakeDeps } from '#domain/intake/submit.js';
import type { DeliveryDeps } from '#domain/notify/deliver.js';
import type { Clock, Pager } from '#domain/ports.js';
import type { RetentionDeps } from '#domain/retention.js';
import { RoutingEngine } from '#domain/routing/engine.js';
import { DynamoApiKeys } from './adapters/api-keys.js';
import { HmacDownloadLinks } from './adapters/attachment-links.js';
import { documentClient, sesClient, snsClient } from './adapters/clients.js';
import { DynamoStore } from './adapters/dynamo-store.js';
import {
  HmacAccessTokens,
  HmacActionLinks,
  HmacFormTokens,
  type SecretSource,
} from './adapters/hmac-tokens.js';
import { HmacReplyAddresses } from './adapters/reply-addresses.js';
import { keyedRequesterHash, withoutRequesterHash } from './adapters/requester-hash.js';
import { S3Attachments } from './adapters/s3-attachments.js';
import { s3Client } from './adapters/s3-raw-mail.js';
import { SesMailer } from './adapters/ses-mailer.js';
import { HmacSignInLinks } from './adapters/sign-in-links.js';
import { SnsPager } from './adapters/sns-pager.js';
import type { Settings } from './config.js';
import type { AttachmentDeps } from './http/attachments.js';
import type { CreateRequestDeps } from './http/create-request.js';
import type { GetRequestDeps } from './http/get-request.js';
import type { PreviewRoutingDeps } from './http/preview-routing.js';
import { TicketMailComposer } from './notify/compose.js';
import { intakeNotice } from './privacy-notice.js';
import type { SecretName, SecretRings } from './secrets.js';

export const systemClock: Clock = { now: () => Date.now() };

/** A secret as the token classes take it: its rotating versions in AWS, else the value in the settings. */
export function secretOf<N extends SecretName>(
  config: Pick<Settings, N>,
  rings: SecretRings,
  name: N,
): SecretSource {
  return rings[name] ?? (config[name] as string);
}

let sharedEngine: RoutingEngine | undefined;
/** The routing engine over the validated catalog, compiled once per process. */
export function routingEngine(): RoutingEngine {
  sharedEngine ??= new RoutingEngine(catalog);
  return sharedEngine;
}

export function escalationPolicy(): EscalationPolicy {
  const { desks, businessDays } = routingEngine();
  return new EscalationPolicy({
    desks,
    businessDays,
    sla: catalog.sla,
    legalTerm: catalog.pqrsa.legalTerm,
    typeTerm: (type) => catalog.requestTypes.find((t) => t.id === type)?.term,
  });
}

/** What the intake takes from the catalog: reading, deciding, the first watch, the radicado prefixes. */
export function intakeRouting(): Pick<IntakeDeps, 'vocabulary' | 'router' | 'policy' | 'products'> {
  const { vocabulary, router } = routingEngine();
  return { vocabulary, router, policy: escalationPolicy(), products: catalog.products };
}

type StoreSettings = Pick<Settings, 'TABLE_NAME' | 'AWS_REGION' | 'DYNAMODB_ENDPOINT'>;

export const CREATE_REQUEST_SETTINGS = [
  'TABLE_NAME',
  'AWS_REGION',
  'DYNAMODB_ENDPOINT',
  'PUBLIC_BASE_URL',
  'TOKEN_SECRET',
  'FORM_TOKEN_SECRET',
  'REQUESTER_HASH_SECRET',
  'FORM_MIN_FILL_MS',
  'PRIVACY_POLICY_VERSION',
  'PRIVACY_POLICY_URL',
  'PRIVACY_CONTROLLER_NIT',
] as const;

export const LOOKUP_SETTINGS = [
  'TABLE_NAME',
  'AWS_REGION',
  'DYNAMODB_ENDPOINT',
  'REQUESTER_HASH_SECRET',
] as const;

export const WEB_SETTINGS = [
  'FORM_TOKEN_SECRET',
  'FORM_MIN_FILL_MS',
  'PRIVACY_POLICY_URL',
  'PRIVACY_POLICY_VERSION',
  'PRIVACY_CONTROLLER_NIT',
  'AWS_REGION',
  // The bucket the pages upload attachments to (its origin goes in the pages' connect-src): a name, no access.
  'INBOUND_BUCKET',
] as const;

/** The web form's serving tokens, under their own secret. */
export function formTokens(
  config: Pick<Settings, 'FORM_TOKEN_SECRET' | 'FORM_MIN_FILL_MS'>,
  rings: SecretRings = {},
): HmacFormTokens {
  return new HmacFormTokens(secretOf(config, rings, 'FORM_TOKEN_SECRET'), config.FORM_MIN_FILL_MS);
}
export const GET_REQUEST_SETTINGS = [
  'TABLE_NAME',
  'AWS_REGION',
  'DYNAMODB_ENDPOINT',
  'TOKEN_SECRET',
  'PUBLIC_BASE_URL',
] as const;
/** Where the files of tickets are kept (the received-mail bucket) and whether they must be scanned clean. */
const FILE_SETTINGS = ['INBOUND_BUCKET', 'S3_ENDPOINT'] as const;
export const ATTACHMENT_SETTINGS = [
  'TABLE_NAME',
  'AWS_REGION',
  'DYNAMODB_ENDPOINT',
  'TOKEN_SECRET',
  ...FILE_SETTINGS,
  'MALWARE_SCANNING',
] as const;
export const SWEEP_SETTINGS = [
  'TABLE_NAME',
  'AWS_REGION',
  'DYNAMODB_ENDPOINT',
  'RETENTION_YEARS',
  ...FILE_SETTINGS,
] as const;
export const STAFF_ACTION_SETTINGS = [
  'TABLE_NAME',
  'AWS_REGION',
  'DYNAMODB_ENDPOINT',
  'ACTION_LINK_SECRET',
  'REQUESTER_HASH_SECRET',
  ...FILE_SETTINGS,
] as const;
export const DELIVERY_SETTINGS = [
  'TABLE_NAME',
  'AWS_REGION',
  'DYNAMODB_ENDPOINT',
  'PUBLIC_BASE_URL',
  'TOKEN_SECRET',
  'PRIVACY_POLICY_VERSION',
  'ACTION_LINK_SECRET',
  'ACTION_LINK_TTL_HOURS',
  'MAIL_FROM',
  'SES_ENDPOINT',
  'SES_CONFIGURATION_SET',
  'PAGER_TOPIC_ARN',
  'ACK_LIMIT_PER_HOUR',
  'REQUESTER_HASH_SECRET',
  'RECEIVING_DOMAIN',
] as const;

/** Without REQUESTER_HASH_SECRET (a function that never finds or counts by address) hashing an address refuses. */
export function store(config: StoreSettings & Partial<Pick<Settings, 'REQUESTER_HASH_SECRET'>>): DynamoStore {
  const { REQUESTER_HASH_SECRET: key } = config;
  const hash = key ? keyedRequesterHash(key) : withoutRequesterHash;
  return new DynamoStore(documentClient(config), config.TABLE_NAME, hash);
}

export function createRequestDeps(
  config: Pick<Settings, (typeof CREATE_REQUEST_SETTINGS)[number]>,
  clock: Clock = systemClock,
  tickets: DynamoStore = store(config),
  rings: SecretRings = {},
): CreateRequestDeps {
  return {
    intake: {
      ...intakeRouting(),
      tickets,
      clock,
      formTokens: formTokens(config, rings),
      apiKeys: new DynamoApiKeys(tickets.client, config.TABLE_NAME),
      policyVersion: config.PRIVACY_POLICY_VERSION,
      notice: intakeNotice(config),
    },
    tokens: new HmacAccessTokens(secretOf(config, rings, 'TOKEN_SECRET')),
    publicBaseUrl: config.PUBLIC_BASE_URL,
  };
}

export function getRequestDeps(
  config: Pick<Settings, (typeof GET_REQUEST_SETTINGS)[number]>,
  clock: Clock = systemClock,
  tickets: DynamoStore = store(config),
  rings: SecretRings = {},
): GetRequestDeps {
  const tokens = new HmacAccessTokens(secretOf(config, rings, 'TOKEN_SECRET'));
  const links = new HmacDownloadLinks(secretOf(config, rings, 'TOKEN_SECRET'));
  const attachmentLink = (now: number) => downloadLink(links, config.PUBLIC_BASE_URL, now);
  return { tickets, tokens, policy: escalationPolicy(), clock, attachmentLink };
}

/** The files of tickets on S3 (the received-mail bucket, beside the raw messages). */
export function attachmentStore(
  config: Pick<Settings, (typeof FILE_SETTINGS)[number] | 'AWS_REGION'> &
    Partial<Pick<Settings, 'MALWARE_SCANNING'>>,
): S3Attachments {
  return new S3Attachments(s3Client(config), config.INBOUND_BUCKET, config.MALWARE_SCANNING ?? true);
}

export function attachmentDeps(
  config: Pick<Settings, (typeof ATTACHMENT_SETTINGS)[number]>,
  clock: Clock = systemClock,
  tickets: DynamoStore = store(config),
  rings: SecretRings = {},
): AttachmentDeps {
  return {
    tickets,
    tokens: new HmacAccessTokens(secretOf(config, rings, 'TOKEN_SECRET')),
    links: new HmacDownloadLinks(secretOf(config, rings, 'TOKEN_SECRET')),
    files: attachmentStore(config),
    clock,
  };
}

export function sweepDeps(
  config: Pick<Settings, (typeof SWEEP_SETTINGS)[number]>,
  clock: Clock = systemClock,
  tickets: DynamoStore = store(config),
): SweepDeps & RetentionDeps {
  return {
    tickets: erasingAttachments(tickets, attachmentStore(config)),
    policy: escalationPolicy(),
    products: routingEngine().catalog.products.map((p) => p.id),
    clock,
    retentionYears: config.RETENTION_YEARS,
  };
}

export function staffActionDeps(
  config: Pick<Settings, (typeof STAFF_ACTION_SETTINGS)[number]>,
  clock: Clock = systemClock,
  tickets: DynamoStore = store(config),
  rings: SecretRings = {},
): ActionDeps {
  return {
    tickets: erasingAttachments(tickets, attachmentStore(config)),
    policy: escalationPolicy(),
    links: new HmacActionLinks(secretOf(config, rings, 'ACTION_LINK_SECRET')),
    clock,
    products: catalog.products.map((p) => p.id),
  };
}

export function previewRoutingDeps(clock: Clock = systemClock): PreviewRoutingDeps {
  const { vocabulary, router } = routingEngine();
  return { vocabulary, router, clock };
}

export function deliveryDeps(
  config: Pick<Settings, (typeof DELIVERY_SETTINGS)[number]>,
  clock: Clock = systemClock,
  tickets: DynamoStore = store(config),
  pager: Pager = snsPager(config),
  rings: SecretRings = {},
): DeliveryDeps & LookupDeliveryDeps {
  // Built once per process, not once per staff mail: the rules a request for information is offered by.
  const { completion } = escalationPolicy();
  return {
    tickets,
    outbox: tickets,
    quota: tickets,
    lookups: tickets,
    products: routingEngine().catalog.products.map((p) => p.id),
    mailer: new SesMailer(
      () => sesClient(config),
      config.MAIL_FROM,
      config.SES_CONFIGURATION_SET,
      config.AWS_REGION,
    ),
    pager,
    composer: new TicketMailComposer({
      catalog,
      ladder: (product, queue) => routingEngine().desk(product, queue).escalation,
      tokens: new HmacAccessTokens(secretOf(config, rings, 'TOKEN_SECRET')),
      publicBaseUrl: config.PUBLIC_BASE_URL,
      actionLinks: new HmacActionLinks(secretOf(config, rings, 'ACTION_LINK_SECRET')),
      actionLinkTtlMs: config.ACTION_LINK_TTL_HOURS * 3_600_000,
      privacyPolicyVersion: config.PRIVACY_POLICY_VERSION,
      now: () => clock.now(),
      mayRequestInfo: (ticket, at) => mayRequestInfo(ticket, at, completion),
      attachmentLinks: new HmacDownloadLinks(secretOf(config, rings, 'TOKEN_SECRET')),
    }),
    clock,
    ladder: (product, queue) => routingEngine().desk(product, queue).escalation,
    ackLimitPerHour: config.ACK_LIMIT_PER_HOUR,
    replies: replyAddresses(config, rings),
    // Staff sign-in links are signed when their mail is sent: valid for 15 minutes from then.
    signInLinks: new HmacSignInLinks(secretOf(config, rings, 'ACTION_LINK_SECRET')),
    publicBaseUrl: config.PUBLIC_BASE_URL,
  };
}

/** The signed reply addresses of tickets, under the staff links' key (functions/adapters/reply-addresses.ts says why). */
export function replyAddresses(
  config: Pick<Settings, 'ACTION_LINK_SECRET' | 'RECEIVING_DOMAIN'>,
  rings: SecretRings = {},
): HmacReplyAddresses {
  return new HmacReplyAddresses(secretOf(config, rings, 'ACTION_LINK_SECRET'), config.RECEIVING_DOMAIN);
}

function snsPager(config: Pick<Settings, 'AWS_REGION' | 'PAGER_TOPIC_ARN'>): Pager {
  if (!config.PAGER_TOPIC_ARN) throw new Error('configuration is invalid: PAGER_TOPIC_ARN: is required');
  return new SnsPager(() => snsClient(config), config.PAGER_TOPIC_ARN);
}
