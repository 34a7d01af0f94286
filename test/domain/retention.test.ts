// The retention period in Bogotá calendar years, and the sweep over closed tickets with fakes of the repository.
import { describe, expect, it } from 'vitest';
import { erasedEntry, eraseExpired, retentionCutoff } from '#domain/retention.js';
import { anonymous } from '#functions/adapters/dynamo/erasure.js';
import { bogota } from '../helpers.js';

describe('the retention period', () => {
  it('counts Bogotá calendar years back from now, a 29 February included', () => {
    expect(retentionCutoff(bogota('2036-11-23T10:00'), 10)).toBe(bogota('2026-11-23T10:00'));
    expect(retentionCutoff(bogota('2036-02-29T10:00'), 10)).toBe(bogota('2026-02-28T10:00'));
    expect(retentionCutoff(bogota('2031-01-01T00:30'), 5)).toBe(bogota('2026-01-01T00:30'));
  });

  it('erases each product’s tickets closed before the cutoff, counting only those it erased', async () => {
    const asked: [string, number][] = [];
    const erased: string[] = [];
    const deps = {
      products: ['certifactura', 'biometria'],
      clock: { now: () => bogota('2036-11-23T10:00') },
      retentionYears: 10,
      tickets: {
        listClosedBefore: async (product: string, before: number) => {
          asked.push([product, before]);
          return product === 'certifactura' ? ['CF-2026-000001', 'CF-2026-000002'] : [];
        },
        // The second was erased meanwhile by another sweep.
        erasePersonalData: async (id: string) => {
          erased.push(id);
          return id === 'CF-2026-000001';
        },
      },
    };
    expect(await eraseExpired(deps)).toBe(1);
    expect(asked).toEqual([
      ['certifactura', bogota('2026-11-23T10:00')],
      ['biometria', bogota('2026-11-23T10:00')],
    ]);
    expect(erased).toEqual(['CF-2026-000001', 'CF-2026-000002']);
    expect(erasedEntry(0, 10)).toMatchObject({ event: 'personal-data-erased', by: 'system' });
  });

  it('keeps system-written history, drops what people wrote, and names staff by level only', () => {
    const at = 1;
    expect(
      anonymous({ at, event: 'notified', by: 'system', note: 'Aviso enviado a soporte@certicamara.com.' }),
    ).toEqual({
      at,
      event: 'notified',
      by: 'system',
      note: 'Aviso enviado a soporte@certicamara.com.',
    });
    expect(anonymous({ at, event: 'resolved', by: 'Ana <ana@c.com> (nivel 2)', note: 'Hola Marta' })).toEqual(
      {
        at,
        event: 'resolved',
        by: 'personal de soporte (nivel 2)',
      },
    );
    expect(
      anonymous({ at, event: 'escalated', by: 'requester', note: 'Soy Marta y nadie responde' }),
    ).toEqual({
      at,
      event: 'escalated',
      by: 'requester',
    });
  });
});
