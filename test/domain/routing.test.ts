import { describe, expect, it } from 'vitest';
import { ValidationError } from '#domain/errors.js';
import { decisionToJson } from '#domain/routing/decision.js';
import { bogota, engine, iso } from '../helpers.js';

const route = (product: string, type: string, priority: string | number | undefined, at: string) =>
  engine.route({ product, type, priority }, bogota(at));

// Reference moments (Bogotá): Monday 23 Nov 2026 10:00 is inside every schedule; Sunday 22 Nov is outside
// Certifactura support and PQRSA; Saturday 21 Nov 10:00 is inside Certifactura support only.
const MONDAY = '2026-11-23T10:00';
const SUNDAY = '2026-11-22T10:00';
const SATURDAY = '2026-11-21T10:00';
const PQRSA_IDS = [
  ...['peticion', 'peticion-documentos', 'consulta', 'queja', 'reclamo', 'sugerencia', 'apelacion'],
  ...['datos-consulta', 'datos-reclamo'],
];

describe('rule 1: PQRSA types go to the PQRSA mailbox', () => {
  it.each(PQRSA_IDS.filter((t) => t !== 'apelacion'))('%s → PQRSA mailbox at level 1', (type) => {
    const d = route('certifactura', type, 2, MONDAY);
    expect(d).toMatchObject({
      queue: 'pqrsa',
      destination: 'pqrsa-mailbox',
      mailbox: 'certicamararesponde@certicamara.com',
      escalationLevel: 1,
    });
    // Level 1 of the PQRSA queue is the PQRSA mailbox and line.
    expect(d.escalation).toEqual({
      level: 1,
      name: 'Atención PQRSA',
      emails: ['certicamararesponde@certicamara.com'],
      phones: [{ display: '601 744 2727', tel: '+576017442727', options: ['3'] }],
    });
  });

  it('an apelación starts at level 2, the Supervisor de Soporte', () => {
    const d = route('biometria', 'apelacion', undefined, MONDAY);
    expect(d.destination).toBe('pqrsa-mailbox');
    expect(d.escalationLevel).toBe(2);
    expect(d.escalation.name).toBe('Supervisor de Soporte');
    expect(d.escalation.emails).toEqual(['supervisor.mesadeayuda@certicamara.com']);
    expect(d.escalation.phones[0]?.ext).toEqual(['1113', '1107', '1109', '1427']);
    expect(d.reasons[0]).toMatch(/revisa una respuesta anterior/);
  });

  it('priority is optional for PQRSA and defaults to P3, saying so', () => {
    const d = route('certifactura', 'queja', undefined, MONDAY);
    expect(d.priority).toBe('P3');
    expect(d.reasons).toContain('Sin prioridad indicada: las PQRSA usan P3 por defecto.');
    expect(route('certifactura', 'queja', 'P3', MONDAY).reasons).not.toContain(
      'Sin prioridad indicada: las PQRSA usan P3 por defecto.',
    );
  });

  it('while PQRSA is open the requester is told to call the PQRSA line, option 3', () => {
    expect(route('certifactura', 'reclamo', 3, MONDAY).contactNow).toEqual({
      channel: 'phone',
      value: '601 744 2727',
      tel: '+576017442727',
      options: ['3'],
    });
  });

  it('while PQRSA is closed (Certifactura support open on Saturday) the requester writes to the mailbox', () => {
    const d = route('certifactura', 'reclamo', 3, SATURDAY);
    expect(d.openNow).toBe(false);
    expect(iso(d.nextOpenAt ?? 0)).toBe('2026-11-23T07:00:00.000-05:00');
    expect(d.contactNow).toEqual({ channel: 'email', value: 'certicamararesponde@certicamara.com' });
  });

  it('a P1 PQRSA type still goes to the PQRSA mailbox, never to the P1 line', () => {
    const d = route('certifactura', 'queja', 1, SUNDAY);
    expect(d.destination).toBe('pqrsa-mailbox');
    expect(d.contactNow.channel).toBe('email');
  });
});

