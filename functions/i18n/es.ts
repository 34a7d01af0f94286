// The server's words in Spanish (see messages.ts). Staff always read these; requesters when they wrote in Spanish.

import { plural } from '#domain/plural.js';
import type { Messages } from './messages.js';

/** "faltan 3 días hábiles", inside a sentence and opening one. */
const daysLeft = {
  inline: (n: number | undefined) =>
    plural('es', n, { one: 'falta # día hábil', other: 'faltan # días hábiles' }),
  opening: (n: number | undefined) =>
    plural('es', n, { one: 'Falta # día hábil', other: 'Faltan # días hábiles' }),
};

export const es: Messages = {
  facts: {
    radicado: 'Radicado',
    product: 'Producto',
    type: 'Tipo',
    priority: 'Prioridad',
    received: 'Recibida',
    firstResponse: 'Objetivo de primera respuesta',
    resolution: 'Objetivo de solución',
    legal: 'Término legal',
    policyTerm: 'Plazo',
    resolved: 'Resuelta',
    destination: 'Destino',
    escalationLevel: 'Nivel de escalamiento',
    status: 'Estado',
    requester: 'Solicitante',
    email: 'Correo',
    phone: 'Teléfono',
    document: 'Documento',
    consent: 'Consentimiento',
  },
  priorities: { P1: 'P1 (crítica)', P2: 'P2 (alta)', P3: 'P3 (media)', P4: 'P4 (baja)' },
  statuses: {
    received: 'Recibida, sin acuse',
    acknowledged: 'Con acuse de recibo',
    resolved: 'Resuelta',
  },
  destinations: {
    'support-mailbox': 'Buzón de soporte',
    'pqrsa-mailbox': 'Buzón PQRSA',
    'p1-line': 'Línea P1 (7×24)',
  },
  duration: {
    days: (n) => plural('es', n, { one: '# día', other: '# días' }),
    hours: (n) => plural('es', n, { one: '# hora', other: '# horas' }),
  },
  sections: {
    subject: 'Asunto',
    description: 'Descripción',
    reasons: 'Por qué llegó aquí',
    history: 'Historial',
    answer: 'Respuesta',
  },
  staff: {
    tags: {
      critical: 'CRÍTICO · Línea P1',
      escalation: (level) => `ESCALADA A NIVEL ${level}`,
      reminder: (n) => `RECORDATORIO: ${daysLeft.inline(n)}`,
      completed: 'SOLICITUD COMPLETADA',
    },
    titles: {
      routed: (id) => `Nueva solicitud ${id}`,
      escalation: (id, level) => `Solicitud ${id} escalada al nivel ${level}`,
      reminder: (id) => `Recordatorio: PQRSA ${id} sin respuesta`,
      completed: (id) => `El solicitante completó la solicitud ${id}`,
    },
    alerts: {
      escalated: (level, levelName, note) =>
        `Esta solicitud fue escalada al nivel ${level} (${levelName}): ${note}`,
      reminder: (n, due) =>
        `${daysLeft.opening(n)} para el término legal (${due}) y la PQRSA sigue sin respuesta.`,
      critical: (p1Line, level, levelName) =>
        `Incidente crítico fuera del horario de soporte: el solicitante fue dirigido a la línea P1 ${p1Line}. ` +
        `Atiende el nivel ${level} (${levelName}).`,
      completed: (due) =>
        `El solicitante respondió al requerimiento: el término legal se reanuda y vence el ${due}; su respuesta está abajo.`,
    },
    bounced:
      'Atención: el correo del solicitante rebotó; comuníquese por teléfono si lo dio, o por los datos del documento.',
    consent: (policyVersion, acceptedAt) => `Ley 1581 de 2012, política ${policyVersion}, ${acceptedAt}`,
    actions: {
      acknowledge: 'Acusar recibo',
      resolve: 'Resolver',
      requestInfo: 'Pedir que complete la solicitud',
      erase: 'Suprimir los datos del titular',
    },
    footer: {
      links: (lifetime) =>
        `Los enlaces de acuse y solución sirven una sola vez, para este nivel, y vencen en ${lifetime}; piden confirmación antes de actuar.`,
      reply:
        'Responda a este correo para contestar al solicitante a través del enrutador: la respuesta le llega desde la solicitud, con su radicado, y queda en el historial.',
      commands:
        'Empiece la respuesta con #nota para dejar solo una nota interna (no se le envía al solicitante), o con #resolver para resolver la solicitud con su respuesta como respuesta final.',
      automatic: 'Mensaje automático del enrutador de solicitudes de Certicámara.',
    },
  },
  pages: {
    critical: {
      subject: (p) => `${p.priority} ${p.id} ${p.product}: incidente crítico, línea P1`,
      lines: (p) => [
        `Incidente crítico ${p.id} (${p.product}, ${p.priority}) fuera del horario de soporte.`,
        `Recibido: ${p.received}`,
        `Nivel ${p.level}: ${p.levelName}.`,
        `Primera respuesta antes de: ${p.firstResponse}`,
        `El solicitante fue dirigido a la línea P1 ${p.p1Line}. Detalle en ${p.mailbox}.`,
      ],
    },
    escalated: {
      subject: (p) => `${p.priority} ${p.id} ${p.product}: escalada al nivel ${p.level}`,
      lines: (p) => [
        `Solicitud ${p.id} (${p.product}, ${p.priority}) escalada al nivel ${p.level}: ${p.levelName}.`,
        `Recibida: ${p.received}`,
        `Estado: ${p.status}. Detalle en ${p.mailbox}.`,
      ],
    },
  },
  requester: {
    statusLink: 'Ver el estado de su solicitud',
    claimInProgress: 'Reclamo en trámite',
    reply:
      'Puede responder a este correo para agregar información a su solicitud: su respuesta queda registrada en ella y llega al equipo que la atiende.',
    acknowledgement: {
      subject: (id) => `Radicado ${id}: recibimos su solicitud`,
      preheader: (id) => `Su número de radicado es ${id}.`,
      title: 'Recibimos su solicitud',
      intro: (id) =>
        `Hola. Su solicitud quedó radicada con el número ${id}; consérvelo para cualquier consulta. Si usted no la envió, ignore este mensaje.`,
      callP1: (line) => `Si el incidente es crítico, llame ahora a la línea P1 ${line} (7 días, 24 horas).`,
      callPhone: (phone, options) =>
        `Si necesita atención inmediata, llame al ${phone}${options.map((o) => `, opción ${o}`).join('')}.`,
      phoneClosed: (mailbox) => `El canal telefónico está cerrado ahora; le responderemos desde ${mailbox}.`,
      privacy: (policyVersion, notice) =>
        `Tratamos sus datos personales según la Ley 1581 de 2012 y nuestra política de tratamiento de datos (versión ${policyVersion}${notice ? `; aviso de privacidad ${notice}` : ''}).`,
    },
    resolution: {
      subject: (id) => `Radicado ${id}: su solicitud fue resuelta`,
      preheader: (id) => `Respuesta a su solicitud ${id}.`,
      title: 'Su solicitud fue resuelta',
      intro: (id) => `Hola. Resolvimos su solicitud ${id}. Esta es la respuesta:`,
      footer: 'Si la respuesta no resuelve su solicitud, díganoslo respondiendo a este correo.',
      appeal: (id, formUrl) =>
        `Si no está de acuerdo con la respuesta, puede presentar una apelación en ${formUrl} (tipo «Apelación»), citando el radicado ${id}.`,
      authority:
        'Si su solicitud es una queja o un reclamo como consumidor, o se refiere a sus datos personales (después de su consulta o reclamo ante nosotros), también puede acudir a la Superintendencia de Industria y Comercio: www.sic.gov.co.',
    },
    handling: {
      subject: (id) => `Radicado ${id}: su solicitud está en atención`,
      preheader: (id) => `Quién atiende su solicitud ${id}.`,
      title: 'Su solicitud está en atención',
      intro: (id, role, level) =>
        `Hola. Su solicitud ${id} ya está en atención: la atiende ${role} (nivel ${level} de atención).`,
      mailbox: 'Correo del equipo',
    },
    lookup: {
      subject: 'Enlaces de sus solicitudes abiertas',
      preheader: 'Los enlaces de sus solicitudes abiertas.',
      title: 'Sus solicitudes abiertas',
      intro: (n) =>
        `Alguien (esperamos que usted) pidió los enlaces de las solicitudes abiertas de esta dirección. ${plural('es', n, { one: 'Es #:', other: 'Son #:' })}`,
      footer: 'Si usted no lo pidió, puede ignorar este mensaje: los enlaces solo llegan a esta dirección.',
    },
    export: {
      subject: 'Copia de sus datos en nuestras solicitudes',
      preheader: 'Lo que guardamos sobre usted en sus solicitudes.',
      title: 'Sus datos en nuestras solicitudes',
      intro: (n) =>
        `Alguien (esperamos que usted) pidió una copia de los datos que guardamos de esta dirección en nuestras solicitudes. ${plural('es', n, { one: 'Es # solicitud:', other: 'Son # solicitudes:' })}`,
      footer:
        'Si usted no lo pidió, escríbanos: esta copia solo llega a esta dirección. Para corregir o suprimir sus datos, haga una solicitud de tipo «Reclamo de datos personales».',
      labels: {
        subject: 'Asunto',
        description: 'Descripción',
        name: 'Nombre',
        email: 'Correo',
        phone: 'Teléfono',
        document: 'Documento',
        consent: (version, at) => `Autorización de tratamiento de datos: política ${version}, ${at}`,
        history: 'Historial',
      },
    },
  },
  actionPages: {
    problems: {
      invalid: {
        title: 'Enlace no válido',
        text: 'Este enlace está incompleto o fue modificado. Use el enlace tal como llegó en el correo; no se cambió nada.',
      },
      expired: {
        title: 'Enlace vencido',
        text: 'Este enlace ya venció; no se cambió nada. Use el enlace de un correo más reciente sobre la solicitud.',
      },
      used: {
        title: 'Enlace ya usado',
        text: 'Este enlace ya se usó una vez y no sirve de nuevo; no se cambió nada.',
      },
      'not-found': {
        title: 'Solicitud no encontrada',
        text: 'No encontramos la solicitud de este enlace; no se cambió nada.',
      },
    },
    actions: {
      acknowledge: {
        title: 'Acusar recibo',
        button: 'Confirmar acuse de recibo',
        done: 'Acuse de recibo registrado',
      },
      resolve: { title: 'Resolver', button: 'Confirmar y enviar la respuesta', done: 'Solicitud resuelta' },
      extend: { title: 'Prorrogar el término', button: 'Confirmar la prórroga', done: 'Término prorrogado' },
      'request-info': {
        title: 'Pedir que se complete la solicitud',
        button: 'Confirmar y enviar el requerimiento',
        done: 'Requerimiento enviado',
      },
      erase: {
        title: 'Suprimir los datos del titular',
        button: 'Confirmar la supresión y enviar la respuesta',
        done: 'Supresión aplicada',
      },
    },
    outcome: {
      acknowledge:
        'El plazo de primera respuesta se detuvo; la solicitud sigue abierta hasta que se resuelva.',
      resolve: 'La solicitud quedó cerrada y el solicitante recibirá la respuesta por correo.',
      extend:
        'El término legal quedó prorrogado y el solicitante recibirá por correo las razones y la nueva fecha.',
      'request-info':
        'El término legal quedó suspendido y el solicitante recibirá por correo lo que falta; se reanuda cuando responda.',
      erase:
        'Los datos personales del titular se suprimieron de sus solicitudes cerradas (salvo las conservadas), el reclamo quedó resuelto y el titular recibirá la respuesta por correo.',
    },
    nothingChanged: 'No se cambió nada',
    alreadyClosed: (status) => `La solicitud ya está «${status}»: no hay nada que confirmar.`,
    nameLabel: 'Su nombre (opcional; queda en el historial)',
    noteLabel: 'Respuesta para el solicitante (se le envía por correo)',
    summary: {
      radicado: 'Radicado',
      subject: 'Asunto',
      priority: 'Prioridad',
      status: 'Estado',
      level: 'Nivel actual',
      received: 'Recibida',
      sentTo: 'Enlace enviado a',
      expires: 'Enlace vence',
    },
    recipient: (to, level) => `${to} (nivel ${level})`,
  },
  extension: {
    staffLink: 'Prorrogar el término',
    reasonsLabel: 'Razones de la prórroga (se envían al solicitante)',
    dueDateLabel: (current, max) =>
      `Nueva fecha de vencimiento (día hábil; vence a la hora legal de ese día). Vence hoy: ${current}; a lo sumo: ${max}`,
    fields: { reasons: 'Razones', dueDate: 'Nueva fecha' },
    requester: {
      subject: (id) => `Prórroga del término de su solicitud ${id}`,
      preheader: (id) => `Su solicitud ${id} tiene una nueva fecha de respuesta.`,
      title: 'Prórroga del término de respuesta',
      intro: (id, when, basis) =>
        `No podremos responder su solicitud ${id} dentro del término inicial, y lo prorrogamos (${basis}): le responderemos a más tardar el ${when}. Estas son las razones:`,
      newDue: 'Nueva fecha de respuesta',
      reasons: 'Razones de la prórroga',
      footer: 'La ley permite prorrogar el término una sola vez. Puede seguir su solicitud en el enlace.',
    },
  },
  conversation: {
    staffReply: {
      subject: (id) => `Respuesta a su solicitud ${id}`,
      preheader: (id) => `Tiene una respuesta sobre su solicitud ${id}.`,
      title: 'Respuesta a su solicitud',
      intro: (id, role, level) => `${role} (nivel ${level}) respondió su solicitud ${id}:`,
      message: 'Respuesta',
      footer:
        'Puede responder a este correo: su respuesta queda en la solicitud y llega al equipo que la atiende.',
    },
    requesterReply: {
      tag: 'RESPUESTA DEL SOLICITANTE',
      title: (id) => `El solicitante respondió sobre ${id}`,
      alert: (reopened) =>
        reopened
          ? 'El solicitante respondió a una solicitud ya cerrada y se reabrió: tiene un nuevo objetivo de solución.'
          : 'El solicitante respondió; su mensaje está abajo.',
      message: 'Mensaje del solicitante',
    },
  },
  suppression: {
    intro: (n) =>
      `${plural('es', n, { one: 'Se suprimirán los datos personales de # solicitud cerrada del titular', other: 'Se suprimirán los datos personales de # solicitudes cerradas del titular' })} (nombre, correo, teléfono, documento, asunto, descripción y textos escritos por personas); quedan anonimizadas para estadísticas. Marque las que un deber legal o contractual obliga a conservar. Este reclamo se conserva como constancia de la respuesta.`,
    closedLegend: 'Solicitudes cerradas del titular',
    keepLabel: (id) => `Conservar ${id} (deber legal o contractual)`,
    keepReasonLabel: 'Deber legal o contractual que obliga a conservar las marcadas (queda en el historial)',
    open: (ids) => `Abiertas, conservan sus datos mientras se atienden: ${ids}.`,
    answerLabel: 'Respuesta para el titular (se le envía por correo)',
    fields: { keepReason: 'Deber que obliga a conservar' },
  },
  completion: {
    whatLabel: 'Qué falta y por qué (se envía al solicitante)',
    bounds: (askBy, daysLeft, answerDue) =>
      `Puede pedirse hasta el ${askBy}; el término legal se suspende con ${daysLeft} días hábiles por correr; el solicitante tiene hasta el ${answerDue} para completarla, o se entenderá desistida.`,
    fields: { what: 'Qué falta' },
    answer: 'Respuesta del solicitante',
    request: {
      subject: (id) => `Complete su solicitud ${id}`,
      preheader: (id) => `Necesitamos más información para atender su solicitud ${id}.`,
      title: 'Necesitamos que complete su solicitud',
      intro: (id, answerDue, basis) =>
        `Para atender su solicitud ${id} necesitamos lo que se indica abajo (${basis}). Mientras tanto el término para responderle queda suspendido y se reanuda cuando usted responda. Tiene hasta el ${answerDue}; puede pedir una vez más tiempo en la página de su solicitud.`,
      asked: 'Lo que necesitamos',
      answerDue: 'Plazo para completarla',
      footer:
        'Responda en la página de su solicitud (enlace arriba). Si no la completa a tiempo, la solicitud se entenderá desistida y podrá presentarla de nuevo.',
    },
    withdrawal: {
      subject: (id) => `Su solicitud ${id} se entiende desistida`,
      preheader: (id) => `La solicitud ${id} se cerró porque no se completó a tiempo.`,
      title: 'Solicitud desistida',
      intro: (id, deadline, basis) =>
        `Le pedimos completar su solicitud ${id} y el plazo para hacerlo venció el ${deadline} sin respuesta. Por eso, de acuerdo con la ${basis}, la solicitud se entiende desistida y se cerró.`,
      footer: (formUrl) =>
        `Puede presentarla de nuevo cuando quiera, con la información completa, en ${formUrl}.`,
    },
  },
};
