// The compressed ticket body: what goes in comes out, it is small, and the frozen dictionary stays frozen.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packBody, type TicketBody, unpackBody } from '#functions/adapters/ticket-body.js';
import { DICTIONARY_V1 } from '#functions/adapters/ticket-body-dictionary.js';
import { routingEngine } from '#functions/wiring.js';
import { bogota } from '../helpers.js';

const at = bogota('2026-11-23T10:00');
const body = (overrides: Partial<TicketBody> = {}): TicketBody => {
  const routing = routingEngine().decide({ product: 'biometria', type: 'reclamo', priority: 'P3' }, at);
  return {
    product: routing.product,
    type: routing.type,
    priority: routing.priority,
    queue: routing.queue,
    subject: 'Cobro duplicado',
    description: 'Me cobraron dos veces la validación biométrica del 20 de noviembre.',
    requester: { name: 'Ana Pérez', email: 'ana.perez@example.com', documentId: '52123456' },
    consent: { accepted: true, policyVersion: '2024-01', acceptedAt: at },
    locale: 'es',
    receivedAt: at,
    routing,
    received: { at, event: 'received', by: 'requester', note: 'Solicitud recibida y radicada.' },
    ...overrides,
  };
};

describe('the ticket body', () => {
  it('comes back exactly as it went in, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.string({ maxLength: 5000 }), (s, d) => {
        const original = body({ subject: s, description: d });
        expect(unpackBody(packBody(original))).toEqual(original);
      }),
      { numRuns: 200 },
    );
  });

  it('is a tenth of its JSON for a typical ticket, so the item stays well under 1 KB', () => {
    const typical = body();
    const json = Buffer.byteLength(JSON.stringify(typical));
    expect(json).toBeGreaterThan(1400);
    expect(packBody(typical).byteLength).toBeLessThan(json / 6);
  });

  it('refuses a format it does not know instead of guessing', () => {
    const packed = packBody(body());
    packed[0] = 9;
    expect(() => unpackBody(packed)).toThrow('unknown format 9');
  });

  it('keeps dictionary version 1 byte for byte: bodies written with it are unreadable without it', () => {
    expect(createHash('sha256').update(DICTIONARY_V1).digest('hex')).toBe(
      '04ea2c0adb3b5a4da9da2b7f60daea357f706d8a817033791ce26258ccc2b2d0',
    );
  });
});