describe('rule 2: a priority-1 incidente while support is closed goes to the P1 line', () => {
  it('Certifactura on a Sunday → P1 line at level 2, still mailed to the support mailbox', () => {
    const d = route('certifactura', 'incidente', 1, SUNDAY);
    expect(d).toMatchObject({
      queue: 'support',
      destination: 'p1-line',
      mailbox: 'soporte.certifactura@certicamara.com',
      escalationLevel: 2,
      openNow: false,
      contactNow: { channel: 'p1-line', value: '318 717 4937', tel: '+573187174937' },
    });
    expect(d.escalation.name).toBe('Supervisor de Soporte');
    expect(iso(d.nextOpenAt ?? 0)).toBe('2026-11-23T07:00:00.000-05:00');
  });

  it.each([
    ['2026-11-23T19:00', 'p1-line', 'closed at 19:00 sharp'],
    ['2026-11-23T18:59:59.999', 'support-mailbox', 'open a millisecond before'],
    ['2026-11-23T07:00', 'support-mailbox', 'open at 07:00 sharp'],
    ['2026-11-21T13:00', 'p1-line', 'Saturday 13:00 close'],
    ['2026-11-16T10:00', 'p1-line', 'holiday Monday'],
    ['2026-04-02T10:00', 'p1-line', 'Jueves Santo'],
    ['2026-11-24T04:30:00Z', 'p1-line', '23:30 Monday in Bogotá, given in Z'],
  ])('Certifactura P1 incidente at %s → %s (%s)', (at, destination) => {
    expect(route('certifactura', 'incidente', 'P1', at).destination).toBe(destination);
  });

  it('biometría is 7×24, so its P1 incidents stay on the support mailbox (but should still call the P1 line)', () => {
    const d = route('biometria', 'incidente', 1, '2026-12-25T03:00');
    expect(d).toMatchObject({
      destination: 'support-mailbox',
      escalationLevel: 1,
      openNow: true,
      nextOpenAt: null,
    });
    expect(d.mailbox).toBe('soporte.huella@certicamara.com');
    expect(d.contactNow).toEqual({ channel: 'p1-line', value: '318 717 4937', tel: '+573187174937' });
  });
});

describe('rule 3: every other support request goes to the product support mailbox at level 1', () => {
  it('a P1 incidente in hours: support mailbox, and the P1 line is what to call now', () => {
    const d = route('certifactura', 'incidente', 1, MONDAY);
    expect(d).toMatchObject({
      destination: 'support-mailbox',
      escalationLevel: 1,
      openNow: true,
      nextOpenAt: null,
    });
    expect(d.escalation).toEqual({
      level: 1,
      name: 'Grupo de soporte técnico',
      emails: ['soporte.certifactura@certicamara.com'],
      phones: [{ display: '601 744 2727', tel: '+576017442727', options: ['2', '2'] }],
    });
    expect(d.contactNow.channel).toBe('p1-line');
  });

  it('a P1 requerimiento out of hours is not a critical incident: support mailbox, write an e-mail', () => {
    const d = route('certifactura', 'requerimiento', 1, SUNDAY);
    expect(d).toMatchObject({ destination: 'support-mailbox', escalationLevel: 1 });
    expect(d.contactNow).toEqual({ channel: 'email', value: 'soporte.certifactura@certicamara.com' });
  });

  it('in hours the requester is told to call the support line with its IVR path', () => {
    expect(route('certifactura', 'incidente', 2, MONDAY).contactNow).toEqual({
      channel: 'phone',
      value: '601 744 2727',
      tel: '+576017442727',
      options: ['2', '2'],
    });
    expect(route('biometria', 'requerimiento', 4, SUNDAY).contactNow).toEqual({
      channel: 'phone',
      value: '601 390 6642',
      tel: '+576013906642',
    });
  });
});

