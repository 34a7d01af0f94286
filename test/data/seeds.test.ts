// The catalog against the published support pages, both ways: everything a page publishes is in the catalog, and
// every contact in the catalog comes from a page (or is a declared addition, with its reason).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalog } from '#data/index.js';
import { type ContactAddition, contactAdditions } from '#data/products/contact-additions.js';
import type { Catalog, CatalogPhone } from '#domain/catalog.js';
import { clone } from '../helpers.js';
import {
  allPhones,
  contactsNotInSeeds,
  e164OfPublished,
  emailsIn,
  PUBLISHED_PHONE,
  SEEDS_DIR,
  SHARED_SEEDS,
  SNAPSHOT,
  seedFiles,
  seedPhonesIn,
  seeds,
} from './seeds.js';

const seedTexts = seeds.map(([, text]) => text);

describe('the catalog covers everything the seed pages publish', () => {
  it.runIf(SEEDS_DIR === SHARED_SEEDS)('the snapshot in data/seeds is the published pages, verbatim', () => {
    expect(seedFiles(SNAPSHOT)).toEqual(seedFiles(SHARED_SEEDS));
    for (const f of seedFiles(SHARED_SEEDS)) {
      expect(readFileSync(`${SNAPSHOT}/${f}`, 'utf8'), f).toBe(readFileSync(`${SHARED_SEEDS}/${f}`, 'utf8'));
    }
  });

  const catalogText = JSON.stringify(catalog);
  const published = new Set(allPhones(catalog).map((p) => p.asPublished));

  it('has one product per seed page', () => {
    expect(seeds.map(([f]) => f).sort()).toEqual(
      catalog.products.map((p) => p.source.replace('seeds/', '')).sort(),
    );
  });

  describe.each(seeds)('%s', (_file, text) => {
    it('every e-mail address is in the catalog', () => {
      const emails = emailsIn(text);
      expect(emails.length).toBeGreaterThan(0);
      for (const email of emails) expect(catalogText, email).toContain(`"${email}"`);
    });

    it('every phone number is in the catalog, its text kept as published', () => {
      const phones = [...new Set(text.match(PUBLISHED_PHONE) ?? [])];
      expect(phones.length).toBeGreaterThanOrEqual(5);
      for (const phone of phones) expect(published, phone).toContain(phone);
    });

    it('every URL is in the catalog', () => {
      const urls = [...new Set(text.match(/https?:\/\/[^\s"<]+/g) ?? [])];
      expect(urls.length).toBeGreaterThan(0);
      for (const url of urls) expect(catalogText, url).toContain(`"${url}"`);
    });
  });

  it('every tel is the number its published text dials today (Bogotá (571) → 601, mobiles (57) 3xx → 3xx)', () => {
    for (const phone of allPhones(catalog)) {
      expect(phone.tel, phone.asPublished).toBe(e164OfPublished(phone.asPublished));
    }
    expect(e164OfPublished('(571) 744 27 27')).toBe('+576017442727');
    expect(e164OfPublished('(571) 1 3906642')).toBe('+576013906642');
    expect(e164OfPublished('(57) 318-7174937')).toBe('+573187174937');
    expect(() => e164OfPublished('(574) 444 55 66')).toThrow(/neither a Bogotá/);
  });
});

describe('every contact in the catalog comes from a seed page or is a declared addition', () => {
  it('no e-mail address or phone number of the catalog is missing from the seeds', () => {
    expect(contactsNotInSeeds(catalog, seedTexts, contactAdditions)).toEqual([]);
  });

  it('each addition has a reason, is in the catalog and is not already in a seed', () => {
    const catalogText = JSON.stringify(catalog);
    const inSeeds = new Set(seedTexts.flatMap((s) => [...emailsIn(s), ...seedPhonesIn(s)]));
    for (const { contact, reason } of contactAdditions) {
      expect(reason.trim(), contact).not.toBe('');
      expect(catalogText, contact).toContain(contact);
      expect(inSeeds.has(contact), contact).toBe(false);
    }
  });

  describe('a contact invented in the catalog is caught', () => {
    /** The parts of a catalog copy these tests write to. */
    interface Editable {
      products: {
        channels: { kind: string; note?: string }[];
        escalation: { emails: string[]; phones: CatalogPhone[] }[];
      }[];
    }
    const invent = (mutate: (c: Editable) => void): Catalog => {
      const c = clone(catalog);
      mutate(c as unknown as Editable);
      return c;
    };
    const level = (c: Editable, n: 0 | 1 | 2) => {
      const step = c.products[0]?.escalation[n];
      if (!step) throw new Error('no escalation step');
      return step;
    };
    const invented = invent((c) => {
      level(c, 1).emails.push('gerencia@certicamara.com');
      level(c, 2).phones.push({
        display: '601 555 0101',
        asPublished: '(571) 555 01 01',
        tel: '+576015550101',
      });
      const chat = c.products[1]?.channels.find((ch) => ch.kind === 'chat');
      if (!chat) throw new Error('no chat channel');
      chat.note = 'Fuera de horario escriba a urgencias@certicamara.com o llame al 310 555 0202.';
    });

    it('in a field or in free text, in either form', () => {
      expect(contactsNotInSeeds(invented, seedTexts, contactAdditions)).toEqual([
        'gerencia@certicamara.com',
        'urgencias@certicamara.com',
        '+576015550101',
        '+573105550202',
        '+576015550101 as "(571) 555 01 01"',
      ]);
    });

    it('a seed number with made-up published text', () => {
      const c = invent((c) => {
        const step = level(c, 1);
        step.phones = step.phones.map((p) => ({ ...p, asPublished: '(571) 379-03-00' }));
      });
      expect(contactsNotInSeeds(c, seedTexts, contactAdditions)).toEqual([
        '+576013790300 as "(571) 379-03-00"',
      ]);
    });

    it('unless declared as an addition', () => {
      const additions: ContactAddition[] = [
        'gerencia@certicamara.com',
        'urgencias@certicamara.com',
        '+576015550101',
        '+573105550202',
      ].map((contact) => ({ contact, reason: 'published on the company site' }));
      expect(contactsNotInSeeds(invented, seedTexts, additions)).toEqual([]);
    });
  });
});
