// Property-based fuzzing of POST /requests through the real handler, DynamoDB Local and a real SES client against
// an SES emulator of this file's own: valid fields mixed with hostile Unicode (lone surrogates, emoji at every cut
// point, combining marks, RTL and zero-width characters, control characters), type confusion, deep nesting and
// prototype keys. No answer is a 5xx; refused bodies write nothing; every accepted one composes every mail, and
// the SES emulator accepts each.
import { randomUUID } from 'node:crypto';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { deliverNew } from '#domain/notify/deliver.js';
import { DynamoApiKeys } from '#functions/adapters/api-keys.js';
import { documentClient, sesClient } from '#functions/adapters/clients.js';
import { DynamoStore } from '#functions/adapters/dynamo-store.js';
import { SesMailer } from '#functions/adapters/ses-mailer.js';
import { tableDefinition } from '#functions/adapters/table.js';
import { createRequestHandler } from '#functions/http/create-request.js';
import type { HttpEvent } from '#functions/http/kit.js';
import { createRequestDeps } from '#functions/wiring.js';
import { type Emulator, startSes } from '../../scripts/twin/emulators.js';
import { bogota } from '../helpers.js';
import { deliveryOver, TestClock, testRequesterHash, validSubmission } from './support.js';

const RUNS = 2_000;
// Sunday night: a P1 incident goes to the P1 line, whose staff subject has the longest prefix (the cut that broke).
const clock = new TestClock(bogota('2026-11-22T23:30'));
let db: ReturnType<typeof documentClient>;
let store: DynamoStore;
let table: string;
let ses: Emulator & { port: number };
beforeAll(async () => {
  db = documentClient({ AWS_REGION: 'local', DYNAMODB_ENDPOINT: inject('emulators').dynamoEndpoint });
  table = `fuzz-${randomUUID().slice(0, 8)}`;
  await db.send(new CreateTableCommand(tableDefinition(table)));
  store = new DynamoStore(db, table, testRequesterHash);
  ses = await startSes({ port: 0 });
  // Submitted as a trusted integration: proof of origin is tested apart; here every body reaches validation.
  apiKey = await new DynamoApiKeys(db, table).create('fuzz');
});
afterAll(async () => {
  db?.destroy();
  await ses?.stop();
});

// ── Generators ─────────────────────────────────────────────────────────────────────────────────────────────────

const LONE = ['\ud800', '\udbff', '\udc00', '\udfff', '\ud83d', '\udd25'];
/** Well-formed text people really send: emoji (with joiners and flags), accents as combining marks, RTL, zero-width. */
const FRIENDLY = [
  '🔥',
  '👩‍👩‍👧‍👦',
  '🇨🇴',
  '👍🏽',
  'e\u0301',
  'n\u0303',
  'مرحبا',
  'שלום',
  '\u202e',
  '\u200b',
  '\u200d',
  '\ufeff',
  'ñandú',
  '𝔘𝔫𝔦',
  'Ω',
  '<b>x</b>',
  '&amp;',
  '"',
  "'",
  '\\',
  ' ',
];
const HOSTILE = [
  ...LONE,
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\r\n',
  '\n',
  '\t',
  '\u2028',
  '\u0085',
  '\uFFFE',
  '\uFFFF',
  '\u0301',
];

const friendlyText = fc
  .array(fc.oneof(fc.constantFrom(...FRIENDLY), fc.string({ unit: 'grapheme', maxLength: 3 })), {
    minLength: 1,
    maxLength: 30,
  })
  .map((parts) => `Caso ${parts.join('')}`);
const hostileText = fc
  .array(
    fc.oneof(
      fc.constantFrom(...HOSTILE, ...FRIENDLY),
      fc.string({
        unit: fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)),
        maxLength: 4,
      }),
    ),
    { minLength: 1, maxLength: 30 },
  )
  .map((parts) => parts.join(''));