describe('deadlines', () => {
  it('P1 support counts 30 / 240 minutes on the 7×24 clock', () => {
    const d = route('certifactura', 'incidente', 1, '2026-11-21T15:00:00-05:00');
    expect(iso(d.firstResponseDueAt)).toBe('2026-11-21T15:30:00.000-05:00');
    expect(iso(d.resolutionDueAt)).toBe('2026-11-21T19:00:00.000-05:00');
    expect(d.legalDueAt).toBeNull();
  });

  it('P2 on Friday 18:00 before a holiday Monday counts only Certifactura open time (Saturday morning included)', () => {
    const d = route('certifactura', 'incidente', 2, '2026-11-13T18:00');
    expect(iso(d.firstResponseDueAt)).toBe('2026-11-14T09:00:00.000-05:00'); // 60 min Fri + 60 min Sat
    expect(iso(d.resolutionDueAt)).toBe('2026-11-17T13:00:00.000-05:00'); // 1 h Fri + 5 h Sat + 6 h Tue
  });

  it('P3 and P4 use 240 / 2,160 and 480 / 3,600 minutes of support time', () => {
    const p3 = route('certifactura', 'requerimiento', 3, MONDAY);
    expect(iso(p3.firstResponseDueAt)).toBe('2026-11-23T14:00:00.000-05:00');
    // 36 h: Mon 9 h, Tue–Thu 12 h each would overshoot: Mon 9 + Tue 12 + Wed 12 = 33, then 3 h on Thursday.
    expect(iso(p3.resolutionDueAt)).toBe('2026-11-26T10:00:00.000-05:00');
    const p4 = route('certifactura', 'requerimiento', 4, MONDAY);
    expect(iso(p4.firstResponseDueAt)).toBe('2026-11-23T18:00:00.000-05:00'); // 8 h on Monday
    // 60 h: Mon 9 + Tue 12 + Wed 12 + Thu 12 + Fri 12 = 57, Sat 08:00 + 3 h.
    expect(iso(p4.resolutionDueAt)).toBe('2026-11-28T11:00:00.000-05:00');
  });

  it('biometría P2 counts plain minutes on its 7×24 schedule', () => {
    const d = route('biometria', 'incidente', 2, '2026-12-24T23:00');
    expect(iso(d.firstResponseDueAt)).toBe('2026-12-25T01:00:00.000-05:00');
    expect(iso(d.resolutionDueAt)).toBe('2026-12-25T11:00:00.000-05:00');
  });

  it('a deadline that lands on the Saturday 13:00 close stays there', () => {
    const d = route('certifactura', 'incidente', 2, '2026-11-21T11:00');
    expect(iso(d.firstResponseDueAt)).toBe('2026-11-21T13:00:00.000-05:00');
  });

  it('PQRSA: first response on the PQRSA schedule, resolution = legal due date (worked example)', () => {
    const d = route('certifactura', 'peticion', undefined, '2026-03-18T10:00');
    expect(iso(d.firstResponseDueAt)).toBe('2026-03-18T14:00:00.000-05:00');
    expect(iso(d.legalDueAt ?? 0)).toBe('2026-04-13T17:00:00.000-05:00');
    expect(d.resolutionDueAt).toBe(d.legalDueAt);
  });

  it('PQRSA received outside its schedule: the first response waits for the desk, the legal term does not', () => {
    // Friday 17:30: the desk opens Monday 07:00 (P1 first response: 30 PQRSA minutes), but the queja was received
    // on Friday, so its term counts from Monday: 15 business days end Monday 14 December (8 Dec is a holiday).
    const d = route('biometria', 'queja', 1, '2026-11-20T17:30');
    expect(d.openNow).toBe(false);
    expect(iso(d.nextOpenAt ?? 0)).toBe('2026-11-23T07:00:00.000-05:00');
    expect(iso(d.firstResponseDueAt)).toBe('2026-11-23T07:30:00.000-05:00');
    expect(iso(d.legalDueAt ?? 0)).toBe('2026-12-14T17:00:00.000-05:00');
    expect(d.reasons).toContain(
      'Recibida fuera del horario PQRSA: la primera respuesta cuenta desde la siguiente apertura del canal; ' +
        'el término no depende de ese horario.',
    );
  });
});

