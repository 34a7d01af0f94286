// Channels and escalation contacts that both seed pages publish identically.
import type { Channel, EscalationStep } from '#domain/catalog.js';

export const SUPPORT_TYPES = ['incidente', 'requerimiento'] as const;
export const PQRSA_TYPES = [
  'peticion',
  'peticion-documentos',
  'consulta',
  'queja',
  'reclamo',
  'sugerencia',
  'apelacion',
  'datos-consulta',
  'datos-reclamo',
] as const;

const PQRSA_NOTE =
  'Se habilita este canal con el objeto de recibir peticiones, quejas, reclamos, sugerencias y/o apelaciones ' +
  'respecto al servicio.';

export const P1_NOTE =
  'Se recomienda hacer uso de este número en los horarios en que no están disponibles los otros canales y el ' +
  'requerimiento presenta prioridad 1 (crítica).';

export const STAFFED_NOTE =
  'Este canal es atendido por personal de soporte en el horario descrito (si el requerimiento es crítico se ' +
  'recomienda realizar contacto al celular destinado para casos con prioridad 1).';

/** Both pages: "certicamararesponde@certicamara.com Línea de atención: (571) 7442727 opción 3." */
export const pqrsaChannels: readonly Channel[] = [
  {
    id: 'pqrsa-correo',
    kind: 'pqrsa-email',
    label: 'PQRSA: correo electrónico',
    serves: { types: [...PQRSA_TYPES] },
    schedule: 'pqrsa',
    contact: { type: 'email', email: 'certicamararesponde@certicamara.com' },
    note: PQRSA_NOTE,
  },
  {
    id: 'pqrsa-linea',
    kind: 'pqrsa-phone',
    label: 'PQRSA: línea de atención',
    serves: { types: [...PQRSA_TYPES] },
    schedule: 'pqrsa',
    contact: {
      type: 'phone',
      display: '601 744 2727',
      asPublished: '(571) 7442727',
      tel: '+576017442727',
      options: ['3'],
    },
    note: PQRSA_NOTE,
  },
];

/** The chat, published by both pages as plain http (kept as published; see docs/routing.md, "Seed quirks"). */
export const CHAT_URL = 'http://idealab.certicamara.com/CertiChat/chat.php';

/** Levels 2 and 3 are the same people for both products; the seeds give them no hours. */
export const supervisor: EscalationStep = {
  level: 2,
  name: 'Supervisor de Soporte',
  emails: ['supervisor.mesadeayuda@certicamara.com'],
  phones: [
    {
      display: '601 379 0300',
      asPublished: '(571) 3790300',
      tel: '+576013790300',
      ext: ['1113', '1107', '1109', '1427'],
    },
  ],
};

export const coordinator: EscalationStep = {
  level: 3,
  name: 'Coordinador de Soporte',
  emails: ['coordinador.mesadeayuda@certicamara.com'],
  // "(571) 379 0300 - Ext: 1101": the same switchboard as level 2, written with spaces.
  phones: [{ display: '601 379 0300', asPublished: '(571) 379 0300', tel: '+576013790300', ext: ['1101'] }],
};
