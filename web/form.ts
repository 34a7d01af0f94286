// The request form: live routing preview, validation with the server's own zod schema, one submission per form
// (Idempotency-Key), errors next to their fields, and the radicado with a link to the status page.
import { rawCatalog as catalog } from '#data/catalog.js';
import type { Priority } from '#domain/catalog.js';
import type { FieldIssue } from '#domain/errors.js';
import { fieldMessage } from '#domain/intake/messages.js';
import { submissionSchema, toFieldIssues } from '#domain/intake/submission.js';
import type { RoutingDecisionJson } from '#domain/routing/decision.js';
import type { Locale } from '#domain/ticket.js';
import { formatForPeople } from '#domain/time/readable.js';
import { attachAfterSubmitting, credentialsOf } from './attachments.js';
import { dueLine, fill, STRINGS } from './i18n.js';
import { noticeHash, renderNotice } from './notice.js';
import { apiBase, applyTexts, h, initialLocale, meta, rememberLocale } from './shared.js';

let locale: Locale = initialLocale();
let t = STRINGS[locale];
let idempotencyKey = crypto.randomUUID();
let submitting = false;
let lastIssues: FieldIssue[] = [];
let previewTimer: ReturnType<typeof setTimeout> | undefined;
let previewSequence = 0;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const form = $<HTMLFormElement>('request-form');
const product = $<HTMLSelectElement>('product');
const type = $<HTMLSelectElement>('type');
const priority = $<HTMLSelectElement>('priority');
const submitButton = $<HTMLButtonElement>('submit');

/** Which input shows the problems of which submission path. */
const FIELD_OF_PATH: Readonly<Record<string, string>> = {
  product: 'product',
  type: 'type',
  priority: 'priority',
  subject: 'subject',
  description: 'description',
  'requester.name': 'name',
  'requester.email': 'email',
  'requester.phone': 'phone',
  'requester.documentId': 'documentId',
  consent: 'consent',
  'consent.accepted': 'consent',
};

const value = (id: string) => $<HTMLInputElement>(id).value;
const queueOf = (typeId: string) => catalog.requestTypes.find((r) => r.id === typeId)?.queue;
const termOf = (typeId: string) => catalog.requestTypes.find((r) => r.id === typeId)?.term;

function renderOptions(): void {
  const chosen = { product: product.value, type: type.value, priority: priority.value };
  product.replaceChildren(...catalog.products.map((p) => h('option', { value: p.id }, p.shortName)));
  const group = (queue: 'support' | 'pqrsa', label: string) =>
    h(
      'optgroup',
      { label },
      ...catalog.requestTypes
        .filter((r) => r.queue === queue)
        .map((r) => h('option', { value: r.id }, r.label[locale])),
    );
  type.replaceChildren(group('support', t.typeGroupSupport), group('pqrsa', t.typeGroupPqrsa));
  priority.replaceChildren(
    h('option', { value: '' }, t.noPriority),
    ...(['P1', 'P2', 'P3', 'P4'] as const).map((p) => h('option', { value: p }, t.priorities[p])),
  );
  if (chosen.product) product.value = chosen.product;
  if (chosen.type) type.value = chosen.type;
  priority.value = chosen.priority || 'P3';
  describeType();
}

/** The one-line explanation of the chosen type; priority is optional (and may be blank) only for PQRSA. */
function describeType(): void {
  const chosen = catalog.requestTypes.find((r) => r.id === type.value);
  $('type-description').textContent = chosen?.description[locale] ?? '';
  const pqrsa = chosen?.queue === 'pqrsa';
  $('priority-optional').hidden = !pqrsa;
  const blank = priority.querySelector<HTMLOptionElement>('option[value=""]');
  if (blank) blank.hidden = !pqrsa;
  if (!pqrsa && priority.value === '') priority.value = 'P3';
}

function schedulePreview(): void {
  clearTimeout(previewTimer);
  previewTimer = setTimeout(() => void preview(), 150);
}

async function preview(): Promise<void> {
  const sequence = ++previewSequence;
  const query = new URLSearchParams({ product: product.value, type: type.value, locale });
  if (priority.value) query.set('priority', priority.value);
  try {
    const response = await fetch(`${apiBase()}/routing?${query}`);
    if (!response.ok || sequence !== previewSequence) return;
    renderPreview((await response.json()) as RoutingDecisionJson);
  } catch {
    // The preview is a help, not a requirement: the form still works without it.
  }
}

