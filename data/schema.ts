// The catalog's shape and invariants, checked with zod at load. A broken catalog fails here, naming the path of
// each bad value (e.g. `products[0].channels[2].contact.tel`), before any request is routed.
import * as z from 'zod';
import {
  type Catalog,
  CHANNEL_KINDS,
  DESTINATIONS,
  ESCALATION_LEVELS,
  PRIORITIES,
  QUEUES,
  TERM_STARTS,
  WEEKDAYS,
} from '#domain/catalog.js';
import { CatalogError } from '#domain/errors.js';
import { foldForMatch } from '#domain/routing/request.js';

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a lower-case id like "certifactura" or "p1-line"');
const text = z.string().trim().min(1, 'must not be empty');
const email = z.email('must be an e-mail address');
const isoDate = z.iso.date('must be an ISO date YYYY-MM-DD');
const hhmm = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be a local time HH:mm (00:00–24:00)');
const priority = z.enum(PRIORITIES);
const queue = z.enum(QUEUES);
const level = z.union(ESCALATION_LEVELS.map((l) => z.literal(l)));
const minutes = z.number().int('must be whole minutes').positive('must be more than 0');

const minutesOf = (t: string) => {
  const [h, m] = t.split(':').map(Number) as [number, number];
  return h * 60 + m;
};

const hourRanges = z.array(z.tuple([hhmm, hhmm])).superRefine((ranges, ctx) => {
  let previousEnd = -1;
  ranges.forEach(([from, to], i) => {
    if (minutesOf(from) >= minutesOf(to)) {
      ctx.addIssue({ code: 'custom', path: [i], message: `opens at ${from} but closes at ${to}` });
    } else if (minutesOf(from) < previousEnd) {
      ctx.addIssue({ code: 'custom', path: [i], message: 'ranges must be in order and must not overlap' });
    }
    previousEnd = minutesOf(to);
  });
});

// Shown as dialled in Colombia since 2021: Bogotá landlines 601 + seven digits, mobiles 3xx + seven, in 3-3-4 groups.
const phone = z
  .strictObject({
    display: z
      .string()
      .regex(
        /^(?:60\d|3\d\d) \d{3} \d{4}$/,
        'must be the dialable national form, e.g. 601 744 2727 (landline) or 318 717 4937 (mobile)',
      ),
    asPublished: text,
    tel: z
      .string()
      .regex(
        /^\+57(?:60\d|3\d\d)\d{7}$/,
        'must be E.164, e.g. +576017442727 (landline) or +573187174937 (mobile)',
      ),
    options: z.array(z.string().regex(/^\d$/, 'must be one IVR digit')).nonempty().exactOptional(),
    ext: z
      .array(z.string().regex(/^\d{2,6}$/, 'must be the digits of an extension'))
      .nonempty()
      .exactOptional(),
  })
  .refine((p) => p.tel === `+57${p.display.replaceAll(' ', '')}`, {
    path: ['display'],
    message: 'must dial the same number as tel',
  });

const schedule = z.discriminatedUnion('kind', [
  z.strictObject({ id, label: text, kind: z.literal('7x24') }),
  z.strictObject({
    id,
    label: text,
    kind: z.literal('weekly'),
    hours: z
      .strictObject(Object.fromEntries(WEEKDAYS.map((d) => [d, hourRanges.exactOptional()])))
      .refine(
        (h) => Object.values(h).some((r) => (r?.length ?? 0) > 0),
        'a weekly schedule needs some open hours',
      ),
    closedOnHolidays: z.boolean(),
    exceptions: z.array(z.strictObject({ date: isoDate, hours: hourRanges, note: text })),
  }),
]);

const channel = z.strictObject({
  id,
  kind: z.enum(CHANNEL_KINDS),
  label: text,
  serves: z.strictObject({
    types: z.array(id).nonempty(),
    priorities: z.array(priority).nonempty().exactOptional(),
  }),
  schedule: id,
  contact: z.discriminatedUnion('type', [
    phone.safeExtend({ type: z.literal('phone') }),
    z.strictObject({ type: z.literal('email'), email }),
    z.strictObject({ type: z.literal('url'), url: z.url({ protocol: /^https?$/ }) }),
  ]),
  note: text.exactOptional(),
});

