// Shared test helpers: Bogotá instants from readable strings, and one engine over the real catalog.
import { catalog } from '#data/index.js';
import { ActionRefused, dueAtOf, EscalationPolicy } from '#domain/escalation/policy.js';
import type { EscalationLadder } from '#domain/notifications.js';
import type { ReplyAddresses } from '#domain/ports.js';
import type { RoutingDecision } from '#domain/routing/decision.js';
import { RoutingEngine } from '#domain/routing/engine.js';
import type { Ticket } from '#domain/ticket.js';
import { formatInstant, type Instant, parseInstant } from '#domain/time/instant.js';

export const engine = new RoutingEngine(catalog);

/** `bogota('2026-11-21T15:00')` → the instant, read as Bogotá time unless the text has an offset. */
export function bogota(text: string): Instant {
  const at = parseInstant(text);
  if (at === undefined) throw new Error(`bad test instant ${text}`);
  return at;
}

/** The instant as ISO-8601 Bogotá time (`…-05:00`). */
export const iso = formatInstant;

/** A deep copy of plain data, for tests that break the catalog on purpose. */
export function clone<T>(value: T): T {
  return structuredClone(value) as T;
}

/** The catalog's escalation levels per product queue, as the notifier is wired with. */
export const ladder: EscalationLadder = (product, queue) => engine.desks.desk(product, queue).escalation;

/** Reply addresses as the domain sees them (the signing adapter has its own tests): recognisable per ticket and party. */
export const replies: Pick<ReplyAddresses, 'addressFor'> = {
  addressFor: (ticketId, party) => `${ticketId.toLowerCase()}.${party}.firma@respuestas.example.com`,
};

export const policy = new EscalationPolicy({
  desks: engine.desks,
  businessDays: engine.businessDays,
  sla: catalog.sla,
  legalTerm: catalog.pqrsa.legalTerm,
  typeTerm: (type) => catalog.requestTypes.find((t) => t.id === type)?.term,
});

/** A ticket as the intake records it for this routing decision; the text fields (and any override) come from `fields`. */
export function receivedTicket(
  routing: RoutingDecision,
  fields: Pick<Ticket, 'id' | 'subject' | 'description' | 'requester'> & Partial<Ticket>,
): Ticket {
  return {
    product: routing.product,
    type: routing.type,
    priority: routing.priority,
    queue: routing.queue,
    status: 'received',
    escalationLevel: routing.escalationLevel,
    consent: { accepted: true, policyVersion: '2024-01', acceptedAt: routing.receivedAt },
    locale: 'es',
    receivedAt: routing.receivedAt,
    routing,
    ...lifecycle(routing),
    ...fields,
  };
}

/** The lifecycle fields of a freshly received ticket with this routing. */
function lifecycle(routing: RoutingDecision) {
  const watch = policy.initialWatch(routing);
  return { watch, dueAt: dueAtOf('received', watch), requesterEscalations: [], version: 0 };
}

/** A Certifactura PQRSA of `type` received at `at` (Bogotá) from Ana Pérez, about a copy of a contract. */
export function pqrsaTicket(type: string, at = '2026-11-18T10:00', fields: Partial<Ticket> = {}): Ticket {
  return receivedTicket(
    engine.route(
      { product: 'certifactura', type, ...(type === 'incidente' ? { priority: 2 } : {}) },
      bogota(at),
    ),
    {
      id: 'CF-2026-000007',
      subject: 'Copia del contrato',
      description: 'Solicito copia del contrato firmado.',
      requester: { name: 'Ana Pérez', email: 'ana@example.com' },
      ...fields,
    },
  );
}

/** The ActionRefused that `run` throws (failing the test when it throws nothing or something else). */
export function refusal(run: () => unknown): ActionRefused {
  try {
    run();
  } catch (error) {
    if (error instanceof ActionRefused) return error;
    throw error;
  }
  throw new Error('expected the action to be refused');
}