function renderPreview(d: RoutingDecisionJson): void {
  const received = Date.parse(d.receivedAt);
  const when = (iso: string) => formatForPeople(Date.parse(iso), locale, received);
  const productName = catalog.products.find((p) => p.id === d.product)?.shortName ?? d.product;
  const lines: HTMLElement[] = [
    h(
      'p',
      { class: 'destination' },
      fill(t.destinations[d.destination], { product: productName, mailbox: d.mailbox }),
    ),
    h('p', {}, fill(t.level, { n: d.escalationLevel, name: d.escalation.name })),
    h(
      'p',
      { class: d.openNow ? 'open' : 'closed' },
      d.openNow ? t.openNow : fill(t.closedNow, { when: when(d.nextOpenAt ?? d.receivedAt) }),
    ),
    h('p', {}, fill(t.firstResponse, { when: when(d.firstResponseDueAt) })),
    h('p', {}, dueLine(locale, termOf(d.type), d, when)),
  ];
  const contact = d.contactNow;
  let call: HTMLElement;
  if (contact.channel === 'p1-line') {
    call = h(
      'div',
      { class: d.openNow ? 'call' : 'call urgent', role: d.openNow ? 'note' : 'alert' },
      h('p', {}, d.openNow ? t.callP1Open : t.callP1Closed),
      h(
        'a',
        { class: 'call-link', href: `tel:${contact.tel ?? ''}`, 'data-testid': 'p1-line' },
        `${t.callP1Now}: ${contact.value}`,
      ),
    );
  } else if (contact.channel === 'phone') {
    const options = contact.options?.length
      ? `, ${contact.options.map((o) => fill(t.option, { n: o })).join(', ')}`
      : '';
    const [before = '', after = ''] = fill(t.callPhone, { number: '\u0000', options }).split('\u0000');
    call = h('p', {}, before, h('a', { href: `tel:${contact.tel ?? ''}` }, contact.value), after);
  } else {
    call = h('p', {}, fill(t.writeMailbox, { mailbox: contact.value }));
  }
  const why = h(
    'details',
    {},
    h('summary', {}, t.whyTitle),
    h('ul', {}, ...d.reasons.map((r) => h('li', {}, r))),
  );
  $('preview-body').replaceChildren(call, ...lines, why);
}

function collect(): Record<string, unknown> {
  const optional = (id: string) => (value(id).trim() ? value(id).trim() : undefined);
  return {
    product: product.value,
    type: type.value,
    ...(priority.value ? { priority: priority.value as Priority } : {}),
    subject: value('subject'),
    description: value('description'),
    requester: {
      name: value('name'),
      email: value('email'),
      ...(optional('phone') ? { phone: optional('phone') } : {}),
      ...(optional('documentId') ? { documentId: optional('documentId') } : {}),
    },
    consent: {
      accepted: $<HTMLInputElement>('consent').checked,
      policyVersion: meta('privacy-version') || '1',
    },
    locale,
    form: { token: meta('form-token'), website: value('website') },
  };
}

/** The same zod schema the API uses, plus the one rule that needs the catalog (support types need a priority). */
function validate(body: Record<string, unknown>): FieldIssue[] {
  const parsed = submissionSchema.safeParse(body);
  const issues = parsed.success ? [] : toFieldIssues(parsed.error.issues, body);
  if (queueOf(type.value) === 'support' && !priority.value) {
    issues.push({ path: 'priority', code: 'required', message: 'is required' });
  }
  return issues;
}

function clearErrors(): void {
  lastIssues = [];
  for (const el of form.querySelectorAll<HTMLElement>('[aria-invalid="true"]'))
    el.removeAttribute('aria-invalid');
  for (const el of form.querySelectorAll<HTMLElement>('.field-error')) el.textContent = '';
  const summary = $('error-summary');
  summary.hidden = true;
  summary.replaceChildren();
}

/** Each message next to its field (announced with it), and a summary linking to each, focused. */
function showErrors(issues: readonly { path: string; message: string }[]): void {
  const summaryItems: HTMLElement[] = [];
  for (const issue of issues) {
    const field = FIELD_OF_PATH[issue.path];
    if (field) {
      $(field).setAttribute('aria-invalid', 'true');
      const slot = $(`${field}-error`);
      slot.textContent = slot.textContent ? `${slot.textContent} ${issue.message}` : issue.message;
    }
    const label = field ? (document.querySelector(`label[for="${field}"]`)?.textContent ?? field) : '';
    summaryItems.push(
      h(
        'li',
        {},
        field
          ? h('a', { href: `#${field}` }, `${label.replace(/\s*\*$/, '')}: ${issue.message}`)
          : issue.message,
      ),
    );
  }
  const summary = $('error-summary');
  summary.replaceChildren(h('p', {}, t.errorSummary), h('ul', {}, ...summaryItems));
  summary.hidden = false;
  summary.focus();
}

function showLocalIssues(issues: FieldIssue[]): void {
  lastIssues = issues;
  showErrors(issues.map((i) => ({ path: i.path, message: fieldMessage(i, locale) })));
}

function setSubmitting(on: boolean): void {
  submitting = on;
  submitButton.disabled = on;
  submitButton.textContent = on ? t.submitting : t.submit;
  form.setAttribute('aria-busy', String(on));
}