/** A subject of emoji after `pad` letters: cut at 250 units with the P1-line prefix, every offset lands somewhere. */
const emojiSubject = fc
  .tuple(
    fc.integer({ min: 0, max: 40 }),
    fc.integer({ min: 2, max: 99 }),
    fc.constantFrom('🔥', '👩‍👩‍👧‍👦', 'e\u0301', '🇨🇴'),
  )
  .map(([pad, n, unit]) =>
    `${'x'.repeat(pad)}${unit.repeat(n)}`.slice(0, 200).replace(/[\ud800-\udbff]$/, ''),
  );
const confused = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);
/** Nested arrays as raw JSON text (JSON.stringify would recurse as deep). */
const deep = fc
  .integer({ min: 2, max: 12_000 })
  .map((depth) => ({ raw: `${'['.repeat(depth)}${']'.repeat(depth)}` }));

type Value = unknown;
/** Mostly a good value (a third of bodies are accepted whole), else hostile text, another type or deep nesting. */
const fieldValue = (valid: fc.Arbitrary<Value>, freeText = false) =>
  fc.oneof(
    { weight: 24, arbitrary: valid },
    { weight: 6, arbitrary: freeText ? friendlyText : valid },
    { weight: 2, arbitrary: hostileText },
    { weight: 1, arbitrary: confused },
    { weight: 1, arbitrary: deep },
  );

