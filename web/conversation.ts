// The status page's conversation: the messages exchanged by e-mail about the request (staff's replies and the
// requester's), oldest first, staff by role and level only; replying is done from the mail.
import { fill, type Strings } from './i18n.js';
import { h } from './shared.js';
import type { TicketView } from './ticket-api.js';

export function conversationSection(
  v: TicketView,
  t: Strings,
  when: (iso: string) => string,
): HTMLElement | null {
  const messages = v.history.filter((entry) => entry.event === 'message');
  if (messages.length === 0) return null;
  return h(
    'section',
    { class: 'conversation', 'data-testid': 'conversation' },
    h('h3', {}, t.conversationTitle),
    h(
      'ol',
      {},
      ...messages.map((m) =>
        h(
          'li',
          { class: m.by === 'requester' ? 'mine' : 'theirs' },
          h(
            'p',
            { class: 'who' },
            m.by === 'requester' ? t.conversationYou : fill(t.conversationStaff, { level: m.level ?? '' }),
            ' · ',
            h('time', { datetime: m.at }, when(m.at)),
          ),
          h('p', { class: 'text' }, m.note ?? ''),
        ),
      ),
    ),
    h('p', { class: 'hint' }, t.conversationHint),
  );
}
