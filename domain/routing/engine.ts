// The routing engine: compiles the catalog once (timetables, desks, rules, reason lines) and then answers each
// request with a complete decision using only lookups and binary searches.
import {
  type Catalog,
  type ChannelKind,
  type Destination,
  type PhoneContact,
  PRIORITIES,
  type Priority,
  type Product,
  type Queue,
  type RequestTypeDef,
  type RoutingRule,
  type SlaTarget,
} from '../catalog.js';
import { CatalogError, type FieldIssue, ValidationError } from '../errors.js';
import { BusinessDays } from '../time/business-days.js';
import { ClosedDates } from '../time/calendar.js';
import { type Instant, parseInstant, SUPPORTED_YEARS } from '../time/instant.js';
import { AlwaysOpenTimetable, compileTimetable, type Timetable } from '../time/timetable.js';
import type { ContactNow, EscalationContact, RoutingDecision } from './decision.js';
import { type RawRouteRequest, RequestVocabulary, type RouteRequest } from './request.js';

/** One queue of one product: where its mail goes, its hours, its phone and its escalation ladder. */
export interface Desk {
  readonly queue: Queue;
  readonly timetable: Timetable;
  readonly mailbox: string;
  readonly mailContact: ContactNow;
  readonly phone?: {
    readonly contact: ContactNow;
    readonly phone: PhoneContact;
    readonly timetable: Timetable;
  };
  readonly escalation: readonly [EscalationContact, EscalationContact, EscalationContact];
}

interface CompiledProduct {
  readonly product: Product;
  readonly support: Desk;
  readonly pqrsa: Desk;
  readonly p1Line: {
    readonly contact: ContactNow;
    readonly types: ReadonlySet<string>;
    readonly priorities: ReadonlySet<Priority>;
  };
  /** Reason lines that depend only on the product (and queue, priority): built once. */
  readonly lines: {
    readonly callP1: string;
    readonly callPhone: Readonly<Record<Queue, string>>;
    readonly writeMailbox: Readonly<Record<Queue, string>>;
    readonly sla: Readonly<Record<Queue, Readonly<Record<Priority, string>>>>;
    readonly rule: ReadonlyMap<RoutingRule, Readonly<Record<Queue, string>>>;
  };
}

interface CompiledType {
  readonly def: RequestTypeDef;
  readonly queue: Queue;
  readonly legalTermBusinessDays: number;
  readonly legalLine: string;
}

interface CompiledRule {
  readonly rule: RoutingRule;
  readonly queue: Queue | undefined;
  readonly types: ReadonlySet<string> | undefined;
  readonly priorities: ReadonlySet<Priority> | undefined;
  readonly supportOpen: boolean | undefined;
}

const ALWAYS_OPEN = new AlwaysOpenTimetable('7x24', '7 días 24 horas');

const QUEUE_DESTINATIONS: Readonly<Record<Queue, readonly Destination[]>> = {
  support: ['support-mailbox', 'p1-line'],
  pqrsa: ['pqrsa-mailbox'],
};

export class RoutingEngine {
  readonly vocabulary: RequestVocabulary;
  readonly businessDays: BusinessDays;
  private readonly products = new Map<string, CompiledProduct>();
  private readonly types = new Map<string, CompiledType>();
  private readonly rules: readonly CompiledRule[];
  /** Whether any rule asks if support is open for a PQRSA type (otherwise PQRSA requests skip that lookup). */
  private readonly pqrsaRulesReadSupportHours: boolean;
  private readonly lines: { readonly priorityDefaulted: string; readonly receivedWhileClosed: string };

  constructor(readonly catalog: Catalog) {
    const closedDates = new ClosedDates(catalog.calendar.extraClosedDates);
    const timetables = new Map(catalog.schedules.map((s) => [s.id, compileTimetable(s, closedDates)]));
    const { legalTerm } = catalog.pqrsa;
    this.businessDays = new BusinessDays(legalTerm.businessWeekdays, legalTerm.dueTime, closedDates);
    this.vocabulary = new RequestVocabulary(catalog);
    this.rules = catalog.rules.map((rule) => ({
      rule,
      queue: rule.when.queue,
      types: rule.when.types && new Set(rule.when.types),
      priorities: rule.when.priorities && new Set(rule.when.priorities),
      supportOpen: rule.when.supportOpen,
    }));
    for (const def of catalog.requestTypes) this.types.set(def.id, compileType(def, catalog));
    for (const product of catalog.products) {
      this.products.set(product.id, compileProduct(product, catalog, timetables));
    }
    const pqrsaTypes = catalog.requestTypes.filter((t) => t.queue === 'pqrsa').map((t) => t.id);
    this.pqrsaRulesReadSupportHours = this.rules.some(
      (r) =>
        r.supportOpen !== undefined &&
        r.queue !== 'support' &&
        (r.types === undefined || pqrsaTypes.some((t) => r.types?.has(t))),
    );
    this.lines = {
      priorityDefaulted: `Sin prioridad indicada: las PQRSA usan ${catalog.pqrsa.defaultPriority} por defecto.`,
      receivedWhileClosed:
        'Recibida fuera del horario PQRSA: se cuenta como recibida en la siguiente apertura del canal.',
    };
    this.checkDecisionTable();
  }