const body = fc.record({
  product: fieldValue(fc.constantFrom('certifactura', 'biometria', 'Certifactura')),
  type: fieldValue(fc.constantFrom('incidente', 'peticion', 'queja', 'reclamo', 'Petición')),
  priority: fieldValue(fc.constantFrom(1, 2, 3, 4, 'P1', 'p2')),
  subject: fieldValue(fc.oneof(emojiSubject, fc.constant('No puedo emitir facturas')), true),
  description: fieldValue(
    friendlyText.map((t) => `${t} desde esta mañana sin servicio.`),
    true,
  ),
  name: fieldValue(fc.constantFrom('Ana Pérez', 'José Ñúñez', 'محمد'), true),
  email: fieldValue(fc.constantFrom('ana@example.com', 'jose.nunez@example.org')),
  policyVersion: fieldValue(fc.constant('2024-01')),
  extra: fc.oneof(
    { weight: 5, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString') },
  ),
  idempotencyKey: fc.option(fc.integer({ min: 0, max: 150 }), { freq: 2 }),
});

/** The body as JSON text, with any raw (deeply nested) values spliced in where their placeholders are. */
function toJson(b: typeof body extends fc.Arbitrary<infer T> ? T : never): string {
  const raws: string[] = [];
  const v = (value: Value) => {
    if (value && typeof value === 'object' && 'raw' in value) {
      raws.push(String((value as { raw: string }).raw));
      return `@@RAW${raws.length - 1}@@`;
    }
    return value;
  };
  const submission = {
    ...validSubmission(),
    product: v(b.product),
    type: v(b.type),
    priority: v(b.priority),
    subject: v(b.subject),
    description: v(b.description),
    requester: { name: v(b.name), email: v(b.email) },
    consent: { accepted: true, policyVersion: v(b.policyVersion) },
  };
  let text = JSON.stringify(submission);
  if (b.extra) text = `{${JSON.stringify(b.extra)}:{"admin":true},${text.slice(1)}`;
  return raws.reduce((t, raw, i) => t.replace(`"@@RAW${i}@@"`, raw), text);
}

let apiKey = '';
function event(json: string, key: string | undefined): HttpEvent {
  return {
    version: '2.0',
    routeKey: 'POST /requests',
    rawPath: '/requests',
    rawQueryString: '',
    headers: {
      'content-type': 'application/json',
      'x-api-key': apiKey,
      ...(key ? { 'idempotency-key': key } : {}),
    },
    requestContext: { requestId: randomUUID(), http: { method: 'POST', path: '/requests' } },
    body: json,
    isBase64Encoded: false,
  } as unknown as HttpEvent;
}

// ── The property ───────────────────────────────────────────────────────────────────────────────────────────────

describe('fuzzing POST /requests', () => {
  it(`answers ${RUNS} hostile bodies without a 5xx, writes only for accepted ones, and sends every mail`, async () => {
    const handler = createRequestHandler(
      createRequestDeps(
        {
          TABLE_NAME: table,
          AWS_REGION: 'local',
          DYNAMODB_ENDPOINT: inject('emulators').dynamoEndpoint,
          PUBLIC_BASE_URL: 'https://api.example.com',
          TOKEN_SECRET: 't'.repeat(40),
          FORM_TOKEN_SECRET: 'f'.repeat(40),
          REQUESTER_HASH_SECRET: 'r'.repeat(40),
          FORM_MIN_FILL_MS: 3000,
          PRIVACY_POLICY_VERSION: '2024-01',
          PRIVACY_POLICY_URL: 'https://www.certicamara.com/',
          PRIVACY_CONTROLLER_NIT: 'NIT-POR-CONFIGURAR',
        },
        clock,
        store,
      ),
    );
    const created = new Set<string>();
    const keysUsed = new Set<string>();
    const statuses = new Map<number, number>();
    const reasons = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const key = b.idempotencyKey === null ? undefined : `fuzz-${b.idempotencyKey}`;
        const result = await handler(event(toJson(b), key));
        const status = result.statusCode ?? 0;
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status === 400 && process.env.FUZZ_DEBUG) {
          for (const f of JSON.parse(String(result.body)).error.fields ?? [])
            reasons.set(`${f.path} ${f.code}`, (reasons.get(`${f.path} ${f.code}`) ?? 0) + 1);
        }
        expect(status).toBeLessThan(500);
        if (status === 201 && result.headers?.['idempotent-replayed'] !== 'true') {
          created.add(JSON.parse(String(result.body)).id);
          if (key) keysUsed.add(key);
        }
      }),
      { numRuns: RUNS, seed: 20261129, endOnFailure: true },
    );
    // FUZZ_DEBUG=1 prints the answers and the most frequent refusals (vitest --silent=false shows them).
    if (process.env.FUZZ_DEBUG) {
      const top = [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 25);
      process.stderr.write(`${JSON.stringify({ statuses: [...statuses], top })}\n`);
    }
    const count = [...statuses.values()].reduce((a, n) => a + n, 0);
    expect(count).toBe(RUNS);
    // A useful mix: many refused, many accepted.
    expect(statuses.get(400) ?? 0).toBeGreaterThan(RUNS / 5);
    expect(created.size).toBeGreaterThan(RUNS / 10);

    // Nothing but the accepted tickets (state and body items) and their idempotency records was written.
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await db.send(
        new ScanCommand({ TableName: table, ExclusiveStartKey: start, ProjectionExpression: 'pk, entity' }),
      );
      items.push(...((page.Items ?? []) as Record<string, unknown>[]));
      start = page.LastEvaluatedKey;
    } while (start);
    expect(items.filter((i) => i.entity === 'ticket')).toHaveLength(created.size);
    expect(items.filter((i) => i.entity === 'ticket-body')).toHaveLength(created.size);
    expect(items.filter((i) => String(i.pk).startsWith('IDEMPOTENCY#'))).toHaveLength(keysUsed.size);
    expect(items.filter((i) => i.pk === 'APIKEYS')).toHaveLength(1);
    expect(items).toHaveLength(2 * created.size + keysUsed.size + 1);

    // Every accepted ticket's notifications compose and the SES emulator accepts each (the page goes to a fake).
    const mailer = new SesMailer(
      () => sesClient({ AWS_REGION: 'local', SES_ENDPOINT: ses.endpoint }),
      'no-reply@certicamara.local',
    );
    const deps = deliveryOver(store, clock, mailer);
    const ids = [...created];
    const outcomes: [string, string][] = [];
    for (let i = 0; i < ids.length; i += 8) {
      const batch = await Promise.all(ids.slice(i, i + 8).map((id) => deliverNew(deps, id)));
      for (const o of batch) outcomes.push(...Object.entries(o));
    }
    expect(outcomes.length).toBeGreaterThanOrEqual(ids.length * 2);
    expect(outcomes.filter(([, o]) => o !== 'sent')).toEqual([]);
    const mails = outcomes.filter(([id]) => id !== 'received-page').length;
    const stored = (await (await fetch(`${ses.endpoint}/store`)).json()) as { emails: unknown[] };
    expect(stored.emails).toHaveLength(mails);
  }, 600_000);
});
