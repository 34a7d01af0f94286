import { describe, expect, it } from 'vitest';
import { rawCatalog } from '#data/catalog.js';
import { catalog, parseCatalog } from '#data/index.js';
import type { Catalog, Product } from '#domain/catalog.js';
import { CatalogError } from '#domain/errors.js';
import { RoutingEngine } from '#domain/routing/engine.js';
import { clone } from '../helpers.js';

const product = (id: string): Product => {
  const found = catalog.products.find((p) => p.id === id);
  if (!found) throw new Error(`no product ${id}`);
  return found;
};
const channel = (productId: string, kind: string) => product(productId).channels.find((c) => c.kind === kind);

describe('seed facts', () => {
  it('lists both products with their radicado prefixes', () => {
    expect(catalog.products.map((p) => [p.id, p.radicadoPrefix])).toEqual([
      ['certifactura', 'CF'],
      ['biometria', 'BIO'],
    ]);
  });

  it('Certifactura: support line with its IVR path, mobile, P1 line, mailbox, chat', () => {
    expect(channel('certifactura', 'phone')?.contact).toEqual({
      type: 'phone',
      display: '601 744 2727',
      asPublished: '(571) 744 27 27',
      tel: '+576017442727',
      options: ['2', '2'],
    });
    expect(channel('certifactura', 'mobile')?.contact).toMatchObject({
      display: '316 871 4692',
      tel: '+573168714692',
    });
    expect(channel('certifactura', 'p1-line')?.contact).toMatchObject({
      display: '318 717 4937',
      asPublished: '(57) 318-7174937',
      tel: '+573187174937',
    });
    expect(channel('certifactura', 'email')?.contact).toEqual({
      type: 'email',
      email: 'soporte.certifactura@certicamara.com',
    });
    expect(channel('certifactura', 'chat')?.contact).toEqual({
      type: 'url',
      url: 'http://idealab.certicamara.com/CertiChat/chat.php',
    });
    expect(channel('certifactura', 'email')?.schedule).toBe('certifactura-soporte');
  });

  it('biometría: 7×24 support, one support line written two ways, no mobile, P1 line shared', () => {
    expect(channel('biometria', 'mobile')).toBeUndefined();
    expect(channel('biometria', 'phone')?.contact).toMatchObject({
      display: '601 390 6642',
      asPublished: '(571) 1 3906642',
      tel: '+576013906642',
    });
    expect(product('biometria').escalation[0].phones).toEqual([
      { display: '601 390 6642', asPublished: '(571) 3906642', tel: '+576013906642' },
    ]);
    expect(channel('biometria', 'p1-line')?.contact).toMatchObject({
      display: '318 717 4937',
      asPublished: '(57) 318 717 49 37',
      tel: '+573187174937',
    });
    for (const c of product('biometria').channels.filter((ch) => !ch.kind.startsWith('pqrsa'))) {
      expect(c.schedule, c.id).toBe('7x24');
    }
    // The duplicated PQRSA row and the chat URL in the e-mail row are one channel each.
    expect(product('biometria').channels.map((c) => c.kind)).toEqual([
      'phone',
      'p1-line',
      'email',
      'chat',
      'pqrsa-email',
      'pqrsa-phone',
    ]);
  });

  it('PQRSA: one mailbox and one line (option 3), Monday to Friday 7–17, for both products', () => {
    for (const id of ['certifactura', 'biometria']) {
      expect(channel(id, 'pqrsa-email')?.contact).toEqual({
        type: 'email',
        email: 'certicamararesponde@certicamara.com',
      });
      expect(channel(id, 'pqrsa-phone')?.contact).toMatchObject({
        display: '601 744 2727',
        tel: '+576017442727',
        options: ['3'],
      });
      // Every PQRSA type, the habeas-data ones included.
      expect(channel(id, 'pqrsa-email')?.serves.types).toEqual(
        catalog.requestTypes.filter((t) => t.queue === 'pqrsa').map((t) => t.id),
      );
      expect(channel(id, 'pqrsa-email')?.serves.types).toHaveLength(9);
    }
    expect(catalog.schedules.find((s) => s.id === 'pqrsa')).toMatchObject({
      label: 'Lunes a viernes: 7 a.m. a 5 p.m.',
      hours: { mon: [['07:00', '17:00']], fri: [['07:00', '17:00']] },
    });
  });

  it('three escalation levels with names, e-mails, phones and extensions; only level 1 has hours', () => {
    for (const id of ['certifactura', 'biometria']) {
      const [l1, l2, l3] = product(id).escalation;
      expect([l1.name, l2.name, l3.name]).toEqual([
        'Grupo de soporte técnico',
        'Supervisor de Soporte',
        'Coordinador de Soporte',
      ]);
      expect(l1.schedule).toBeDefined();
      expect(l2.schedule).toBeUndefined();
      expect(l3.schedule).toBeUndefined();
      expect(l2.phones).toEqual([
        {
          display: '601 379 0300',
          asPublished: '(571) 3790300',
          tel: '+576013790300',
          ext: ['1113', '1107', '1109', '1427'],
        },
      ]);
      expect(l3).toMatchObject({
        emails: ['coordinador.mesadeayuda@certicamara.com'],
        phones: [
          { display: '601 379 0300', asPublished: '(571) 379 0300', tel: '+576013790300', ext: ['1101'] },
        ],
      });
    }
  });

  it('Certifactura support: weekdays 7–19 and Saturday 8–13, closed on holidays', () => {
    expect(catalog.schedules.find((s) => s.id === 'certifactura-soporte')).toMatchObject({
      hours: { mon: [['07:00', '19:00']], sat: [['08:00', '13:00']] },
      closedOnHolidays: true,
    });
  });
});

