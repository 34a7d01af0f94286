// Compiles the catalog once: schedules into timetables, the legal calendar, each product's desks, the request types
// and the decision table, proving that every type × priority × support-hours case reaches a valid destination.
import {
  type Catalog,
  type Destination,
  PRIORITIES,
  type Priority,
  type Queue,
  type RequestTypeDef,
  type RoutingRule,
  type SlaTarget,
  type TypeTerm,
} from '../catalog.js';
import { CatalogError } from '../errors.js';
import { BusinessDays } from '../time/business-days.js';
import { ClosedDates } from '../time/calendar.js';
import { AlwaysOpenTimetable, compileTimetable, type Timetable } from '../time/timetable.js';
import { type CompiledProduct, compileProduct, type Desk, Desks } from './desks.js';

/** The 7×24 clock of P1 support deadlines. */
export const ALWAYS_OPEN = new AlwaysOpenTimetable('7x24', '7 días 24 horas');

export interface CompiledType {
  readonly def: RequestTypeDef;
  readonly queue: Queue;
  /** The PQRSA term; undefined for support types. */
  readonly term: TypeTerm | undefined;
}

export interface CompiledRule {
  readonly rule: RoutingRule;
  readonly queue: Queue | undefined;
  readonly types: ReadonlySet<string> | undefined;
  readonly priorities: ReadonlySet<Priority> | undefined;
  readonly supportOpen: boolean | undefined;
}

export interface CompiledCatalog {
  readonly products: ReadonlyMap<string, CompiledProduct>;
  readonly desks: Desks;
  readonly types: ReadonlyMap<string, CompiledType>;
  /** The decision table, in order (first match wins). */
  readonly rules: readonly CompiledRule[];
  /** Whether any rule asks if support is open for a PQRSA type (otherwise PQRSA requests skip that lookup). */
  readonly pqrsaRulesReadSupportHours: boolean;
  readonly sla: Readonly<Record<Priority, SlaTarget>>;
  /**
   * The legal calendar of PQRSA terms: business weekdays minus public holidays. Company closures and schedule
   * exceptions, which close desks and pause SLA clocks, are not part of it.
   */
  readonly businessDays: BusinessDays;
}

const QUEUE_DESTINATIONS: Readonly<Record<Queue, readonly Destination[]>> = {
  support: ['support-mailbox', 'p1-line'],
  pqrsa: ['pqrsa-mailbox'],
};

export function compileCatalog(catalog: Catalog): CompiledCatalog {
  const closedDates = new ClosedDates(catalog.calendar.extraClosedDates);
  const timetables = new Map(catalog.schedules.map((s) => [s.id, compileTimetable(s, closedDates)]));
  const { legalTerm } = catalog.pqrsa;
  const rules = catalog.rules.map(compileRule);
  const types = new Map(catalog.requestTypes.map((def) => [def.id, compileType(def)]));
  const products = new Map(
    catalog.products.map((product) => [product.id, compileProduct(product, catalog, timetables)]),
  );
  const pqrsaTypes = catalog.requestTypes.filter((t) => t.queue === 'pqrsa').map((t) => t.id);
  checkDecisionTable(types, rules);
  return {
    products,
    desks: new Desks(products),
    types,
    rules,
    pqrsaRulesReadSupportHours: rules.some(
      (r) =>
        r.supportOpen !== undefined &&
        r.queue !== 'support' &&
        (r.types === undefined || pqrsaTypes.some((t) => r.types?.has(t))),
    ),
    sla: catalog.sla,
    businessDays: new BusinessDays(legalTerm, new ClosedDates()),
  };
}

/** The clock a desk's SLA minutes run on: 7×24 for support targets on the `always` clock, else the desk's hours. */
export function slaClock(desk: Desk, target: SlaTarget): Timetable {
  return desk.queue === 'support' && target.clock === 'always' ? ALWAYS_OPEN : desk.timetable;
}

/** The first rule of the table that matches (first match wins); undefined when none does. */
export function firstMatch(
  rules: readonly CompiledRule[],
  typeId: string,
  queue: Queue,
  priority: Priority,
  supportOpen: boolean,
): CompiledRule | undefined {
  for (const r of rules) {
    if (
      (r.queue === undefined || r.queue === queue) &&
      (r.types === undefined || r.types.has(typeId)) &&
      (r.priorities === undefined || r.priorities.has(priority)) &&
      (r.supportOpen === undefined || r.supportOpen === supportOpen)
    ) {
      return r;
    }
  }
  return undefined;
}

function compileRule(rule: RoutingRule): CompiledRule {
  return {
    rule,
    queue: rule.when.queue,
    types: rule.when.types && new Set(rule.when.types),
    priorities: rule.when.priorities && new Set(rule.when.priorities),
    supportOpen: rule.when.supportOpen,
  };
}

function compileType(def: RequestTypeDef): CompiledType {
  if ((def.queue === 'pqrsa') !== (def.term !== undefined)) {
    throw new CatalogError([`requestTypes.${def.id}: PQRSA types need a term; support types have none`]);
  }
  return { def, queue: def.queue, term: def.term };
}

/** Every type × priority × support-hours case must reach a rule whose destination fits the type's queue. */
function checkDecisionTable(types: ReadonlyMap<string, CompiledType>, rules: readonly CompiledRule[]): void {
  const problems: string[] = [];
  for (const [typeId, type] of types) {
    for (const priority of PRIORITIES) {
      for (const supportOpen of [true, false]) {
        const when = `${typeId} ${priority} with support ${supportOpen ? 'open' : 'closed'}`;
        const hit = firstMatch(rules, typeId, type.queue, priority, supportOpen);
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
