// The staff console's sign-in mail: one link to the confirmation page, to the directory address that asked (a
// person or a role mailbox). Its words live here rather than in functions/i18n: no other mail shares them.
import type { LookupRequest } from '#domain/intake/lookup.js';
import type { Draft } from './context.js';

const TEXT = {
  es: {
    subject: 'Enlace para entrar a la consola de soporte',
    preheader: 'Válido por 15 minutos y una sola vez.',
    title: 'Entrar a la consola de soporte',
    intro: [
      'Alguien pidió entrar a la consola de soporte con esta dirección. Abra el enlace y confirme en la página para iniciar la sesión.',
      'El enlace funciona una sola vez y durante 15 minutos.',
    ],
    action: 'Entrar a la consola',
    footer: 'Si no fue usted, ignore este mensaje: sin confirmar en la página no se abre ninguna sesión.',
  },
  en: {
    subject: 'Your link to the support console',
    preheader: 'Valid for 15 minutes, once.',
    title: 'Sign in to the support console',
    intro: [
      'Someone asked to sign in to the support console with this address. Open the link and confirm on the page to start the session.',
      'The link works once, for 15 minutes.',
    ],
    action: 'Sign in to the console',
    footer:
      'If this was not you, ignore this message: no session starts without the confirmation on the page.',
  },
} as const;

export function signInMail(request: LookupRequest, link: string): Draft {
  const t = TEXT[request.locale];
  return {
    subject: t.subject,
    document: {
      lang: request.locale,
      preheader: t.preheader,
      title: t.title,
      intro: t.intro,
      facts: [],
      sections: [],
      actions: [{ label: t.action, href: link }],
      footer: [t.footer],
    },
  };
}
