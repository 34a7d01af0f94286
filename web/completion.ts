// The status page's parts for an incomplete request (Ley 1755 de 2015 art. 17, Ley 1581 de 2012 art. 15): what staff
// asked and the form to answer it or ask for more time, the answer once given, a withdrawn request, and the mark a
// habeas-data reclamo carries until it is decided.
import { fill, type Strings } from './i18n.js';
import { h } from './shared.js';
import type { TicketView } from './ticket-api.js';

/** A line the page shows after a requester's action: `status` when it worked, `alert` when it did not. */
export interface Message {
  readonly text: string;
  readonly role: 'status' | 'alert';
}

/** What the section's buttons do; `controls` is the part whose buttons are disabled while the answer is awaited. */
export interface CompletionActions {
  answer(text: string, controls: HTMLElement): void;
  moreTime(controls: HTMLElement): void;
}

const ANSWER = { min: 10, max: 2000 } as const;

/** "Reclamo en trámite", with why: Ley 1581 art. 15 keeps the mark until the claim is decided. */
export function markBadge(v: TicketView, t: Strings): HTMLElement | null {
  if (v.mark !== 'reclamo-en-tramite') return null;
  return h(
    'p',
    { class: 'mark', 'data-testid': 'mark' },
    h('strong', { class: 'badge' }, t.markTitle),
    ' ',
    t.markWhy,
  );
}

/** A request closed as withdrawn (desistida): it may be filed again, from the form. */
export function withdrawnNote(v: TicketView, t: Strings): HTMLElement | null {
  if (v.closedAs !== 'withdrawn') return null;
  return h(
    'p',
    { class: 'withdrawn', 'data-testid': 'withdrawn' },
    t.withdrawnNote,
    ' ',
    h('a', { href: './' }, t.fileAgain),
  );
}

/**
 * While staff wait for the requester: what they asked (in Spanish, as staff wrote it), until when, the suspended
 * term with the business days it keeps, the answer form and, once, the request for more time. Once answered: when,
 * and that the term runs again. The outcome of the last action is shown above either.
 */
export function completionSection(
  v: TicketView,
  t: Strings,
  when: (iso: string) => string,
  message: Message | undefined,
  actions: CompletionActions,
): HTMLElement | null {
  const request = v.infoRequest;
  const shown = message
    ? h('p', { role: message.role, 'data-testid': 'completion-message' }, message.text)
    : null;
  if (!request?.pending) {
    const answered = request?.answeredAt
      ? h(
          'p',
          { 'data-testid': 'completion-answered' },
          fill(t.completionAnswered, { when: when(request.answeredAt) }),
        )
      : null;
    return shown || answered ? h('div', {}, shown, answered) : null;
  }
  const days = request.businessDaysLeft;
  const answer = h('textarea', {
    id: 'completion-answer',
    name: 'answer',
    rows: '5',
    minlength: String(ANSWER.min),
    maxlength: String(ANSWER.max),
    required: '',
    'aria-describedby': 'completion-answer-hint',
  }) as HTMLTextAreaElement;
  const form = h(
    'form',
    { id: 'completion-form' },
    h('label', { for: 'completion-answer' }, t.completionAnswer),
    answer,
    h('p', { class: 'hint', id: 'completion-answer-hint' }, t.completionHint),
    h('button', { type: 'submit', class: 'primary' }, t.completionButton),
  );
  const section = h(
    'section',
    { class: 'escalate completion', 'data-testid': 'completion', 'aria-labelledby': 'completion-title' },
    h('h3', { id: 'completion-title' }, t.completionTitle),
    shown,
    h('p', {}, t.completionIntro),
    h('blockquote', { class: 'asked', lang: 'es' }, request.asked),
    h('p', { 'data-testid': 'completion-due' }, fill(t.completionDue, { when: when(request.answerDueAt) })),
    h(
      'p',
      { 'data-testid': 'completion-suspended' },
      fill(t.completionSuspended, {
        days: fill(days === 1 ? t.businessDays.one : t.businessDays.other, { n: days }),
      }),
    ),
    form,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    actions.answer(answer.value, section);
  });
  if (request.moreTimeAvailable) {
    const more = h('button', { type: 'button', id: 'completion-more-time' }, t.moreTimeButton);
    more.addEventListener('click', () => actions.moreTime(section));
    section.append(h('p', { class: 'hint', id: 'completion-more-time-hint' }, t.moreTimeHint), more);
    more.setAttribute('aria-describedby', 'completion-more-time-hint');
  }
  return section;
}