const escalationStep = z.strictObject({
  level,
  name: text,
  emails: z.array(email).nonempty(),
  phones: z.array(phone),
  schedule: id.exactOptional(),
});

const product = z.strictObject({
  id,
  name: text,
  shortName: text,
  radicadoPrefix: z.string().regex(/^[A-Z]{2,5}$/, 'must be 2–5 capital letters, e.g. CF'),
  source: text,
  channels: z.array(channel).nonempty(),
  escalation: z.tuple([escalationStep, escalationStep, escalationStep]),
});

const localized = z.strictObject({ es: text, en: text });

const requestType = z.strictObject({
  id,
  queue,
  label: localized,
  description: localized,
  aliases: z.array(text),
  term: z
    .strictObject({
      basis: z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.enum(['law', 'analogy']), law: text, article: text }),
        z.strictObject({ kind: z.literal('company-policy') }),
      ]),
      businessDays: z.number().int().min(1).max(90),
      countFrom: z.enum(TERM_STARTS),
      maxExtensionBusinessDays: z.number().int().min(0).max(90),
      completion: z.strictObject({
        askWithinBusinessDays: z.number().int().min(1).max(30),
        answerMonths: z.number().int().min(1).max(12),
      }),
    })
    .exactOptional(),
});

const REASON_PLACEHOLDERS: readonly string[] = ['product', 'mailbox', 'level', 'levelName', 'p1Line'];

const rule = z.strictObject({
  id,
  when: z.strictObject({
    queue: queue.exactOptional(),
    types: z.array(id).nonempty().exactOptional(),
    priorities: z.array(priority).nonempty().exactOptional(),
    supportOpen: z.boolean().exactOptional(),
  }),
  route: z.strictObject({ destination: z.enum(DESTINATIONS), escalationLevel: level }),
  reason: text.refine(
    (r) => [...r.matchAll(/\{(\w+)\}/g)].every((m) => REASON_PLACEHOLDERS.includes(m[1] as string)),
    { message: 'uses a placeholder other than {product}, {mailbox}, {level}, {levelName}, {p1Line}' },
  ),
});

const slaTarget = z
  .strictObject({
    firstResponseMinutes: minutes,
    resolutionMinutes: minutes,
    clock: z.enum(['always', 'queue']),
  })
  .refine((t) => t.firstResponseMinutes <= t.resolutionMinutes, {
    message: 'first response cannot come after resolution',
    path: ['firstResponseMinutes'],
  });

export const catalogSchema = z
  .strictObject({
    timeZone: z.literal('America/Bogota'),
    calendar: z.strictObject({
      extraClosedDates: z.array(z.strictObject({ date: isoDate, note: text })),
    }),
    schedules: z.array(schedule).nonempty(),
    requestTypes: z.array(requestType).nonempty(),
    products: z.array(product).nonempty(),
    rules: z.array(rule).nonempty(),
    sla: z.strictObject({ P1: slaTarget, P2: slaTarget, P3: slaTarget, P4: slaTarget }),
    pqrsa: z.strictObject({
      defaultPriority: priority,
      name: text,
      legalTerm: z.strictObject({
        businessWeekdays: z.array(z.enum(WEEKDAYS)).nonempty(),
        dueTime: hhmm,
        dailyCutOff: hhmm.exactOptional(),
        remindBusinessDaysBefore: z
          .array(z.number().int().min(1).max(30))
          .max(5)
          .refine((days) => days.every((d, i) => i === 0 || d < (days[i - 1] as number)), {
            message: 'must be distinct numbers of days, largest first',
          }),
      }),
    }),
  })
  .superRefine(checkReferences);

type CatalogInput = z.output<typeof catalogSchema>;
type Ctx = z.RefinementCtx;

