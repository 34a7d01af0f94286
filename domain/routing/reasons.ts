// The Spanish reason lines of a routing decision. Each depends only on the catalog (product, queue, priority, rule,
// type), so all of them are written once, when the catalog is compiled, and a decision only picks them.
import {
  type Catalog,
  type LegalTermPolicy,
  PRIORITIES,
  type Priority,
  type Queue,
  type RoutingRule,
  type SlaTarget,
  type TypeTerm,
} from '../catalog.js';
import { CatalogError } from '../errors.js';
import { type PluralForms, plural } from '../plural.js';
import { isLegalTerm, termBasisText } from '../terms.js';
import type { CompiledCatalog } from './compile.js';
import type { ContactNow } from './decision.js';
import type { CompiledProduct, Desk } from './desks.js';

/** The lines of one product, per queue (and priority, and rule) where they differ. */
export interface ProductReasons {
  readonly callP1: string;
  readonly callPhone: Readonly<Record<Queue, string>>;
  readonly writeMailbox: Readonly<Record<Queue, string>>;
  readonly sla: Readonly<Record<Queue, Readonly<Record<Priority, string>>>>;
  readonly rule: ReadonlyMap<RoutingRule, Readonly<Record<Queue, string>>>;
}

export interface Reasons {
  readonly products: ReadonlyMap<string, ProductReasons>;
  /** The term line of each PQRSA type (its basis, days, counting start and extension), by type id. */
  readonly legal: ReadonlyMap<string, string>;
  readonly priorityDefaulted: string;
  readonly receivedWhileClosed: string;
}

const BUSINESS_DAYS: PluralForms = { one: '# día hábil', other: '# días hábiles' };

export function writeReasons(catalog: Catalog, compiled: CompiledCatalog): Reasons {
  const { legalTerm } = catalog.pqrsa;
  const legal = new Map<string, string>();
  for (const { def, term } of compiled.types.values()) {
    if (term) legal.set(def.id, termLine(def.label.es, term, legalTerm));
  }
  const products = new Map(
    [...compiled.products].map(([id, product]) => [id, productReasons(product, catalog)]),
  );
  return {
    products,
    legal,
    priorityDefaulted: `Sin prioridad indicada: las PQRSA usan ${catalog.pqrsa.defaultPriority} por defecto.`,
    receivedWhileClosed:
      'Recibida fuera del horario PQRSA: la primera respuesta cuenta desde la siguiente apertura del canal; ' +
      'el término no depende de ese horario.',
  };
}

/**
 * `Término legal (queja): 15 días hábiles (Ley 1755 de 2015, art. 14), contados desde el día hábil siguiente al de
 * recibo; vence a las 17:00 del último día; prorrogable hasta 15 días hábiles más.`
 */
function termLine(label: string, term: TypeTerm, calendar: LegalTermPolicy): string {
  const kind = isLegalTerm(term) ? 'Término legal' : 'Término de la empresa';
  const from =
    term.countFrom === 'receipt-day'
      ? 'contados desde el mismo día de recibo'
      : 'contados desde el día hábil siguiente al de recibo';
  const cutOff = calendar.dailyCutOff
    ? ` (lo recibido desde las ${calendar.dailyCutOff} cuenta como recibido el día hábil siguiente)`
    : '';
  const extension =
    term.maxExtensionBusinessDays > 0
      ? `; prorrogable hasta ${plural('es', term.maxExtensionBusinessDays, BUSINESS_DAYS)} más`
      : '';
  return (
    `${kind} (${label.toLowerCase()}): ${plural('es', term.businessDays, BUSINESS_DAYS)} ` +
    `(${termBasisText(term.basis, 'es')}), ${from}${cutOff}; vence a las ${calendar.dueTime} del último día` +
    `${extension}.`
  );
}

function productReasons(compiled: CompiledProduct, catalog: Catalog): ProductReasons {
  const desks: Record<Queue, Desk> = { support: compiled.support, pqrsa: compiled.pqrsa };
  const name = compiled.product.shortName;
  const p1Line = compiled.p1Line.contact.value;
  const perQueue = (line: (d: Desk) => string): Record<Queue, string> => ({
    support: line(desks.support),
    pqrsa: line(desks.pqrsa),
  });
  const slaLine = (queue: Queue, priority: Priority, target: SlaTarget) => {
    const hours = desks[queue].timetable.label;
    if (queue === 'pqrsa') {
      return (
        `Primera respuesta PQRSA en ${target.firstResponseMinutes} min del horario PQRSA (${hours}); ` +
        'la solución vence con el término de su tipo.'
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
          p1Line,
        }),
      ),
    ]),
  );
  return {
    callP1: `Caso crítico: Certicámara recomienda llamar ya a la línea P1 7×24 ${p1Line}, a cualquier hora.`,
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
