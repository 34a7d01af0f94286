// The audit lines of deliveries, as the ticket's history shows them (Spanish; staff addresses only, the requester is
// named by role).
import type { Envelope, NotificationKind } from '../notifications.js';
import type { DeliveryFailure } from '../ports.js';
import type { HistoryEntry } from '../ticket.js';
import type { Instant } from '../time/instant.js';

/**
 * Whether a delivery's audit line follows from the ticket alone: the routed mail's addresses are in its routing
 * decision, the requester's and the page's are fixed. Escalations and reminders depend on the catalog of the day.
 */
export function deliveryFollowsFromTicket(kind: NotificationKind): boolean {
  return kind === 'routed' || kind === 'requester-ack' || kind === 'handling' || kind === 'page';
}

/** The audit line for a delivered notification (staff addresses only; the requester is named by role). */
export function deliveredEntry(kind: NotificationKind, envelope: Envelope, at: Instant): HistoryEntry {
  if (kind === 'page')
    return { at, event: 'paged', by: 'system', note: 'Alerta enviada al personal de guardia (p1-alerts).' };
  const staff = `${envelope.to.join(', ')}${envelope.cc.length > 0 ? ` (Cc ${envelope.cc.join(', ')})` : ''}`;
  const note = {
    routed: `Aviso enviado a ${staff}.`,
    escalation: `Aviso de escalamiento enviado a ${staff}.`,
    reminder: `Recordatorio del término legal enviado a ${staff}.`,
    'requester-ack': 'Acuse de recibo enviado al solicitante.',
    resolution: 'Respuesta de solución enviada al solicitante.',
    handling: 'Aviso al solicitante de quién atiende su solicitud.',
    extension: 'Aviso de prórroga del término legal enviado al solicitante.',
    'info-request': 'Requerimiento para completar la solicitud enviado al solicitante.',
    'info-provided': `Aviso de la solicitud completada enviado a ${staff}.`,
    withdrawal: 'Aviso de desistimiento enviado al solicitante.',
    'staff-reply': 'Respuesta del personal enviada al solicitante.',
    'requester-reply': `Respuesta del solicitante reenviada a ${staff}.`,
  }[kind];
  return { at, event: 'notified', by: 'system', note };
}

/** The audit line of an acknowledgement withheld by the per-recipient hourly limit (no address, no text). */
export function withheldEntry(limit: number, at: Instant): HistoryEntry {
  return {
    at,
    event: 'acknowledgement-withheld',
    by: 'system',
    note: `Acuse de recibo no enviado: la dirección del solicitante ya recibió ${limit} ${limit === 1 ? 'acuse' : 'acuses'} en esta hora (límite contra el uso del formulario para inundar un buzón). La solicitud quedó radicada y enrutada.`,
  };
}

export function parkedEntry(
  kind: NotificationKind,
  attempts: number,
  failure: { readonly reason: string; readonly kind: DeliveryFailure },
  at: Instant,
): HistoryEntry {
  const what = {
    routed: 'el aviso al buzón',
    'requester-ack': 'el acuse de recibo al solicitante',
    page: 'la alerta de guardia',
    escalation: 'el aviso de escalamiento',
    reminder: 'el recordatorio del término legal',
    resolution: 'la respuesta de solución al solicitante',
    handling: 'el aviso al solicitante de quién atiende su solicitud',
    extension: 'el aviso de prórroga del término legal al solicitante',
    'info-request': 'el requerimiento para completar la solicitud',
    'info-provided': 'el aviso de la solicitud completada',
    withdrawal: 'el aviso de desistimiento al solicitante',
    'staff-reply': 'la respuesta del personal al solicitante',
    'requester-reply': 'la respuesta del solicitante al personal',
  }[kind];
  const note =
    failure.kind === 'defect'
      ? `No se pudo preparar ${what} (${failure.reason}): es un defecto del sistema, no del servicio de correo; queda apartado para revisión y se avisó a operaciones.`
      : `No se pudo enviar ${what} tras ${attempts} ${attempts === 1 ? 'intento' : 'intentos'} (${failure.reason}); queda apartado para revisión.`;
  return { at, event: 'notification-parked', by: 'system', note };
}
