// The published support pages (the seeds) and the contacts in them and in the catalog, for the seed tests.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ContactAddition } from '#data/products/contact-additions.js';
import type { Catalog, CatalogPhone } from '#domain/catalog.js';

/** `../shared/seeds` beside the repository when present, else the snapshot in data/seeds. */
export const SHARED_SEEDS =
  process.env.SEEDS_DIR ?? fileURLToPath(new URL('../../../shared/seeds', import.meta.url));
export const SNAPSHOT = fileURLToPath(new URL('../../data/seeds', import.meta.url));
export const SEEDS_DIR = existsSync(SHARED_SEEDS) ? SHARED_SEEDS : SNAPSHOT;

export const seedFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort();

/** `[file name, text]` of each seed page. */
export const seeds = seedFiles(SEEDS_DIR).map((f) => [f, readFileSync(`${SEEDS_DIR}/${f}`, 'utf8')] as const);

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
/** A phone as the seed pages write it, country or area code in brackets: `(571) 744 27 27`, `(57) 318-7174937`. */
export const PUBLISHED_PHONE = /\(\d{2,3}\)(?:[\s-]*\d)+/g;
/** A phone in today's form, national or E.164: `601 744 2727`, `318-7174937`, `+573187174937`. */
const CURRENT_PHONE = /(?<![\d+])(?:\+57)?(?:60\d|3\d\d)[ -]?\d{3}[ -]?\d{4}(?!\d)/g;

const digits = (text: string) => text.replace(/\D/g, '');
const matches = (text: string, pattern: RegExp) => [...new Set(text.match(pattern) ?? [])];

export const emailsIn = (text: string) => matches(text, EMAIL);

/**
 * The E.164 number a seed's phone text dials today: a mobile `(57) 3xx…` is `+57 3xx…`; Bogotá's `(571)` plus seven
 * digits (biometría once writes a stray `1` before them, repeating the old area code) is `+57 601` plus the seven.
 */
export function e164OfPublished(text: string): string {
  const d = digits(text);
  const mobile = /^57(3\d{9})$/.exec(d)?.[1];
  if (mobile) return `+57${mobile}`;
  const bogota = /^5711?(\d{7})$/.exec(d)?.[1];
  if (bogota) return `+57601${bogota}`;
  throw new Error(`"${text}" is neither a Bogotá (571) number nor a (57) mobile`);
}

/** Every phone number in a seed page, in E.164. */
export const seedPhonesIn = (text: string) => matches(text, PUBLISHED_PHONE).map(e164OfPublished);

/** Every phone number written anywhere in some text (a catalog as JSON), in E.164, in either form. */
function phonesIn(text: string): string[] {
  const current = matches(text, CURRENT_PHONE).map((p) => `+57${digits(p).replace(/^57(?=\d{10}$)/, '')}`);
  return [...new Set([...current, ...seedPhonesIn(text)])];
}

/** Every phone of the catalog, wherever it is written. */
export function allPhones(c: Catalog): CatalogPhone[] {
  return c.products.flatMap((p) => [
    ...p.channels.flatMap((ch) => (ch.contact.type === 'phone' ? [ch.contact] : [])),
    ...p.escalation.flatMap((step) => step.phones),
  ]);
}

/**
 * The contacts of a catalog that no seed page publishes and no addition declares: every e-mail address and phone
 * number written anywhere in it (fields, notes, reasons), and every phone whose `asPublished` text is not a seed's.
 */
export function contactsNotInSeeds(
  c: Catalog,
  seedTexts: readonly string[],
  additions: readonly ContactAddition[],
): string[] {
  const text = JSON.stringify(c);
  const known = new Set([
    ...seedTexts.flatMap((s) => [...emailsIn(s), ...seedPhonesIn(s)]),
    ...additions.map((a) => a.contact),
  ]);
  const declared = new Set(additions.map((a) => a.contact));
  const notPublished = allPhones(c)
    .filter((p) => !declared.has(p.tel) && !seedTexts.some((s) => s.includes(p.asPublished)))
    .map((p) => `${p.tel} as "${p.asPublished}"`);
  return [
    ...[...emailsIn(text), ...phonesIn(text)].filter((contact) => !known.has(contact)),
    ...notPublished,
  ];
}
