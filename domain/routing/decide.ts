// Deciding a request: over the compiled catalog and its reason lines, a complete decision from lookups and binary
// searches only.
import type { Priority, Queue } from '../catalog.js';
import { CatalogError, ValidationError } from '../errors.js';
import type { BusinessDays } from '../time/business-days.js';
import type { Instant } from '../time/instant.js';
import {
  type CompiledCatalog,
  type CompiledRule,
  type CompiledType,
  firstMatch,
  slaClock,
} from './compile.js';
import type { ContactNow, EscalationContact, RoutingDecision } from './decision.js';
import type { CompiledProduct } from './desks.js';
import type { ProductReasons, Reasons } from './reasons.js';
import type { RouteRequest } from './request.js';

/** A product with its reason lines, and a type with its legal line: one lookup apiece per decision. */
type ProductEntry = CompiledProduct & { readonly lines: ProductReasons };
type TypeEntry = CompiledType & { readonly legalLine: string };

export class Router {
  private readonly products = new Map<string, ProductEntry>();
  private readonly types = new Map<string, TypeEntry>();
  private readonly productIds: readonly string[];
  private readonly typeIds: readonly string[];
  private readonly rules: readonly CompiledRule[];
  private readonly sla: CompiledCatalog['sla'];
  private readonly businessDays: BusinessDays;
  private readonly pqrsaRulesReadSupportHours: boolean;
  private readonly lines: Pick<Reasons, 'priorityDefaulted' | 'receivedWhileClosed'>;

  constructor(compiled: CompiledCatalog, reasons: Reasons) {
    for (const [id, product] of compiled.products) {
      this.products.set(id, { ...product, lines: reasons.products.get(id) as ProductReasons });
    }
    for (const [id, type] of compiled.types) {
      this.types.set(id, { ...type, legalLine: reasons.legal.get(id) as string });
    }
    this.productIds = [...compiled.products.keys()];
    this.typeIds = [...compiled.types.keys()];
    this.rules = compiled.rules;
    this.sla = compiled.sla;
    this.businessDays = compiled.businessDays;
    this.pqrsaRulesReadSupportHours = compiled.pqrsaRulesReadSupportHours;
    this.lines = reasons;
  }

  /** The complete decision for a request received at `at`. */
  decide(request: RouteRequest, at: Instant): RoutingDecision {
    const product = this.products.get(request.product);
    const type = this.types.get(request.type);
    if (product === undefined || type === undefined) {
      throw new ValidationError([
        ...(product ? [] : [{ path: 'product', message: 'unknown product', allowed: this.productIds }]),
        ...(type ? [] : [{ path: 'type', message: 'unknown type', allowed: this.typeIds }]),
      ]);
    }
    const { lines } = product;
    const { priority } = request;
    const { queue } = type;
    const desk = queue === 'support' ? product.support : product.pqrsa;
    const openNow = desk.timetable.isOpen(at);
    const nextOpenAt = openNow ? null : desk.timetable.openingAtOrAfter(at);

    const supportOpen =
      queue === 'support' ? openNow : this.pqrsaRulesReadSupportHours && product.support.timetable.isOpen(at);
    const { rule } = this.match(type.def.id, queue, priority, supportOpen);
    const escalationLevel = rule.route.escalationLevel;
    const reasons: string[] = [lines.rule.get(rule)?.[queue] ?? rule.reason];

    let contactNow: ContactNow;
    if (product.p1Line.types.has(type.def.id) && product.p1Line.priorities.has(priority)) {
      contactNow = product.p1Line.contact;
      reasons.push(lines.callP1);
    } else if (
      desk.phone &&
      (desk.phone.timetable === desk.timetable ? openNow : desk.phone.timetable.isOpen(at))
    ) {
      contactNow = desk.phone.contact;
      reasons.push(lines.callPhone[queue]);
    } else {
      contactNow = desk.mailContact;
      reasons.push(lines.writeMailbox[queue]);
    }

    if (request.priorityDefaulted) reasons.push(this.lines.priorityDefaulted);
    reasons.push(lines.sla[queue][priority]);
    const sla = this.sla[priority];
    const clock = slaClock(desk, sla);
    const firstResponseDueAt = clock.addOpenMinutes(at, sla.firstResponseMinutes);
    let resolutionDueAt: Instant;
    let legalDueAt: Instant | null = null;
    if (type.term === undefined) {
      resolutionDueAt = clock.addOpenMinutes(at, sla.resolutionMinutes);
    } else {
      // The legal calendar, not the desk: received after hours on a business day is received that day.
      legalDueAt = this.businessDays.termDueAt(at, type.term);
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

  /** First match wins; the compiled table is proven complete, so a miss means a broken catalog. */
  private match(typeId: string, queue: Queue, priority: Priority, supportOpen: boolean): CompiledRule {
    const hit = firstMatch(this.rules, typeId, queue, priority, supportOpen);
    if (hit) return hit;
    throw new CatalogError([`no routing rule matches ${typeId} ${priority} (support open: ${supportOpen})`]);
  }
}
