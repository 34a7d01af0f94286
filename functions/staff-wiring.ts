// How the staff console is put together: the sign-in pages in front of the console's router, both over the ticket
// store, the sessions on the same table, the staff directory (the catalog's role mailboxes plus STAFF_PEOPLE), the
// rules and the legal calendar. The Lambda entry and the local twin call the same builder.
import type { Clock } from '#domain/ports.js';
import { HmacDownloadLinks } from './adapters/attachment-links.js';
import { DynamoSessions } from './adapters/dynamo/sessions.js';
import { TableClient } from './adapters/dynamo/table-client.js';
import type { DynamoStore } from './adapters/dynamo-store.js';
import { HmacSignInLinks } from './adapters/sign-in-links.js';
import type { Settings } from './config.js';
import { compressed, type HttpHandler, httpHandler } from './http/kit.js';
import { consoleHandler } from './http/staff/console.js';
import { authenticator } from './http/staff/session.js';
import { signInHandlers } from './http/staff/sign-in.js';
import { staffDirectory } from './receive-wiring.js';
import type { SecretRings } from './secrets.js';
import { escalationPolicy, routingEngine, secretOf, store, systemClock } from './wiring.js';

export const STAFF_CONSOLE_SETTINGS = [
  'TABLE_NAME',
  'AWS_REGION',
  'DYNAMODB_ENDPOINT',
  'PUBLIC_BASE_URL',
  'ACTION_LINK_SECRET',
  'REQUESTER_HASH_SECRET',
  'STAFF_PEOPLE',
  'TOKEN_SECRET',
] as const;

type ConsoleSettings = Pick<Settings, (typeof STAFF_CONSOLE_SETTINGS)[number]>;

export function staffConsoleHandler(
  config: ConsoleSettings,
  clock: Clock = systemClock,
  tickets: DynamoStore = store(config),
  rings: SecretRings = {},
): HttpHandler {
  const directory = staffDirectory(config.STAFF_PEOPLE);
  const sessions = new DynamoSessions(new TableClient(tickets.client, config.TABLE_NAME));
  // The cookie is Secure (and __Host-) wherever the public origin is https: everywhere but the local twin.
  const secureCookies = new URL(config.PUBLIC_BASE_URL).protocol === 'https:';
  const signIn = signInHandlers({
    lookups: tickets,
    directory,
    links: new HmacSignInLinks(secretOf(config, rings, 'ACTION_LINK_SECRET')),
    sessions,
    clock,
    secureCookies,
  });
  const pages = consoleHandler({
    tickets,
    queries: tickets,
    policy: escalationPolicy(),
    businessDays: routingEngine().businessDays,
    products: routingEngine().catalog.products.map((p) => p.id),
    clock,
    authenticate: authenticator({ sessions, directory, clock, secureCookies }),
    downloads: new HmacDownloadLinks(secretOf(config, rings, 'TOKEN_SECRET')),
  });
  return httpHandler('staff-console', async (event) =>
    compressed(event, (await signIn(event)) ?? (await pages(event))),
  );
}
