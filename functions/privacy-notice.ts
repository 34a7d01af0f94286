// The notice in force, per language, with the SHA-256 of its exact text: the web function serves both, and the intake
// records the hash of the one a requester was shown (and checks the form's own hash of it, when one is sent).
import { createHash } from 'node:crypto';
import { privacyNotice } from '#data/privacy-notice.js';
import type { IntakeNotice } from '#domain/intake/submit.js';
import type { Locale } from '#domain/ticket.js';
import { loadConfig, type Settings } from './config.js';

export interface Notice {
  readonly text: string;
  /** SHA-256 of the text's UTF-8 bytes, lower-case hex. */
  readonly hash: string;
}

/** The settings the notice is built from. */
export const NOTICE_SETTINGS = [
  'PRIVACY_CONTROLLER_NIT',
  'PRIVACY_POLICY_URL',
  'PRIVACY_POLICY_VERSION',
  'AWS_REGION',
] as const;
export type NoticeSettings = Pick<Settings, (typeof NOTICE_SETTINGS)[number]>;

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The notice in force in each language. */
export function noticesInForce(config: NoticeSettings): Readonly<Record<Locale, Notice>> {
  const settings = {
    controllerNit: config.PRIVACY_CONTROLLER_NIT,
    policyUrl: config.PRIVACY_POLICY_URL,
    policyVersion: config.PRIVACY_POLICY_VERSION,
    region: config.AWS_REGION,
  };
  const notice = (locale: Locale): Notice => {
    const text = privacyNotice(settings, locale);
    return { text, hash: sha256Hex(text) };
  };
  return { es: notice('es'), en: notice('en') };
}

/** What the intake records and checks a consent against: the policy's URL and each language's notice hash. */
export function intakeNotice(config: NoticeSettings): IntakeNotice {
  const notices = noticesInForce(config);
  return { policyUrl: config.PRIVACY_POLICY_URL, hashes: { es: notices.es.hash, en: notices.en.hash } };
}

/** The intake's notice with every setting at its default, in us-east-1: for the benchmarks and tests. */
export const defaultIntakeNotice = (): IntakeNotice =>
  intakeNotice(loadConfig({ AWS_REGION: 'us-east-1' }, NOTICE_SETTINGS));