async function submit(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  if (submitting) return;
  clearErrors();
  const body = collect();
  const issues = validate(body);
  if (issues.length > 0) {
    showLocalIssues(issues);
    return;
  }
  setSubmitting(true);
  try {
    const hash = await noticeHash(locale);
    if (hash) body.consent = { ...(body.consent as object), noticeHash: hash };
    for (let attempt = 0; ; attempt++) {
      const response = await fetch(`${apiBase()}/requests`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
        body: JSON.stringify(body),
      });
      const answer = (await response.json()) as {
        id?: string;
        routing?: RoutingDecisionJson;
        statusPageUrl?: string;
        error?: { message: string; fields?: { path: string; message: string }[] };
      };
      if (response.status === 409 && attempt < 5) {
        $('form-status').textContent = t.busy;
        await new Promise((r) => setTimeout(r, 1000 * Number(response.headers.get('retry-after') ?? 1)));
        continue;
      }
      if (response.status === 201 && answer.id && answer.routing && answer.statusPageUrl) {
        showResult(answer.id, answer.routing, answer.statusPageUrl);
        return;
      }
      showErrors(
        answer.error?.fields?.length
          ? answer.error.fields
          : [{ path: '', message: answer.error?.message ?? t.networkError }],
      );
      return;
    }
  } catch {
    showErrors([{ path: '', message: t.networkError }]);
  } finally {
    setSubmitting(false);
    $('form-status').textContent = '';
  }
}

function showResult(id: string, d: RoutingDecisionJson, statusPage: string): void {
  const received = Date.parse(d.receivedAt);
  const when = (iso: string) => formatForPeople(Date.parse(iso), locale, received);
  const result = $('result');
  const credentials = credentialsOf(statusPage);
  result.replaceChildren(
    h('h2', { id: 'result-title' }, t.resultTitle),
    h('p', {}, t.resultRadicado, ' ', h('strong', { class: 'radicado', 'data-testid': 'radicado' }, id)),
    h('p', {}, t.resultKeep),
    h('p', {}, fill(t.firstResponse, { when: when(d.firstResponseDueAt) })),
    h('p', {}, dueLine(locale, termOf(d.type), d, when)),
    ...(d.contactNow.channel === 'p1-line'
      ? [
          h(
            'p',
            { class: 'call urgent' },
            h(
              'a',
              { class: 'call-link', href: `tel:${d.contactNow.tel ?? ''}` },
              `${t.callP1Now}: ${d.contactNow.value}`,
            ),
          ),
        ]
      : []),
    h('p', {}, h('a', { href: statusPage, 'data-testid': 'status-link' }, t.resultStatus)),
    credentials ? attachAfterSubmitting(credentials, locale) : '',
    h('button', { type: 'button', id: 'another' }, t.another),
  );
  form.hidden = true;
  result.hidden = false;
  result.focus();
  $('another').addEventListener('click', () => {
    form.reset();
    idempotencyKey = crypto.randomUUID();
    void freshFormToken();
    renderOptions();
    result.hidden = true;
    form.hidden = false;
    product.focus();
    schedulePreview();
  });
}

/** A served form makes one ticket: another request from this page needs a fresh serving token. */
async function freshFormToken(): Promise<void> {
  try {
    const response = await fetch(`${apiBase()}/form-token`, { cache: 'no-store' });
    const { token } = (await response.json()) as { token?: string };
    const tag = document.querySelector<HTMLMetaElement>('meta[name="form-token"]');
    if (tag && token) tag.content = token;
  } catch {
    // Offline: the next submission is refused with "reload the page", which fetches one too.
  }
}

async function lookup(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const out = $('lookup-status');
  try {
    const response = await fetch(`${apiBase()}/requests/lookup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: value('lookup-email'), locale }),
    });
    const answer = (await response.json()) as {
      message?: string;
      error?: { fields?: { message: string }[]; message: string };
    };
    out.textContent = answer.message ?? answer.error?.fields?.[0]?.message ?? answer.error?.message ?? '';
  } catch {
    out.textContent = t.networkError;
  }
}

function switchLanguage(): void {
  locale = locale === 'es' ? 'en' : 'es';
  rememberLocale(locale);
  render();
  if (lastIssues.length > 0) {
    clearErrors();
    showLocalIssues(validate(collect()));
  }
}

function render(): void {
  t = applyTexts(locale, 'documentTitle');
  $('consent-link').setAttribute('href', meta('privacy-url') || 'https://www.certicamara.com/');
  renderNotice(locale);
  renderOptions();
  submitButton.textContent = t.submit;
  schedulePreview();
}

product.addEventListener('change', schedulePreview);
type.addEventListener('change', () => {
  describeType();
  schedulePreview();
});
priority.addEventListener('change', schedulePreview);
form.addEventListener('submit', (e) => void submit(e));
$<HTMLFormElement>('lookup-form').addEventListener('submit', (e) => void lookup(e));
$('lang-switch').addEventListener('click', switchLanguage);
render();