describe('a broken catalog fails at load, naming the path of the bad value', () => {
  type Mutable<T> = T extends readonly (infer U)[]
    ? Mutable<U>[]
    : T extends object
      ? { -readonly [K in keyof T]: Mutable<T[K]> }
      : T;
  type Raw = Mutable<Catalog>;
  const nth = <T>(items: readonly T[], i: number): T => {
    const item = items[i];
    if (item === undefined) throw new Error(`no item ${i}`);
    return item;
  };
  const failure = (mutate: (c: Raw) => void): string => {
    const broken = clone(rawCatalog) as unknown as Raw;
    mutate(broken);
    try {
      new RoutingEngine(parseCatalog(broken));
    } catch (error) {
      expect(error).toBeInstanceOf(CatalogError);
      return (error as Error).message;
    }
    throw new Error('expected the catalog to be rejected');
  };

  it('a phone that is not E.164', () => {
    expect(
      failure((c) => {
        const contact = nth(nth(c.products, 0).channels, 0).contact;
        if (contact.type === 'phone') contact.tel = '7442727';
      }),
    ).toMatch(/products\[0\]\.channels\[0\]\.contact\.tel: must be E\.164/);
  });

  it('a phone shown in the pre-2021 form, or shown as another number than it dials', () => {
    const message = failure((c) => {
      const contact = nth(nth(c.products, 0).channels, 0).contact;
      if (contact.type === 'phone') contact.display = '(571) 744 27 27';
      nth(nth(nth(c.products, 1).escalation, 1).phones, 0).display = '601 379 0301';
    });
    expect(message).toMatch(
      /products\[0\]\.channels\[0\]\.contact\.display: must be the dialable national form, e\.g\. 601 744 2727/,
    );
    expect(message).toMatch(
      /products\[1\]\.escalation\[1\]\.phones\[0\]\.display: must dial the same number as tel/,
    );
  });

  it('an unknown schedule reference', () => {
    expect(
      failure((c) => {
        nth(nth(c.products, 1).channels, 2).schedule = 'nocturno';
      }),
    ).toMatch(/products\[1\]\.channels\[2\]\.schedule: unknown schedule "nocturno"/);
  });

  it('a closing time before the opening time', () => {
    expect(
      failure((c) => {
        const s = nth(c.schedules, 0);
        if (s.kind === 'weekly') s.hours.sat = [['13:00', '08:00']];
      }),
    ).toMatch(/schedules\[0\]\.hours\.sat\[0\]: opens at 13:00 but closes at 08:00/);
  });

  it('a malformed e-mail, an unknown field and a missing SLA', () => {
    const message = failure((c) => {
      nth(nth(c.products, 0).escalation, 1).emails = ['supervisor'];
      Object.assign(nth(c.products, 0), { fax: '123' });
      delete (c.sla as Partial<Raw['sla']>).P4;
    });
    expect(message).toMatch(/products\[0\]\.escalation\[1\]\.emails\[0\]: must be an e-mail address/);
    expect(message).toMatch(/products\[0\]: Unrecognized key: "fax"/);
    expect(message).toMatch(/sla\.P4:/);
  });

  it('a PQRSA type without a term, and a product without a P1 line', () => {
    const message = failure((c) => {
      delete nth(c.requestTypes, 2).term;
      const product = nth(c.products, 0);
      product.channels = product.channels.filter((ch) => ch.kind !== 'p1-line');
    });
    expect(message).toMatch(/requestTypes\[2\]\.term: PQRSA types need a term/);
    expect(message).toMatch(/products\[0\]\.channels: needs a p1-line channel/);
  });

  it('a term without its law, counted from an unknown start, or a support type with a term', () => {
    const message = failure((c) => {
      const term = nth(c.requestTypes, 3).term;
      if (term?.basis.kind === 'law') term.basis.article = ' ';
      Object.assign(nth(c.requestTypes, 4).term ?? {}, { countFrom: 'radicacion' });
    });
    expect(message).toMatch(/requestTypes\[3\]\.term\.basis\.article: must not be empty/);
    expect(message).toMatch(/requestTypes\[4\]\.term\.countFrom:/);
    expect(
      failure((c) => {
        Object.assign(nth(c.requestTypes, 0), { term: clone(nth(c.requestTypes, 2).term) });
      }),
    ).toMatch(/requestTypes\[0\]\.term: PQRSA types need a term; support types have none/);
  });

  it('a legal calendar with a malformed daily cut-off', () => {
    expect(
      failure((c) => {
        c.pqrsa.legalTerm.dailyCutOff = '5 p.m.';
      }),
    ).toMatch(/pqrsa\.legalTerm\.dailyCutOff: must be a local time HH:mm/);
  });

  it('a decision table with a gap, or a row that sends a type to the wrong queue', () => {
    expect(
      failure((c) => {
        c.rules = c.rules.filter((r) => r.id !== 'soporte');
      }),
    ).toMatch(/rules: no rule matches incidente P1 with support open/);
    expect(
      failure((c) => {
        c.rules = [
          {
            id: 'todo',
            when: {},
            route: { destination: 'support-mailbox', escalationLevel: 1 },
            reason: 'x',
          },
        ];
      }),
    ).toMatch(/rule "todo" sends peticion P1 .* \(queue pqrsa\) to support-mailbox/);
  });

  it('a reason with an unknown placeholder', () => {
    expect(
      failure((c) => {
        nth(c.rules, 0).reason = 'Va a {buzon}';
      }),
    ).toMatch(/rules\[0\]\.reason: uses a placeholder other than/);
  });
});

describe('the catalog the functions are bundled with', () => {
  it('is the raw catalog, unchanged by validation, so bundles may skip the check the CDK app does at synth', () => {
    // Validation adds no defaults and transforms nothing: trusting the raw data after a successful parse is safe.
    expect(parseCatalog(structuredClone(rawCatalog))).toStrictEqual(structuredClone(rawCatalog));
    expect(catalog).toEqual(rawCatalog);
  });
});
