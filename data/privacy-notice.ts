// The personal-data notice (aviso de privacidad, Ley 1581 de 2012 art. 12; Decreto 1377 de 2013 art. 5–7) the form
// shows before its consent checkbox, in Spanish and English. One text, built here from the settings that vary by
// deployment (the controller's NIT, the policy's URL and version, the AWS region): the web function shows it and the
// intake function hashes the same text to record which notice a consent answered (functions/privacy-notice.ts).
import type { Locale } from '#domain/ticket.js';
import { pqrsaChannels } from './products/shared.js';

/** The data controller (responsable del tratamiento), as the company is registered. */
export const CONTROLLER_NAME = 'Sociedad Cameral de Certificación Digital Certicámara S.A.';

/**
 * The NIT is not in the published pages the catalog comes from (data/seeds): a deployment configures it
 * (`privacyControllerNit`), and a `prod` synth refuses this placeholder.
 */
export const CONTROLLER_NIT_PLACEHOLDER = 'NIT-POR-CONFIGURAR';

/** The PQRSA mailbox, where the data subject may also exercise their rights (from the catalog's PQRSA channel). */
export const RIGHTS_MAILBOX: string = (() => {
  const contact = pqrsaChannels.find((c) => c.contact.type === 'email')?.contact;
  if (contact?.type !== 'email') throw new Error('the catalog has no PQRSA mailbox');
  return contact.email;
})();

export interface NoticeSettings {
  readonly controllerNit: string;
  readonly policyUrl: string;
  readonly policyVersion: string;
  /** The AWS region the data is processed and stored in. */
  readonly region: string;
}

type Paragraphs = (s: NoticeSettings) => readonly string[];

const PARAGRAPHS: Readonly<Record<Locale, Paragraphs>> = {
  es: (s) => [
    `Responsable del tratamiento: ${CONTROLLER_NAME}, NIT ${s.controllerNit}.`,
    'Finalidades: atender esta solicitud, contactarle sobre ella y conservar el registro que la ley exige.',
    'Sus derechos (Ley 1581 de 2012, art. 8): conocer, actualizar y rectificar sus datos; ser informado del uso que ' +
      'se les da; revocar la autorización o pedir que se supriman; y presentar quejas ante la Superintendencia de ' +
      'Industria y Comercio después de una consulta o un reclamo.',
    'Cómo ejercerlos: en este mismo formulario, con el tipo «Consulta de datos personales» (datos-consulta) o ' +
      `«Reclamo de datos personales» (datos-reclamo), o escribiendo a ${RIGHTS_MAILBOX}.`,
    `Encargado: Amazon Web Services (AWS) trata y almacena los datos por cuenta nuestra en la región ${s.region}.`,
    `Política de tratamiento de datos personales, versión ${s.policyVersion}: ${s.policyUrl}`,
  ],
  en: (s) => [
    `Data controller: ${CONTROLLER_NAME}, NIT ${s.controllerNit}.`,
    'Purposes: handling this request, contacting you about it and keeping the record the law requires.',
    'Your rights (Ley 1581 de 2012, art. 8): to know, update and rectify your data; to be told how it is used; to ' +
      'revoke your authorization or ask for its erasure; and to complain to the Superintendencia de Industria y ' +
      'Comercio after a consulta or a reclamo.',
    'How to exercise them: through this same form, with the type "Personal data inquiry" (datos-consulta) or ' +
      `"Personal data claim" (datos-reclamo), or by writing to ${RIGHTS_MAILBOX}.`,
    `Processor: Amazon Web Services (AWS) processes and stores the data on our behalf in the ${s.region} region.`,
    `Personal-data processing policy, version ${s.policyVersion}: ${s.policyUrl}`,
  ],
};

/** The notice's exact text: its paragraphs, separated by a blank line (what the form shows and the hash covers). */
export function privacyNotice(settings: NoticeSettings, locale: Locale): string {
  return PARAGRAPHS[locale](settings).join('\n\n');
}
