// Routing benchmark: complete decisions per second from the engine, against the peer a team would otherwise build
// (json-rules-engine evaluating the same decision table, plus the same calendar code for hours and deadlines).
import { Engine, type RuleProperties } from 'json-rules-engine';
import { catalog } from '#data/index.js';
import { PRIORITIES, type Priority } from '#domain/catalog.js';
import { RoutingEngine } from '#domain/routing/engine.js';
import type { RouteRequest } from '#domain/routing/request.js';
import { type Instant, MINUTE_MS, parseInstant } from '#domain/time/instant.js';
import { type MeasureOptions, measure } from './measure.js';

export interface RoutingResult {
  readonly opsPerSec: number;
  readonly peerOpsPerSec: number;
  readonly ratio: number;
}

/** A fixed pseudo-random workload: every product, type and priority, at instants spread over 2026–2027. */
function workload(size: number): { requests: RouteRequest[]; instants: Instant[] } {
  let seed = 42;
  const next = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T;
  const from = parseInstant('2026-01-01T00:00') as Instant;
  const to = parseInstant('2027-12-31T23:59') as Instant;
  const requests: RouteRequest[] = [];
  const instants: Instant[] = [];
  for (let i = 0; i < size; i++) {
    requests.push({
      product: pick(catalog.products).id,
      type: pick(catalog.requestTypes).id,
      priority: pick(PRIORITIES),
    });
    instants.push(from + Math.floor(next() * ((to - from) / MINUTE_MS)) * MINUTE_MS);
  }
  return { requests, instants };
}

/** The same decision table as json-rules-engine rules; a higher priority is an earlier row (first match wins). */
function peerRules(): RuleProperties[] {
  return catalog.rules.map((rule, index) => {
    const all: { fact: string; operator: string; value: unknown }[] = [];
    if (rule.when.queue) all.push({ fact: 'queue', operator: 'equal', value: rule.when.queue });
    if (rule.when.types) all.push({ fact: 'type', operator: 'in', value: rule.when.types });
    if (rule.when.priorities) all.push({ fact: 'priority', operator: 'in', value: rule.when.priorities });
    if (rule.when.supportOpen !== undefined) {
      all.push({ fact: 'supportOpen', operator: 'equal', value: rule.when.supportOpen });
    }
    return {
      name: rule.id,
      priority: catalog.rules.length - index,
      conditions: { all },
      event: { type: 'route', params: rule.route },
    };
  });
}

export async function benchRouting(options: MeasureOptions = {}): Promise<RoutingResult> {
  const { router, desks, businessDays } = new RoutingEngine(catalog);
  const { requests, instants } = workload(4096);
  const mask = requests.length - 1;

  let i = 0;
  const ours = await measure((n) => {
    let sum = 0;
    for (let k = 0; k < n; k++) {
      const j = i++ & mask;
      sum += router.decide(requests[j] as RouteRequest, instants[j] as Instant).resolutionDueAt;
    }
    return sum;
  }, options);

  // The peer: the table through json-rules-engine, hours and deadlines through the same calendar code.
  const rulesEngine = new Engine(peerRules(), { allowUndefinedFacts: true });
  const queueOf = new Map(catalog.requestTypes.map((t) => [t.id, t.queue]));
  const typeOf = new Map(catalog.requestTypes.map((t) => [t.id, t]));
  const peerDecide = async (request: RouteRequest, at: Instant) => {
    const queue = queueOf.get(request.type) ?? 'support';
    const desk = desks.desk(request.product, queue);
    const support = desks.desk(request.product, 'support');
    const supportOpen = support.timetable.isOpen(at);
    const openNow = desk.timetable.isOpen(at);
    const { events } = await rulesEngine.run({ ...request, queue, supportOpen });
    const route = events[0]?.params as { destination: string; escalationLevel: 1 | 2 | 3 } | undefined;
    if (!route) throw new Error('peer: no rule matched');
    const nextOpenAt = openNow ? null : desk.timetable.openingAtOrAfter(at);
    const sla = catalog.sla[request.priority as Priority];
    const clock = queue === 'support' && sla.clock === 'always' ? undefined : desk.timetable;
    const firstResponseDueAt = clock
      ? clock.addOpenMinutes(at, sla.firstResponseMinutes)
      : at + sla.firstResponseMinutes * MINUTE_MS;
    let resolutionDueAt: Instant;
    if (queue === 'pqrsa') {
      const term = typeOf.get(request.type)?.term;
      if (!term) throw new Error(`peer: no term for ${request.type}`);
      resolutionDueAt = businessDays.termDueAt(at, term);
    } else {
      resolutionDueAt = clock
        ? clock.addOpenMinutes(at, sla.resolutionMinutes)
        : at + sla.resolutionMinutes * MINUTE_MS;
    }
    return {
      destination: route.destination,
      escalation: desk.escalation[route.escalationLevel - 1],
      openNow,
      nextOpenAt,
      firstResponseDueAt,
      resolutionDueAt,
    };
  };
  let p = 0;
  const peer = await measure(async (n) => {
    let sum = 0;
    for (let k = 0; k < n; k++) {
      const j = p++ & mask;
      sum += (await peerDecide(requests[j] as RouteRequest, instants[j] as Instant)).resolutionDueAt;
    }
    return sum;
  }, options);

  return { opsPerSec: ours.opsPerSec, peerOpsPerSec: peer.opsPerSec, ratio: ours.opsPerSec / peer.opsPerSec };
}
