// Why a staff or requester action is refused: nothing changes, and the page or API says why.
import { DomainError } from '../errors.js';
import type { Instant } from '../time/instant.js';

/** Why an action cannot be taken now; `code` is stable for clients, the message is for people (Spanish). */
export class ActionRefused extends DomainError {
  readonly code = 'action_refused';
  constructor(
    readonly reason:
      | 'already_acknowledged'
      | 'already_resolved'
      | 'not_yet'
      | 'already_escalated'
      | 'top_level'
      | 'stale'
      | 'not_extendable'
      | 'already_extended'
      | 'term_passed'
      | 'due_date'
      | 'suspended'
      | 'not_applicable'
      | 'already_requested'
      | 'too_late'
      | 'not_waiting'
      | 'already_more_time'
      | 'answer_period_over'
      | 'too_many_attachments'
      | 'erased'
      | 'data_erased',
    message: string,
    readonly availableAt?: Instant,
  ) {
    super(message);
    this.name = 'ActionRefused';
  }
}
