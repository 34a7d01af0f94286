// Sistema de Autenticación Biométrica Certificada ("biometria"), from seeds/001_8a048a4e1869f394.txt.
//
// Seed quirks, resolved:
// - The second "Correo electrónico" row lists the chat URL instead of an address: it is the chat channel, listed
//   once (as "chat").
// - The PQRSA row appears twice, word for word: one PQRSA mailbox and one PQRSA line.
// - The support line is written "(571) 1 3906642" in the channel table and "(571) 3906642" in the escalation
//   table: one number, 601 390 6642 (the stray "1" repeats Bogotá's old area code). Each `asPublished` keeps its
//   row's text; `display` is the number as dialled today.
// - There is no mobile line (Certifactura has one): no `mobile` channel.
// - The P1 line "(57) 318 717 49 37" is the number Certifactura writes "(57) 318-7174937".
// - Every support channel is 7×24, so support is never closed and the P1-line rule never applies to this product;
//   the P1 line is still what a critical incident should call first.
import type { Product } from '#domain/catalog.js';
import {
  CHAT_URL,
  coordinator,
  P1_NOTE,
  pqrsaChannels,
  STAFFED_NOTE,
  SUPPORT_TYPES,
  supervisor,
} from './shared.js';

export const biometria: Product = {
  id: 'biometria',
  name: 'Sistema de Autenticación Biométrica Certificada',
  shortName: 'Biometría',
  radicadoPrefix: 'BIO',
  source: 'seeds/001_8a048a4e1869f394.txt',
  channels: [
    {
      id: 'telefono',
      kind: 'phone',
      label: 'Línea de servicio al cliente en Bogotá',
      serves: { types: [...SUPPORT_TYPES] },
      schedule: '7x24',
      contact: {
        type: 'phone',
        display: '601 390 6642',
        asPublished: '(571) 1 3906642',
        tel: '+576013906642',
      },
    },
    {
      id: 'linea-p1',
      kind: 'p1-line',
      label: 'Incidentes prioridad 1 (Críticos)',
      serves: { types: ['incidente'], priorities: ['P1'] },
      schedule: '7x24',
      contact: {
        type: 'phone',
        display: '318 717 4937',
        asPublished: '(57) 318 717 49 37',
        tel: '+573187174937',
      },
      note: P1_NOTE,
    },
    {
      id: 'correo',
      kind: 'email',
      label: 'Correo electrónico',
      serves: { types: [...SUPPORT_TYPES] },
      schedule: '7x24',
      contact: { type: 'email', email: 'soporte.huella@certicamara.com' },
      note: STAFFED_NOTE,
    },
    {
      id: 'chat',
      kind: 'chat',
      label: 'Chat online',
      serves: { types: [...SUPPORT_TYPES] },
      schedule: '7x24',
      contact: { type: 'url', url: CHAT_URL },
      note: STAFFED_NOTE,
    },
    ...pqrsaChannels,
  ],
  escalation: [
    {
      level: 1,
      name: 'Grupo de soporte técnico',
      emails: ['soporte.huella@certicamara.com'],
      phones: [{ display: '601 390 6642', asPublished: '(571) 3906642', tel: '+576013906642' }],
      schedule: '7x24',
    },
    supervisor,
    coordinator,
  ],
};
