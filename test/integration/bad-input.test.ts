// Generated bad input (wrong types, huge strings, unicode, HTML, CR/LF, missing and unknown fields) through the
// twin's HTTP API: always a 4xx with a documented code, never a 5xx, and nothing written.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '#domain/intake/submission.js';
import { startTestTwin, type TestTwin, validSubmission } from './support.js';

let twin: TestTwin;
beforeAll(async () => {
  twin = await startTestTwin();
});
afterAll(() => twin?.stop());

const DOCUMENTED = new Set([
  'invalid_json',
  'validation_failed',
  'invalid_idempotency_key',
  'payload_too_large',
  'unsupported_media_type',
]);

type Body = Record<string, unknown>;
const set = (path: readonly string[], value: unknown) => (body: Body) => {
  const copy = structuredClone(body);
  let target: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    const next = target[key];
    // An earlier mutation already broke this parent: the body is invalid either way.
    if (typeof next !== 'object' || next === null || Array.isArray(next)) return copy;
    target = next as Record<string, unknown>;
  }
  const last = path[path.length - 1] as string;
  if (value === undefined) delete target[last];
  else target[last] = value;
  return copy;
};

const notAString = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string()),
  fc.object(),
);
const lineBreak = fc
  .tuple(fc.string({ maxLength: 20 }), fc.constantFrom('\r\n', '\n', '\r'), fc.string({ maxLength: 20 }))
  .map(([a, br, b]) => `Hola ${a}${br}Bcc: victima@example.com ${b}`);
const control = fc
  .tuple(fc.string({ maxLength: 10 }), fc.integer({ min: 0, max: 8 }))
  .map(([a, c]) => `Texto ${a}${String.fromCharCode(c)}final`);
// Over the limit however characters are counted (an emoji is one character, two UTF-16 units).
const tooLong = (max: number) =>
  fc
    .tuple(fc.constantFrom('x', 'ñ', '漢', '🙂', '<b>'), fc.integer({ min: 1, max: 400 }))
    .map(([unit, extra]) => unit.repeat(max + extra));
const badEmail = fc.constantFrom(
  'ana',
  'ana@',
  '@example.com',
  'ana example.com',
  'ana@example',
  'a\r\n@b.co',
);

/** Each mutation makes a valid submission invalid in one way. */
const mutation: fc.Arbitrary<(body: Body) => Body> = fc.oneof(
  fc
    .constantFrom('product', 'type', 'subject', 'description', 'requester', 'consent')
    .map((k) => set([k], undefined)),
  fc
    .constantFrom(['requester', 'name'], ['requester', 'email'], ['consent', 'policyVersion'])
    .map((p) => set(p, undefined)),
  fc
    .tuple(fc.constantFrom('product', 'type', 'subject', 'description'), notAString)
    .map(([k, v]) => set([k], v)),
  fc
    .tuple(fc.constantFrom(['requester', 'name'], ['requester', 'email']), notAString)
    .map(([p, v]) => set(p, v)),
  notAString
    .filter((v) => typeof v !== 'object' || v === null || Array.isArray(v))
    .map((v) => set(['requester'], v)),
  fc
    .oneof(fc.constant(false), fc.constant('true'), fc.integer(), fc.constant(null))
    .map((v) => set(['consent', 'accepted'], v)),
  fc
    .string({ minLength: 1, maxLength: 30 })
    .filter((s) => !/^(certifactura|biometr[ií]a)$/i.test(s.trim()))
    .map((v) => set(['product'], `zz${v}`)),
  fc
    .oneof(
      fc.integer({ min: 5, max: 1e6 }),
      fc.integer({ max: 0 }),
      fc.constantFrom('P0', 'P5', 'alta', '1.5'),
    )
    .map((v) => set(['priority'], v)),
  tooLong(LIMITS.subject.max).map((v) => set(['subject'], v)),
  tooLong(LIMITS.description.max).map((v) => set(['description'], v)),
  tooLong(LIMITS.name.max).map((v) => set(['requester', 'name'], v)),
  lineBreak.map((v) => set(['subject'], v)),
  lineBreak.map((v) => set(['requester', 'name'], v)),
  control.map((v) => set(['description'], v)),
  badEmail.map((v) => set(['requester', 'email'], v)),
  fc.string({ minLength: 1, maxLength: 12 }).map((k) => set([`extra_${k}`], '<script>alert(1)</script>')),
  fc.string({ minLength: 1, maxLength: 12 }).map((k) => set(['requester', `x_${k}`], 1)),
  fc.constantFrom('fr', 'ES', '', 'pt-BR').map((v) => set(['locale'], v)),
);

const request = fc.oneof(
  // A valid body broken in one to three ways, with HTML and unicode elsewhere in it.
  fc
    .tuple(fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.string({ unit: 'grapheme', maxLength: 40 }))
    .map(([mutations, text]) => ({
      body: JSON.stringify(
        mutations.reduce(
          (b, m) => m(b),
          validSubmission({ subject: `<img src=x onerror=alert(1)> ${text}`.slice(0, 200) }),
        ),
      ),
      contentType: 'application/json',
    })),
  // Not JSON, not an object, or not declared as JSON.
  fc
    .oneof(
      fc.string({ maxLength: 200 }).filter((s) => {
        try {
          JSON.parse(s);
          return false;
        } catch {
          return true;
        }
      }),
      fc.constantFrom('', '{', '{"a":', 'null', '[]', '42', '"texto"'),
    )
    .map((body) => ({ body, contentType: 'application/json' })),
  fc
    .constantFrom(
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data',
      'application/jsonx',
    )
    .map((contentType) => ({
      body: JSON.stringify(validSubmission()),
      contentType,
    })),
  // Valid otherwise, but with an Idempotency-Key that is not 1–255 visible characters.
  fc
    .oneof(
      fc.constantFrom('', ' ', 'clave con espacio', 'ñandú'),
      fc.string({ minLength: 256, maxLength: 300 }).map((s) => `k${s}`.replace(/[^\x21-\x7e]/g, 'k')),
    )
    .map((key) => ({
      body: JSON.stringify(validSubmission()),
      contentType: 'application/json',
      key,
    })),
);

describe('bad input', () => {
  it('is always answered with a documented 4xx, and nothing is written', async () => {
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const response = await fetch(`${twin.url}/requests`, {
          method: 'POST',
          headers: {
            'x-api-key': twin.apiKey,
            'content-type': r.contentType,
            ...('key' in r ? { 'idempotency-key': r.key } : { 'idempotency-key': `k-${Math.random()}` }),
          },
          body: r.body,
        });
        const text = await response.text();
        expect(response.status, text).toBeGreaterThanOrEqual(400);
        expect(response.status, text).toBeLessThan(500);
        const error = (JSON.parse(text) as { error?: { code?: string; message?: string } }).error;
        expect(DOCUMENTED.has(error?.code ?? ''), text).toBe(true);
        expect(text).not.toMatch(/at \w+ \(|Exception|stack/);
      }),
      { numRuns: 200 },
    );
    expect(await twin.itemCount()).toBe(0);
  });

  it('an oversized body is 413 and writes nothing', async () => {
    const response = await fetch(`${twin.url}/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': twin.apiKey },
      body: JSON.stringify(validSubmission({ description: '🙂'.repeat(20_000) })),
    });
    expect(response.status).toBe(413);
    expect(await twin.itemCount()).toBe(0);
  });
});