  /** Validates untrusted input into a request (see {@link RequestVocabulary.parse}). */
  parseRequest(raw: RawRouteRequest): RouteRequest {
    return this.vocabulary.parse(raw);
  }

  /**
   * Validates a request and an optional time of receipt (`at`, ISO-8601; default `now`) together, reporting every
   * bad field at once: what the `route` command and the routing preview take.
   */
  parseWithTime(
    raw: RawRouteRequest & { readonly at?: unknown },
    now: Instant,
  ): { request: RouteRequest; at: Instant } {
    const issues: FieldIssue[] = [];
    let request: RouteRequest | undefined;
    try {
      request = this.parseRequest(raw);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      issues.push(...error.fields);
    }
    const at =
      raw.at === undefined || raw.at === ''
        ? now
        : typeof raw.at === 'string'
          ? parseInstant(raw.at)
          : undefined;
    if (at === undefined) {
      issues.push({
        path: 'at',
        code: 'invalid_instant',
        message:
          `${JSON.stringify(raw.at)} is not an ISO-8601 instant in ${SUPPORTED_YEARS.from}–${SUPPORTED_YEARS.to}` +
          ' (e.g. 2026-11-21T15:00:00-05:00, 2026-11-21T20:00:00Z, or 2026-11-21T15:00 for Bogotá time)',
      });
    }
    if (issues.length > 0 || request === undefined || at === undefined) throw new ValidationError(issues);
    return { request, at };
  }

  /** Parses and decides in one step. */
  route(raw: RawRouteRequest, at: Instant): RoutingDecision {
    return this.decide(this.parseRequest(raw), at);
  }

  /** The complete decision for a request received at `at`. */
  decide(request: RouteRequest, at: Instant): RoutingDecision {
    const product = this.products.get(request.product);
    const type = this.types.get(request.type);
    if (product === undefined || type === undefined) {
      throw new ValidationError([
        ...(product
          ? []
          : [{ path: 'product', message: 'unknown product', allowed: this.vocabulary.productIds }]),
        ...(type ? [] : [{ path: 'type', message: 'unknown type', allowed: this.vocabulary.typeIds }]),
      ]);
    }
    const { priority } = request;
    const { queue } = type;
    const desk = queue === 'support' ? product.support : product.pqrsa;
    const openNow = desk.timetable.isOpen(at);
    const nextOpenAt = openNow ? null : desk.timetable.openingAtOrAfter(at);

    const supportOpen =
      queue === 'support' ? openNow : this.pqrsaRulesReadSupportHours && product.support.timetable.isOpen(at);
    const { rule } = this.match(type.def.id, queue, priority, supportOpen);
    const escalationLevel = rule.route.escalationLevel;
    const reasons: string[] = [product.lines.rule.get(rule)?.[queue] ?? rule.reason];

    let contactNow: ContactNow;
    if (product.p1Line.types.has(type.def.id) && product.p1Line.priorities.has(priority)) {
      contactNow = product.p1Line.contact;
      reasons.push(product.lines.callP1);
    } else if (
      desk.phone &&
      (desk.phone.timetable === desk.timetable ? openNow : desk.phone.timetable.isOpen(at))
    ) {
      contactNow = desk.phone.contact;
      reasons.push(product.lines.callPhone[queue]);
    } else {
      contactNow = desk.mailContact;
      reasons.push(product.lines.writeMailbox[queue]);
    }

    if (request.priorityDefaulted) reasons.push(this.lines.priorityDefaulted);
    reasons.push(product.lines.sla[queue][priority]);
    const sla = this.catalog.sla[priority];
    let firstResponseDueAt: Instant;
    let resolutionDueAt: Instant;
    let legalDueAt: Instant | null = null;
    if (queue === 'support') {
      const clock = sla.clock === 'always' ? ALWAYS_OPEN : desk.timetable;
      firstResponseDueAt = clock.addOpenMinutes(at, sla.firstResponseMinutes);
      resolutionDueAt = clock.addOpenMinutes(at, sla.resolutionMinutes);
    } else {
      firstResponseDueAt = desk.timetable.addOpenMinutes(at, sla.firstResponseMinutes);
      legalDueAt = this.businessDays.termDueAt(nextOpenAt ?? at, type.legalTermBusinessDays);
      resolutionDueAt = legalDueAt;
      reasons.push(type.legalLine);
      if (!openNow) reasons.push(this.lines.receivedWhileClosed);
    }

    return {
      product: product.product.id,
      type: type.def.id,
      priority,
      receivedAt: at,
      queue,
      destination: rule.route.destination,
      mailbox: desk.mailbox,
      escalationLevel,
      escalation: desk.escalation[escalationLevel - 1] as EscalationContact,
      openNow,
      nextOpenAt,
      contactNow,
      firstResponseDueAt,
      resolutionDueAt,
      legalDueAt,
      reasons,
    };
  }

