// The status page: the ticket and its history, for the holder of the link. The token rides in the URL fragment
// (never sent to a server by the browser) and goes to the API as a Bearer token.
import { rawCatalog as catalog } from '#data/catalog.js';
import type { Locale } from '#domain/ticket.js';
import { formatForPeople } from '#domain/time/readable.js';
import { attachmentsSection, focusOutcome } from './attachments.js';
import { completionSection, type Message, markBadge, withdrawnNote } from './completion.js';
import { conversationSection } from './conversation.js';
import { dueLine, fill, type Strings } from './i18n.js';
import { applyTexts, h, initialLocale, rememberLocale } from './shared.js';
import { type Credentials, fetchTicket, postAction, type TicketView } from './ticket-api.js';

let locale: Locale = initialLocale();
let view: TicketView | undefined;
let failed = false;
/** The outcome of the requester's last action, shown in the part of the page it came from. */
const messages: { escalate?: Message | undefined; completion?: Message | undefined } = {};
let credentials: Credentials | undefined;
/** How the requester's last upload went, shown under the files once the ticket is read again. */
let uploaded: Message | undefined;
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
    markBadge(v, t) ?? '',
    h(
      'dl',
      {},
      ...row(t.statusLabel, v.closedAs === 'withdrawn' ? t.statusWithdrawn : t.statuses[v.status]),
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
    withdrawnNote(v, t) ?? '',
    completionSection(v, t, when, messages.completion, {
      answer: (answer, controls) =>
        void act('completion', { answer }, controls, () => t.completionDone, t.completionFailed),
      moreTime: (controls) =>
        void act(
          'completion',
          { moreTime: true },
          controls,
          (after) => fill(t.moreTimeDone, { when: when(after.infoRequest?.answerDueAt ?? '') }),
          t.moreTimeFailed,
        ),
    }) ?? '',
    escalationSection(v, t, when) ?? '',
    conversationSection(v, t, when) ?? '',
    (credentials &&
      attachmentsSection(v, when, {
        credentials,
        locale,
        message: uploaded,
        onFinished: ({ message }) => void afterUpload(message),
      })) ??
      '',
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
function escalationSection(v: TicketView, t: Strings, when: (iso: string) => string): HTMLElement | null {
  const option = v.requesterEscalation;
  const shown = messages.escalate;
  const message = shown ? h('p', { role: shown.role, 'data-testid': 'escalate-message' }, shown.text) : null;
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
    void act('escalate', { reason: reason.value }, form, () => t.escalateDone, t.escalateFailed);
  });
  return h('div', {}, message, form);
}

/**
 * Posts a requester's action (`escalate`, or `completion` to /complete) with the controls disabled meanwhile; the
 * page re-renders with the ticket the API returns, saying what was done, or with the API's reason for refusing it.
 */
async function act(
  section: keyof typeof messages,
  body: Readonly<Record<string, unknown>>,
  controls: HTMLElement,
  done: (after: TicketView) => string,
  failed: string,
): Promise<void> {
  if (!credentials) return;
  for (const button of controls.querySelectorAll('button')) button.disabled = true;
  const outcome = await postAction(
    credentials,
    section === 'escalate' ? 'escalate' : 'complete',
    body,
    locale,
  );
  const t = applyTexts(locale, 'statusDocumentTitle');
  if (outcome.ok) {
    view = outcome.view;
    messages[section] = { text: done(outcome.view), role: 'status' };
  } else {
    const refused = 'reason' in outcome;
    messages[section] = {
      text: refused ? fill(failed, { reason: outcome.reason }) : t.networkError,
      role: 'alert',
    };
    // Refused: the ticket changed meanwhile (another tab, staff), so the page shows it as it now stands.
    if (refused) view = (await fetchTicket(credentials)) ?? view;
  }
  render();
}

/** After uploads (even partial ones) the page reads the ticket again, so the list shows what arrived. */
async function afterUpload(message: Message): Promise<void> {
  uploaded = message;
  if (credentials) view = (await fetchTicket(credentials)) ?? view;
  render();
  focusOutcome();
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
  view = await fetchTicket(credentials);
  failed = view === undefined;
  render();
}

document.getElementById('lang-switch')?.addEventListener('click', () => {
  locale = locale === 'es' ? 'en' : 'es';
  rememberLocale(locale);
  render();
});
render();
void load();
