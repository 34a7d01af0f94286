import { describe, expect, it } from 'vitest';
import { ValidationError } from '#domain/errors.js';
import { fieldMessage } from '#domain/intake/messages.js';
import { parseSubmission } from '#domain/intake/submission.js';
import { formatRadicado, parseRadicado } from '#domain/radicado.js';
import { HmacAccessTokens } from '#functions/adapters/hmac-tokens.js';
import { fingerprint } from '#functions/http/idempotency.js';
import { engine } from '../helpers.js';

const valid = {
  product: 'Biometría',
  type: 'PETICIÓN',
  subject: '  Solicitud de certificado  ',
  description: 'Necesito una copia del certificado.\nGracias.',
  requester: { name: 'José Núñez', email: ' Jose.Nunez@Example.COM ' },
  consent: { accepted: true, policyVersion: '2024-01' },
};

const issues = (body: unknown) => {
  try {
    parseSubmission(body, engine.vocabulary);
  } catch (error) {
    if (error instanceof ValidationError) return error.fields;
    throw error;
  }
  throw new Error('expected a ValidationError');
};

describe('the submission schema', () => {
  it('normalizes what it accepts: trims, folds the request vocabulary, lower-cases the e-mail, defaults', () => {
    expect(parseSubmission(valid, engine.vocabulary)).toEqual({
      request: { product: 'biometria', type: 'peticion', priority: 'P3', priorityDefaulted: true },
      subject: 'Solicitud de certificado',
      description: 'Necesito una copia del certificado.\nGracias.',
      requester: { name: 'José Núñez', email: 'jose.nunez@example.com' },
      consent: { accepted: true, policyVersion: '2024-01' },
      locale: 'es',
    });
  });

  it('keeps HTML and unicode as text (escaping happens on output)', () => {
    const parsed = parseSubmission(
      {
        ...valid,
        subject: '<script>alert("x")</script> 漢字 🙂',
        requester: { ...valid.requester, phone: '+57 (300) 123-4567', documentId: 'CC-52.123.456' },
      },
      engine.vocabulary,
    );
    expect(parsed.subject).toBe('<script>alert("x")</script> 漢字 🙂');
    expect(parsed.requester).toMatchObject({ phone: '+57 (300) 123-4567', documentId: 'CC-52.123.456' });
  });

  it.each([
    ['a missing subject', { ...valid, subject: undefined }, 'subject', 'required'],
    ['a short subject', { ...valid, subject: 'ab' }, 'subject', 'too_short'],
    ['a long subject', { ...valid, subject: 'x'.repeat(201) }, 'subject', 'too_long'],
    ['a subject with CR/LF', { ...valid, subject: 'Hola\r\nBcc: x@y.co' }, 'subject', 'single_line'],
    [
      'a description with a NUL',
      { ...valid, description: 'Texto largo con \u0000 adentro' },
      'description',
      'control_characters',
    ],
    [
      'a numeric name',
      { ...valid, requester: { ...valid.requester, name: 42 } },
      'requester.name',
      'invalid_type',
    ],
    [
      'a bad e-mail',
      { ...valid, requester: { ...valid.requester, email: 'jose@' } },
      'requester.email',
      'invalid_email',
    ],
    [
      'a bad phone',
      { ...valid, requester: { ...valid.requester, phone: 'llámame' } },
      'requester.phone',
      'invalid_phone',
    ],
    [
      'a bad document',
      { ...valid, requester: { ...valid.requester, documentId: '1 2' } },
      'requester.documentId',
      'invalid_document',
    ],
    [
      'consent not accepted',
      { ...valid, consent: { accepted: false, policyVersion: '1' } },
      'consent.accepted',
      'must_accept',
    ],
    ['no consent', { ...valid, consent: undefined }, 'consent', 'required'],
    ['an unknown field', { ...valid, admin: true }, 'admin', 'not_allowed'],
    [
      'an unknown nested field',
      { ...valid, requester: { ...valid.requester, role: 'x' } },
      'requester.role',
      'not_allowed',
    ],
    ['an unknown locale', { ...valid, locale: 'fr' }, 'locale', 'invalid_value'],
    ['an unknown product', { ...valid, product: 'otro' }, 'product', 'unknown_value'],
    ['a support type without priority', { ...valid, type: 'incidente' }, 'priority', 'required'],
    ['priority 7', { ...valid, priority: 7 }, 'priority', 'invalid_priority'],
  ])('rejects %s (%s: %s)', (_what, body, path, code) => {
    expect(issues(body)).toContainEqual(expect.objectContaining({ path, code }));
  });

  it('rejects what is not an object at all', () => {
    for (const body of [null, [], 'texto', 42]) expect(issues(body)[0]?.code).toBe('invalid_type');
  });

  it('words every issue in Spanish and English, naming limits and allowed values', () => {
    const found = issues({ ...valid, subject: 'x'.repeat(201), product: 'otro' });
    const subject = found.find((i) => i.path === 'subject');
    const product = found.find((i) => i.path === 'product');
    if (!subject || !product) throw new Error('missing issues');
    expect(fieldMessage(subject, 'es')).toBe('Debe tener como máximo 200 caracteres.');
    expect(fieldMessage(subject, 'en')).toBe('Must be at most 200 characters.');
    expect(fieldMessage(product, 'es')).toBe(
      'No es un valor permitido; use uno de: certifactura, biometria.',
    );
  });
});

describe('radicados', () => {
  it('pads to six digits and grows beyond', () => {
    expect(formatRadicado('CF', 2026, 42)).toBe('CF-2026-000042');
    expect(formatRadicado('BIO', 2026, 1_234_567)).toBe('BIO-2026-1234567');
    expect(parseRadicado('BIO-2026-000007')).toEqual({ prefix: 'BIO', year: 2026, sequence: 7 });
    for (const bad of [
      'CF-2026-42',
      'cf-2026-000042',
      'CF-26-000042',
      '../CF-2026-000042',
      'CF-2026-000042 ',
    ]) {
      expect(parseRadicado(bad), bad).toBeUndefined();
    }
    expect(() => formatRadicado('CF', 2026, 0)).toThrow();
  });
});

describe('idempotency fingerprints and access tokens', () => {
  it('compares bodies as parsed JSON: key order and spacing do not matter, values do', () => {
    expect(fingerprint({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(
      fingerprint({ b: { d: 'x', c: [1, 2] }, a: 1 }),
    );
    expect(fingerprint({ a: 1 })).not.toBe(fingerprint({ a: '1' }));
    expect(fingerprint([1, 2])).not.toBe(fingerprint([2, 1]));
  });

  it('issues 256-bit tokens bound to the radicado and the secret', () => {
    const tokens = new HmacAccessTokens('s'.repeat(32));
    const token = tokens.issue('CF-2026-000042');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokens.verify('CF-2026-000042', token)).toBe(true);
    expect(tokens.verify('CF-2026-000043', token)).toBe(false);
    expect(tokens.verify('CF-2026-000042', token.slice(1))).toBe(false);
    expect(new HmacAccessTokens('t'.repeat(32)).verify('CF-2026-000042', token)).toBe(false);
  });
});
