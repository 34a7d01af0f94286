// How the receiving function is put together: the raw-mail bucket, the parser, the staff directory (the catalog's role
// mailboxes plus STAFF_PEOPLE), the reply addresses (under the staff-link secret) and the ticket store.
import { StaffDirectory } from '#domain/inbound/directory.js';
import type { Clock } from '#domain/ports.js';
import { parseInbound } from './adapters/inbound/parse-mail.js';
import { HmacReplyAddresses } from './adapters/reply-addresses.js';
import { S3RawMailStore, s3Client } from './adapters/s3-raw-mail.js';
import type { Settings } from './config.js';
import type { ReceiveHandlerDeps } from './notify/receive-handler.js';
import type { SecretRings } from './secrets.js';
import { attachmentStore, escalationPolicy, routingEngine, secretOf, store, systemClock } from './wiring.js';

export const RECEIVE_SETTINGS = [
  'TABLE_NAME',
  'AWS_REGION',
  'DYNAMODB_ENDPOINT',
  'ACTION_LINK_SECRET',
  'RECEIVING_DOMAIN',
  'INBOUND_BUCKET',
  'INBOUND_PREFIX',
  'STAFF_PEOPLE',
  'S3_ENDPOINT',
] as const;

type ReceiveSettings = Pick<Settings, (typeof RECEIVE_SETTINGS)[number]>;

/** The staff directory: every product queue's role mailboxes, and the configured people (their products checked). */
export function staffDirectory(people: ReceiveSettings['STAFF_PEOPLE']): StaffDirectory {
  const engine = routingEngine();
  const products = engine.catalog.products.map((p) => p.id);
  const unknown = people.flatMap((p) => p.queues).find((q) => !products.includes(q.product));
  if (unknown)
    throw new Error(`configuration is invalid: STAFF_PEOPLE names an unknown product ${unknown.product}`);
  return StaffDirectory.fromCatalog(engine.desks, products, people);
}

export function receiveDeps(
  config: ReceiveSettings,
  clock: Clock = systemClock,
  rings: SecretRings = {},
): ReceiveHandlerDeps {
  return {
    tickets: store(config),
    policy: escalationPolicy(),
    router: routingEngine().router,
    products: routingEngine().catalog.products,
    directory: staffDirectory(config.STAFF_PEOPLE),
    replyAddresses: new HmacReplyAddresses(
      secretOf(config, rings, 'ACTION_LINK_SECRET'),
      config.RECEIVING_DOMAIN,
    ),
    clock,
    rawMail: new S3RawMailStore(s3Client(config), config.INBOUND_BUCKET),
    prefix: config.INBOUND_PREFIX,
    parse: parseInbound,
    attachments: attachmentStore(config),
  };
}
