// The fields of a staff action page that depend on the ticket: refused with the reason when the action may not be
// taken now, and the supresión's (Ley 1581 art. 15): the requester's closed tickets it erases, each with a box to keep
// it for a legal or contractual duty, the reason for keeping, the open ones it leaves, and the answer to the titular.
import type { ActionDeps } from '#domain/escalation/actions.js';
import { ActionRefused } from '#domain/escalation/refusal.js';
import { assertSuppressible, suppressionPlan } from '#domain/escalation/suppression.js';
import type { Ticket } from '#domain/ticket.js';
import { MESSAGES, STAFF_LOCALE } from '../i18n/messages.js';
import { escapeHtml as e } from '../notify/layout.js';

/** A form's fields for an action, or why it is refused now. */
export type Fields = { readonly html: string; readonly refused?: string };

/** The fields `render` gives, or why the action is refused now (an ActionRefused's message). */
export async function refusedOr(render: () => string | Promise<string>): Promise<Fields> {
  try {
    return { html: await render() };
  } catch (error) {
    if (error instanceof ActionRefused) return { html: '', refused: error.message };
    throw error;
  }
}

const TEXT = MESSAGES[STAFF_LOCALE].suppression;

/** The supresión's fields, read from the requester's tickets as they are now (a GET changes nothing). */
export function suppressionFields(
  deps: ActionDeps,
  ticket: Ticket,
  previous: { readonly note: string; readonly keep: readonly string[]; readonly keepReason: string },
): Promise<Fields> {
  return refusedOr(async () => {
    assertSuppressible(ticket);
    const plan = await suppressionPlan(deps.tickets, ticket, deps.products);
    const boxes = plan.closed.map(
      (id) =>
        `<label class="check"><input type="checkbox" name="keep" value="${e(id)}"${previous.keep.includes(id) ? ' checked' : ''}> ${e(TEXT.keepLabel(id))}</label>`,
    );
    return [
      `<p class="note">${e(TEXT.intro(plan.closed.length))}</p>`,
      boxes.length > 0
        ? `<fieldset><legend>${e(TEXT.closedLegend)}</legend>${boxes.join('')}</fieldset>`
        : '',
      boxes.length > 0
        ? `<label for="keepReason">${e(TEXT.keepReasonLabel)}</label><textarea id="keepReason" name="keepReason" rows="3" maxlength="2000">${e(previous.keepReason)}</textarea>`
        : '',
      plan.open.length > 0 ? `<p>${e(TEXT.open(plan.open.join(', ')))}</p>` : '',
      `<label for="note">${e(TEXT.answerLabel)}</label>`,
      `<textarea id="note" name="note" rows="6" minlength="10" maxlength="5000" required>${e(previous.note)}</textarea>`,
    ].join('');
  });
}
