// The status page: the ticket and its history, for the holder of the link. The token rides in the URL fragment
// (never sent to a server by the browser) and goes to the API as a Bearer token.
import { rawCatalog as catalog } from '#data/catalog.js';
import type { Locale } from '#domain/ticket.js';
import { formatForPeople } from '#domain/time/readable.js';
import { dueLine, fill } from './i18n.js';
import { apiBase, applyTexts, h, initialLocale, rememberLocale } from './shared.js';

interface TicketView {
  id: string;
  status: 'received' | 'acknowledged' | 'resolved';
  product: string;
  type: string;
  priority: string;
  subject: string;
  receivedAt: string;
  escalationLevel: number;
  deadlines: { firstResponseDueAt: string; resolutionDueAt: string; legalDueAt: string | null };
  routing: { escalation: { name: string } };
  requesterEscalation?: { allowed: boolean; reason?: string; availableAt?: string | null };
  history: { at: string; event: string; by: string; level?: number; note?: string }[];
}

let locale: Locale = initialLocale();
let view: TicketView | undefined;
let failed = false;
let escalationMessage: { text: string; role: 'status' | 'alert' } | undefined;
let credentials: { id: string; token: string } | undefined;
const body = document.getElementById('status-body') as HTMLElement;

function render(): void {
  const t = applyTexts(locale, 'statusDocumentTitle');
  if (failed) {
    body.replaceChildren(h('p', { role: 'alert' }, t.statusNotFound));
    return;
  }
  if (!view) {
    body.replaceChildren(h('p', {}, t.statusLoading));
    return;
  }
  const v = view;
  const received = Date.parse(v.receivedAt);
  const when = (iso: string) => formatForPeople(Date.parse(iso), locale, received);
  const product = catalog.products.find((p) => p.id === v.product)?.shortName ?? v.product;
  const typeDef = catalog.requestTypes.find((r) => r.id === v.type);
  const type = typeDef?.label[locale] ?? v.type;
  const row = (label: string, value: string) => [h('dt', {}, label), h('dd', {}, value)];
  body.replaceChildren(
    h('h2', { 'data-testid': 'status-radicado' }, v.id),
    h(
      'dl',
      {},
      ...row(t.statusLabel, t.statuses[v.status]),
      ...row(t.subject, v.subject),
      ...row(t.product, product),
      ...row(t.type, type),
      ...row(t.priority, v.priority),
      ...row(t.received, when(v.receivedAt)),
      ...row(
        '',
        fill(t.level, {
          n: v.escalationLevel,
          name:
            catalog.products.find((p) => p.id === v.product)?.escalation[v.escalationLevel - 1]?.name ??
            v.routing.escalation.name,
        }),
      ),
      ...row('', fill(t.firstResponse, { when: when(v.deadlines.firstResponseDueAt) })),
      ...row(
        '',
        dueLine(
          locale,
          typeDef?.term,
          v.deadlines,
          when,
          v.history.some((entry) => entry.event === 'extended'),
        ),
      ),
    ),
    escalationSection(v, t, when) ?? '',
    h('h3', {}, t.history),
    h(
      'ol',
      { class: 'history' },
      ...v.history.map((entry) =>
        h(
          'li',
          {},
          h('time', { datetime: entry.at }, when(entry.at)),
          ' · ',
          h('strong', {}, (t.events as Record<string, string>)[entry.event] ?? entry.event),
          ` (${((t.by as Record<string, string>)[entry.by] ?? entry.by).replace('{level}', String(entry.level ?? ''))})`,
          entry.note ? h('span', { class: 'note', lang: 'es' }, ` ${entry.note}`) : null,
        ),
      ),
    ),
  );
}

/** The requester's escalation: the form once allowed, or when it will be. */
function escalationSection(
  v: TicketView,
  t: ReturnType<typeof applyTexts>,
  when: (iso: string) => string,
): HTMLElement | null {
  const option = v.requesterEscalation;
  const message = escalationMessage
    ? h('p', { role: escalationMessage.role, 'data-testid': 'escalate-message' }, escalationMessage.text)
    : null;
  if (!option || v.status === 'resolved') return message;
  if (!option.allowed) {
    const text =
      option.reason === 'not_yet' && option.availableAt
        ? fill(t.escalateNotYet, { when: when(option.availableAt) })
        : option.reason === 'already_escalated'
          ? t.escalateAlready
          : '';
    return h('div', {}, message, text ? h('p', { class: 'hint' }, text) : null);
  }
  const reason = h('textarea', {
    id: 'escalate-reason',
    name: 'reason',
    rows: '3',
    minlength: '10',
    maxlength: '1000',
    required: '',
  }) as HTMLTextAreaElement;
  const form = h(
    'form',
    { id: 'escalate-form', class: 'escalate' },
    h('h3', {}, t.escalateTitle),
    h('p', {}, t.escalateIntro),
    h('label', { for: 'escalate-reason' }, t.escalateReason),
    reason,
    h('button', { type: 'submit', class: 'primary' }, t.escalateButton),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void escalate(reason.value, form.querySelector('button') as HTMLButtonElement);
  });
  return h('div', {}, message, form);
}

async function escalate(reason: string, button: HTMLButtonElement): Promise<void> {
  if (!credentials) return;
  const t = applyTexts(locale, 'statusDocumentTitle');
  button.disabled = true;
  try {
    const response = await fetch(`${apiBase()}/requests/${encodeURIComponent(credentials.id)}/escalate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${credentials.token}` },
      body: JSON.stringify({ reason, locale }),
    });
    const answer = (await response.json()) as TicketView & {
      error?: { message: string; detail?: string; fields?: { message: string }[] };
    };
    if (response.ok) {
      view = answer;
      escalationMessage = { text: t.escalateDone, role: 'status' };
    } else {
      const why = answer.error?.detail ?? answer.error?.fields?.[0]?.message ?? answer.error?.message ?? '';
      escalationMessage = { text: fill(t.escalateFailed, { reason: why }), role: 'alert' };
    }
  } catch {
    escalationMessage = { text: t.networkError, role: 'alert' };
  }
  render();
}

async function load(): Promise<void> {
  const params = new URLSearchParams(location.hash.slice(1));
  const id = params.get('id');
  const token = params.get('token');
  if (!id || !token) {
    failed = true;
    return render();
  }
  credentials = { id, token };
  try {
    const response = await fetch(`${apiBase()}/requests/${encodeURIComponent(id)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!response.ok) failed = true;
    else view = (await response.json()) as TicketView;
  } catch {
    failed = true;
  }
  render();
}

document.getElementById('lang-switch')?.addEventListener('click', () => {
  locale = locale === 'es' ? 'en' : 'es';
  rememberLocale(locale);
  render();
});
render();
void load();
