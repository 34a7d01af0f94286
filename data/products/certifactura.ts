// Certifactura (Sistema de Facturación Electrónica Certificada), from seeds/000_40935bff3ab6c59e.txt.
//
// Seed quirks, resolved:
// - "(571)" is Bogotá's prefix before 2021: the old area code 1 plus seven digits became 601 plus seven digits, so
//   "(571) 744 27 27" is shown as dialled today, "601 744 2727" (+576017442727), and kept as published in
//   `asPublished`. Mobiles "(57) 3xx…" are shown "3xx xxx xxxx" (+57 3xx…).
// - The channel table writes the support line "(571) 744 27 27 opción 2 (Soporte), opción 2" and the escalation
//   table "(571) 7442727 Opción 2 Soporte - Opción 2": one number, one IVR path ["2", "2"]. Each `asPublished`
//   keeps the text of the row it comes from.
// - The P1 line "(57) 318-7174937" is the same number biometría writes "(57) 318 717 49 37".
// - "Todas" (every request type) on the support rows means every support type: PQRSA types have their own row.
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

export const certifactura: Product = {
  id: 'certifactura',
  name: 'Sistema de Facturación Electrónica Certificada - Certifactura',
  shortName: 'Certifactura',
  radicadoPrefix: 'CF',
  source: 'seeds/000_40935bff3ab6c59e.txt',
  channels: [
    {
      id: 'telefono',
      kind: 'phone',
      label: 'Línea de servicio al cliente en Bogotá',
      serves: { types: [...SUPPORT_TYPES] },
      schedule: 'certifactura-soporte',
      contact: {
        type: 'phone',
        display: '601 744 2727',
        asPublished: '(571) 744 27 27',
        tel: '+576017442727',
        options: ['2', '2'],
      },
    },
    {
      id: 'movil',
      kind: 'mobile',
      label: 'Teléfono móvil',
      serves: { types: [...SUPPORT_TYPES] },
      schedule: 'certifactura-soporte',
      contact: {
        type: 'phone',
        display: '316 871 4692',
        asPublished: '(57) 316-8714692',
        tel: '+573168714692',
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
        asPublished: '(57) 318-7174937',
        tel: '+573187174937',
      },
      note: P1_NOTE,
    },
    {
      id: 'correo',
      kind: 'email',
      label: 'Correo electrónico',
      serves: { types: [...SUPPORT_TYPES] },
      schedule: 'certifactura-soporte',
      contact: { type: 'email', email: 'soporte.certifactura@certicamara.com' },
      note: STAFFED_NOTE,
    },
    {
      id: 'chat',
      kind: 'chat',
      label: 'Chat online',
      serves: { types: [...SUPPORT_TYPES] },
      schedule: 'certifactura-soporte',
      contact: { type: 'url', url: CHAT_URL },
      note: STAFFED_NOTE,
    },
    ...pqrsaChannels,
  ],
  escalation: [
    {
      level: 1,
      name: 'Grupo de soporte técnico',
      emails: ['soporte.certifactura@certicamara.com'],
      phones: [
        { display: '601 744 2727', asPublished: '(571) 7442727', tel: '+576017442727', options: ['2', '2'] },
      ],
      schedule: 'certifactura-soporte',
    },
    supervisor,
    coordinator,
  ],
};