/** Cross-references zod cannot express field by field: ids exist, are unique, and each product has its desks. */
function checkReferences(c: CatalogInput, ctx: Ctx): void {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message });
  const scheduleIds = unique(c.schedules, ['schedules'], issue);
  const typeIds = unique(c.requestTypes, ['requestTypes'], issue);
  unique(c.products, ['products'], issue);
  unique(c.rules, ['rules'], issue);
  const knownSchedule = (s: string, path: (string | number)[]) => {
    if (!scheduleIds.has(s)) issue(path, `unknown schedule "${s}" (known: ${[...scheduleIds].join(', ')})`);
  };
  const knownTypes = (types: readonly string[], path: (string | number)[]) => {
    types.forEach((t, i) => {
      if (!typeIds.has(t))
        issue([...path, i], `unknown request type "${t}" (known: ${[...typeIds].join(', ')})`);
    });
  };

  const spellings = new Map<string, string>();
  c.requestTypes.forEach((t, i) => {
    if ((t.queue === 'pqrsa') !== (t.term !== undefined)) {
      issue(['requestTypes', i, 'term'], 'PQRSA types need a term; support types have none');
    }
    for (const spelling of new Set([t.id, t.label.es, t.label.en, ...t.aliases].map(foldForMatch))) {
      const owner = spellings.get(spelling);
      if (owner !== undefined && owner !== t.id) {
        issue(['requestTypes', i], `"${spelling}" already names request type "${owner}"`);
      }
      spellings.set(spelling, t.id);
    }
  });

  const prefixes = new Set<string>();
  c.products.forEach((p, i) => {
    const at = ['products', i];
    if (prefixes.has(p.radicadoPrefix))
      issue([...at, 'radicadoPrefix'], `prefix ${p.radicadoPrefix} is taken`);
    prefixes.add(p.radicadoPrefix);
    unique(p.channels, [...at, 'channels'], issue);
    const kinds = new Map<string, number>();
    p.channels.forEach((ch, j) => {
      const path = [...at, 'channels', j];
      knownSchedule(ch.schedule, [...path, 'schedule']);
      knownTypes(ch.serves.types, [...path, 'serves', 'types']);
      kinds.set(ch.kind, (kinds.get(ch.kind) ?? 0) + 1);
      const wanted = CONTACT_OF_KIND[ch.kind];
      if (ch.contact.type !== wanted)
        issue([...path, 'contact', 'type'], `a ${ch.kind} channel needs a ${wanted}`);
    });
    for (const kind of CHANNEL_KINDS) {
      const n = kinds.get(kind) ?? 0;
      if (n > 1) issue([...at, 'channels'], `more than one ${kind} channel`);
      if (n === 0 && REQUIRED_KINDS.includes(kind)) issue([...at, 'channels'], `needs a ${kind} channel`);
    }
    p.escalation.forEach((step, j) => {
      if (step.level !== j + 1) issue([...at, 'escalation', j, 'level'], `must be ${j + 1}`);
      if (step.schedule !== undefined) knownSchedule(step.schedule, [...at, 'escalation', j, 'schedule']);
    });
  });
  c.rules.forEach((r, i) => {
    if (r.when.types) knownTypes(r.when.types, ['rules', i, 'when', 'types']);
  });
}

const CONTACT_OF_KIND: Readonly<Record<(typeof CHANNEL_KINDS)[number], 'phone' | 'email' | 'url'>> = {
  phone: 'phone',
  mobile: 'phone',
  'p1-line': 'phone',
  'pqrsa-phone': 'phone',
  email: 'email',
  'pqrsa-email': 'email',
  chat: 'url',
};
const REQUIRED_KINDS: readonly string[] = ['email', 'p1-line', 'pqrsa-email'];

function unique(
  items: readonly { id: string }[],
  path: (string | number)[],
  issue: (path: (string | number)[], message: string) => void,
): Set<string> {
  const ids = new Set<string>();
  items.forEach((item, i) => {
    if (ids.has(item.id)) issue([...path, i, 'id'], `duplicate id "${item.id}"`);
    ids.add(item.id);
  });
  return ids;
}

/** `['products', 0, 'channels', 2, 'tel']` → `products[0].channels[2].tel`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return out === '' ? String(key) : `${out}.${String(key)}`;
  }, '');
}

/** Validates raw catalog data; throws a {@link CatalogError} listing every bad value by path. */
export function parseCatalog(raw: unknown): Catalog {
  const result = catalogSchema.safeParse(raw);
  if (!result.success) {
    throw new CatalogError(result.error.issues.map((i) => `${formatPath(i.path) || '(root)'}: ${i.message}`));
  }
  const catalog: Catalog = result.data;
  return catalog;
}
