// The routing decision table, evaluated top to bottom; the first matching row wins. Conditions left out match
// anything. Reasons are Spanish templates: {product}, {mailbox}, {level}, {levelName}, {p1Line}.
import type { RoutingRule } from '#domain/catalog.js';

export const rules: readonly RoutingRule[] = [
  {
    // An appeal reviews an earlier answer, so it starts one level up.
    id: 'apelacion',
    when: { types: ['apelacion'] },
    route: { destination: 'pqrsa-mailbox', escalationLevel: 2 },
    reason:
      'Apelación: se radica en el buzón PQRSA ({mailbox}) y empieza en el nivel {level} ({levelName}), ' +
      'porque revisa una respuesta anterior.',
  },
  {
    id: 'pqrsa',
    when: { queue: 'pqrsa' },
    route: { destination: 'pqrsa-mailbox', escalationLevel: 1 },
    reason: 'PQRSA: se radica en el buzón PQRSA ({mailbox}), nivel {level} ({levelName}).',
  },
  {
    // The seeds' "Incidentes prioridad 1 (Críticos)" line, for when the level-1 group is off duty.
    id: 'p1-fuera-de-horario',
    when: { types: ['incidente'], priorities: ['P1'], supportOpen: false },
    route: { destination: 'p1-line', escalationLevel: 2 },
    reason:
      'Incidente crítico (prioridad 1) fuera del horario de soporte de {product}: va a la línea P1 7×24 ' +
      '{p1Line}, nivel {level} ({levelName}); también se registra y se envía a {mailbox}.',
  },
  {
    // Everything else, a priority-1 requerimiento included: the P1 line is for critical incidents.
    id: 'soporte',
    when: { queue: 'support' },
    route: { destination: 'support-mailbox', escalationLevel: 1 },
    reason: 'Soporte de {product}: va al buzón {mailbox}, nivel {level} ({levelName}).',
  },
];