describe('input is forgiving about case, accents and priority spelling', () => {
  it.each([
    [{ product: 'CERTIFACTURA', type: 'Petición', priority: 'p2' }, 'certifactura', 'peticion', 'P2'],
    [{ product: 'Biometría', type: 'APELACIÓN', priority: 4 }, 'biometria', 'apelacion', 'P4'],
    [{ product: 'biometria', type: ' Incidente ', priority: ' P1 ' }, 'biometria', 'incidente', 'P1'],
    [{ product: 'certifactura', type: 'Quejas', priority: '3' }, 'certifactura', 'queja', 'P3'],
    [{ product: 'certifactura', type: 'appeal' }, 'certifactura', 'apelacion', 'P3'],
  ])('%j', (raw, product, type, priority) => {
    expect(engine.vocabulary.parse(raw)).toMatchObject({ product, type, priority });
  });
});

describe('bad input names the field and what is allowed', () => {
  const problems = (raw: Record<string, unknown>) => {
    try {
      engine.vocabulary.parse(raw);
    } catch (error) {
      if (error instanceof ValidationError) return error.fields;
      throw error;
    }
    throw new Error('expected a ValidationError');
  };

  it('reports every bad field at once', () => {
    expect(problems({ product: 'facturas', type: 'felicitacion', priority: 7 })).toEqual([
      {
        path: 'product',
        code: 'unknown_value',
        message: 'unknown product "facturas"',
        allowed: ['certifactura', 'biometria'],
      },
      {
        path: 'type',
        code: 'unknown_value',
        message: 'unknown type "felicitacion"',
        allowed: ['incidente', 'requerimiento', ...PQRSA_IDS],
      },
      {
        path: 'priority',
        code: 'invalid_priority',
        message: '7 is not a priority (1 = crítica … 4)',
        allowed: ['1', '2', '3', '4', 'P1', 'P2', 'P3', 'P4'],
      },
    ]);
  });

  it('requires a priority for support types', () => {
    expect(problems({ product: 'certifactura', type: 'incidente' })).toEqual([
      expect.objectContaining({ path: 'priority', message: expect.stringMatching(/required for support/) }),
    ]);
  });

  it.each([0, 5, 1.5, 'P0', 'P12', 'alta', true])('rejects priority %j', (priority) => {
    expect(problems({ product: 'certifactura', type: 'incidente', priority })[0]?.path).toBe('priority');
  });

  it('requires product and type', () => {
    expect(problems({}).map((p) => [p.path, p.message])).toEqual([
      ['product', 'is required'],
      ['type', 'is required'],
      ['priority', 'is required for support requests (1 = crítica … 4)'],
    ]);
  });
});

describe('the decision as JSON (the contract)', () => {
  it('has exactly the contract keys, in order, and -05:00 instants with milliseconds', () => {
    const json = decisionToJson(route('certifactura', 'incidente', 1, '2026-11-21T20:00:00Z'));
    expect(Object.keys(json)).toEqual([
      'product',
      'type',
      'priority',
      'receivedAt',
      'queue',
      'destination',
      'mailbox',
      'escalationLevel',
      'escalation',
      'openNow',
      'nextOpenAt',
      'contactNow',
      'firstResponseDueAt',
      'resolutionDueAt',
      'legalDueAt',
      'reasons',
    ]);
    expect(json.receivedAt).toBe('2026-11-21T15:00:00.000-05:00');
    for (const instant of [json.nextOpenAt, json.firstResponseDueAt, json.resolutionDueAt]) {
      expect(instant).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}-05:00$/);
    }
    expect(json.reasons.length).toBeGreaterThanOrEqual(3);
  });
});
