// The status page's side of the API: the ticket as GET /requests/{id} returns it, how the page reads it, and the one
// way the page posts a requester's action (escalate, complete) and reads the answer or the API's reason for refusing it.
import type { Locale } from '#domain/ticket.js';
import { apiBase } from './shared.js';

export interface InfoRequestView {
  pending: boolean;
  requestedAt: string;
  /** What staff asked, in Spanish, written by staff. */
  asked: string;
  answerDueAt: string;
  businessDaysLeft: number;
  moreTimeAvailable: boolean;
  answeredAt: string | null;
}

export interface TicketView {
  id: string;
  status: 'received' | 'acknowledged' | 'resolved';
  closedAs?: 'withdrawn';
  mark?: 'reclamo-en-tramite';
  product: string;
  type: string;
  priority: string;
  subject: string;
  receivedAt: string;
  escalationLevel: number;
  deadlines: {
    firstResponseDueAt: string;
    resolutionDueAt: string;
    legalDueAt: string | null;
    legalTermSuspended?: boolean;
  };
  routing: { escalation: { name: string } };
  requesterEscalation?: { allowed: boolean; reason?: string; availableAt?: string | null };
  infoRequest?: InfoRequestView;
  history: { at: string; event: string; by: string; level?: number; note?: string }[];
  /** Files the requester uploaded or that came with mail, each with a signed download link. */
  attachments?: AttachmentView[];
}

export interface AttachmentView {
  id: string;
  name: string;
  type: string;
  size: number;
  source: 'upload' | 'mail';
  at: string;
  url: string;
}

export interface Credentials {
  readonly id: string;
  readonly token: string;
}

/** GET /requests/{id} with the status token as Bearer: the ticket, or undefined (unknown, bad token, no answer). */
export async function fetchTicket(credentials: Credentials): Promise<TicketView | undefined> {
  try {
    const response = await fetch(`${apiBase()}/requests/${encodeURIComponent(credentials.id)}`, {
      headers: { authorization: `Bearer ${credentials.token}` },
    });
    return response.ok ? ((await response.json()) as TicketView) : undefined;
  } catch {
    return undefined;
  }
}

/** The ticket as it now stands, or why the API refused (its own words, in the locale asked), or no answer at all. */
export type ActionOutcome =
  | { readonly ok: true; readonly view: TicketView }
  | { readonly ok: false; readonly reason: string }
  | { readonly ok: false; readonly network: true };

interface ErrorBody {
  error?: { message?: string; detail?: string; fields?: { message: string }[] };
}

/** POST /requests/{id}/{action} with the status token as Bearer and `locale` in the body. */
export async function postAction(
  credentials: Credentials,
  action: 'escalate' | 'complete',
  body: Readonly<Record<string, unknown>>,
  locale: Locale,
): Promise<ActionOutcome> {
  try {
    const response = await fetch(`${apiBase()}/requests/${encodeURIComponent(credentials.id)}/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${credentials.token}` },
      body: JSON.stringify({ ...body, locale }),
    });
    const answer = (await response.json()) as TicketView & ErrorBody;
    if (response.ok) return { ok: true, view: answer };
    const error = answer.error;
    return { ok: false, reason: error?.detail ?? error?.fields?.[0]?.message ?? error?.message ?? '' };
  } catch {
    return { ok: false, network: true };
  }
}