  /** The desk (hours, mailbox, phone, escalation ladder) of a product's queue. */
  desk(productId: string, queue: Queue): Desk {
    const product = this.products.get(productId);
    if (!product) throw new ValidationError([{ path: 'product', message: 'unknown product' }]);
    return queue === 'support' ? product.support : product.pqrsa;
  }

  /** First match wins. */
  private match(typeId: string, queue: Queue, priority: Priority, supportOpen: boolean): CompiledRule {
    for (const r of this.rules) {
      if (ruleMatches(r, typeId, queue, priority, supportOpen)) return r;
    }
    throw new CatalogError([`no routing rule matches ${typeId} ${priority} (support open: ${supportOpen})`]);
  }

  /** Every type × priority × support-hours case must reach a rule whose destination fits the type's queue. */
  private checkDecisionTable(): void {
    const problems: string[] = [];
    for (const [typeId, type] of this.types) {
      for (const priority of PRIORITIES) {
        for (const supportOpen of [true, false]) {
          const when = `${typeId} ${priority} with support ${supportOpen ? 'open' : 'closed'}`;
          const hit = this.rules.find((r) => ruleMatches(r, typeId, type.queue, priority, supportOpen));
          if (!hit) problems.push(`rules: no rule matches ${when}`);
          else if (!QUEUE_DESTINATIONS[type.queue].includes(hit.rule.route.destination)) {
            problems.push(
              `rules: rule "${hit.rule.id}" sends ${when} (queue ${type.queue}) to ${hit.rule.route.destination}`,
            );
          }
        }
      }
    }
    if (problems.length > 0) throw new CatalogError(problems);
  }
}

function ruleMatches(
  r: CompiledRule,
  typeId: string,
  queue: Queue,
  priority: Priority,
  supportOpen: boolean,
) {
  return (
    (r.queue === undefined || r.queue === queue) &&
    (r.types === undefined || r.types.has(typeId)) &&
    (r.priorities === undefined || r.priorities.has(priority)) &&
    (r.supportOpen === undefined || r.supportOpen === supportOpen)
  );
}

function compileType(def: RequestTypeDef, catalog: Catalog): CompiledType {
  const days = def.legalTermBusinessDays ?? 0;
  const { legalTerm } = catalog.pqrsa;
  return {
    def,
    queue: def.queue,
    legalTermBusinessDays: days,
    legalLine:
      `Término legal (${def.label.es.toLowerCase()}): ${days} días hábiles (${legalTerm.law}) ` +
      `contados desde el día hábil siguiente al recibo; vence a las ${legalTerm.dueTime} del último día.`,
  };
}

