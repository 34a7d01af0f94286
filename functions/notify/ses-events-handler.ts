// SES bounce and complaint events (configuration set → EventBridge → this function), recorded in the ticket's
// history; a requester address that bounces for good is flagged so staff are told in their next mail.
import type { EventBridgeEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { recordMailEvent } from '#domain/notify/mail-events.js';
import type { Clock, TicketRepository } from '#domain/ports.js';
import { logger } from '../logger.js';
import { countBy, METRIC } from '../metrics.js';

const recipients = z._default(z.array(z.object({ emailAddress: z.string() })), []);

const sesEvent = z.object({
  eventType: z.enum(['Bounce', 'Complaint', 'Delivery']),
  mail: z.object({
    messageId: z.optional(z.string()),
    tags: z._default(z.record(z.string(), z.array(z.string())), {}),
  }),
  delivery: z.optional(z.object({ timestamp: z.optional(z.string()) })),
  bounce: z.optional(z.object({ bounceType: z.string(), bouncedRecipients: recipients })),
  complaint: z.optional(z.object({ complainedRecipients: recipients })),
});

export type SesEventBridgeEvent = EventBridgeEvent<string, unknown>;

export interface SesEventsDeps {
  readonly tickets: TicketRepository;
  readonly clock: Clock;
}

export function sesEventsHandler(deps: SesEventsDeps): (event: SesEventBridgeEvent) => Promise<string> {
  return async (event) => {
    const parsed = sesEvent.safeParse(event.detail);
    if (!parsed.success) {
      logger.warn('ignored SES event', { detailType: event['detail-type'] });
      return 'ignored';
    }
    const { eventType, mail, bounce, complaint, delivery } = parsed.data;
    const ticketId = mail.tags.ticket?.[0];
    if (!ticketId) {
      logger.warn('SES event without a ticket tag', { eventType });
      return 'ignored';
    }
    const deliveredAt = Date.parse(delivery?.timestamp ?? '');
    const outcome = await recordMailEvent(deps.tickets, {
      type: eventType === 'Bounce' ? 'bounce' : eventType === 'Delivery' ? 'delivery' : 'complaint',
      ticketId,
      ...(mail.tags.kind?.[0] ? { kind: mail.tags.kind[0] } : {}),
      ...(mail.messageId ? { messageId: mail.messageId } : {}),
      notification: mail.tags.notification?.[0] ?? 'desconocido',
      permanent: bounce?.bounceType === 'Permanent',
      recipients: (bounce?.bouncedRecipients ?? complaint?.complainedRecipients ?? []).map(
        (r) => r.emailAddress,
      ),
      at: Number.isNaN(deliveredAt) ? deps.clock.now() : deliveredAt,
    });
    logger.info('SES event recorded', { ticketId, eventType, outcome });
    countBy(METRIC.mailEvent, {
      type:
        eventType === 'Bounce'
          ? `bounce-${bounce?.bounceType ?? 'unknown'}`.toLowerCase()
          : eventType.toLowerCase(),
    });
    return outcome;
  };
}