function compileProduct(
  product: Product,
  catalog: Catalog,
  timetables: ReadonlyMap<string, Timetable>,
): CompiledProduct {
  const channel = (kind: ChannelKind) => product.channels.find((c) => c.kind === kind);
  const timetableOf = (scheduleId: string) => {
    const timetable = timetables.get(scheduleId);
    if (!timetable) throw new CatalogError([`products.${product.id}: unknown schedule "${scheduleId}"`]);
    return timetable;
  };
  const phoneOf = (kind: ChannelKind, as: ContactNow['channel']) => {
    const c = channel(kind);
    if (c?.contact.type !== 'phone') return undefined;
    const { display, tel, options, ext } = c.contact;
    const phone: PhoneContact = { display, tel, ...(options ? { options } : {}), ...(ext ? { ext } : {}) };
    return { contact: phoneContactNow(phone, as), phone, timetable: timetableOf(c.schedule) };
  };
  const mailOf = (kind: ChannelKind) => {
    const c = channel(kind);
    if (c?.contact.type !== 'email') {
      throw new CatalogError([`products.${product.id}: needs a ${kind} channel with an e-mail contact`]);
    }
    return { email: c.contact.email, timetable: timetableOf(c.schedule) };
  };
  const p1 = channel('p1-line');
  const p1Line = p1 && phoneOf('p1-line', 'p1-line');
  if (!p1 || !p1Line)
    throw new CatalogError([`products.${product.id}: needs a p1-line channel with a phone`]);

  const [level1, level2, level3] = product.escalation;
  const ladder = [escalationContact(level1), escalationContact(level2), escalationContact(level3)] as const;
  const supportMail = mailOf('email');
  const pqrsaMail = mailOf('pqrsa-email');
  const pqrsaPhone = phoneOf('pqrsa-phone', 'phone');
  const pqrsaLevel1: EscalationContact = {
    level: 1,
    name: catalog.pqrsa.name,
    emails: [pqrsaMail.email],
    phones: pqrsaPhone ? [pqrsaPhone.phone] : [],
  };
  const desks: Record<Queue, Desk> = {
    support: desk('support', supportMail, phoneOf('phone', 'phone'), ladder),
    pqrsa: desk('pqrsa', pqrsaMail, pqrsaPhone, [pqrsaLevel1, ladder[1], ladder[2]]),
  };

  const name = product.shortName;
  const perQueue = (line: (d: Desk) => string): Record<Queue, string> => ({
    support: line(desks.support),
    pqrsa: line(desks.pqrsa),
  });
  const slaLine = (queue: Queue, priority: Priority, target: SlaTarget) => {
    const hours = desks[queue].timetable.label;
    if (queue === 'pqrsa') {
      return (
        `Primera respuesta PQRSA en ${target.firstResponseMinutes} min del horario PQRSA (${hours}); ` +
        'la solución vence con el término legal.'
      );
    }
    const clock =
      target.clock === 'always' ? 'en reloj 7×24' : `del horario de soporte de ${name} (${hours})`;
    return (
      `SLA ${priority}: primera respuesta en ${target.firstResponseMinutes} min y solución en ` +
      `${target.resolutionMinutes} min ${clock}.`
    );
  };
  const sla = (queue: Queue) =>
    Object.fromEntries(PRIORITIES.map((p) => [p, slaLine(queue, p, catalog.sla[p])])) as Record<
      Priority,
      string
    >;

  const rule = new Map(
    catalog.rules.map((r) => [
      r,
      perQueue((d) =>
        fillReason(r, {
          product: name,
          mailbox: d.mailbox,
          level: String(r.route.escalationLevel),
          levelName: d.escalation[r.route.escalationLevel - 1]?.name ?? '',
          p1Line: p1Line.contact.value,
        }),
      ),
    ]),
  );

  return {
    product,
    ...desks,
    p1Line: {
      contact: p1Line.contact,
      types: new Set(p1.serves.types),
      priorities: new Set(p1.serves.priorities ?? PRIORITIES),
    },
    lines: {
      callP1:
        `Caso crítico: Certicámara recomienda llamar ya a la línea P1 7×24 ${p1Line.contact.value}, ` +
        'a cualquier hora.',
      callPhone: perQueue((d) =>
        d.phone ? `El canal telefónico está abierto: llame al ${describePhone(d.phone.contact)}.` : '',
      ),
      writeMailbox: perQueue(
        (d) =>
          `${d.phone ? `Canal telefónico cerrado ahora (${d.phone.timetable.label})` : 'Sin canal telefónico'}: ` +
          `escriba a ${d.mailbox}.`,
      ),
      sla: { support: sla('support'), pqrsa: sla('pqrsa') },
      rule,
    },
  };
}

function desk(
  queue: Queue,
  mail: { email: string; timetable: Timetable },
  phone: Desk['phone'],
  escalation: Desk['escalation'],
): Desk {
  return {
    queue,
    timetable: mail.timetable,
    mailbox: mail.email,
    mailContact: { channel: 'email', value: mail.email },
    ...(phone ? { phone } : {}),
    escalation,
  };
}

function escalationContact(step: Product['escalation'][number]): EscalationContact {
  return { level: step.level, name: step.name, emails: step.emails, phones: step.phones };
}

function phoneContactNow(phone: PhoneContact, channel: ContactNow['channel']): ContactNow {
  return {
    channel,
    value: phone.display,
    tel: phone.tel,
    ...(phone.options && phone.options.length > 0 ? { options: phone.options } : {}),
  };
}

function describePhone(contact: ContactNow): string {
  const options = contact.options?.map((o) => `opción ${o}`).join(', ');
  return options ? `${contact.value}, ${options}` : contact.value;
}

const PLACEHOLDER = /\{(\w+)\}/g;

function fillReason(rule: RoutingRule, vars: Readonly<Record<string, string>>): string {
  return rule.reason.replace(PLACEHOLDER, (whole, key: string) => {
    const value = vars[key];
    if (value === undefined)
      throw new CatalogError([`rules.${rule.id}.reason: unknown placeholder ${whole}`]);
    return value;
  });
}
