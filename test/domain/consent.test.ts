// What a consent records (docs/legal.md, "Consent and notice"): the notice's hash is stable and covers its exact text;
// a consent is stored with the policy version and URL, the notice's hash and language, the channel and the time; a
// form's hash of another text is refused with nothing written.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CONTROLLER_NAME, privacyNotice, RIGHTS_MAILBOX } from '#data/privacy-notice.js';
import { NoticeMismatchError, PolicyVersionError } from '#domain/errors.js';
import { type IntakeDeps, submitRequest } from '#domain/intake/submit.js';
import type { NewTicket, TicketRepository } from '#domain/ports.js';
import { defaultIntakeNotice, noticesInForce } from '#functions/privacy-notice.js';
import { intakeRouting } from '#functions/wiring.js';
import { SUBMISSION } from '../../bench/submission.js';
import { bogota } from '../helpers.js';

const NOTICE_CONFIG = {
  PRIVACY_CONTROLLER_NIT: '860.000.000-0',
  PRIVACY_POLICY_URL: 'https://example.com/politica',
  PRIVACY_POLICY_VERSION: '2026-11',
  AWS_REGION: 'us-east-1',
};
const AT = bogota('2026-11-23T10:00');

/** The intake over a repository that records what it is asked to create. */
function intake() {
  const created: NewTicket[] = [];
  const tickets = {
    create: async (t: NewTicket) => {
      created.push(t);
      return { state: 'created', ticket: { ...t.draft, id: 'CF-2026-000001' } };
    },
  } as unknown as TicketRepository;
  const deps: IntakeDeps = {
    ...intakeRouting(),
    tickets,
    clock: { now: () => AT },
    apiKeys: { verify: async (key) => key === 'trk_ok' },
    formTokens: { issue: () => 't', check: () => 'ok', use: () => ({ id: 'u', expiresAt: AT + 1 }) },
    policyVersion: '2024-01',
    notice: defaultIntakeNotice(),
  };
  return { deps, created };
}

describe('the privacy notice', () => {
  it('is hashed over its exact text, the same each time it is built', () => {
    const first = noticesInForce(NOTICE_CONFIG);
    expect(noticesInForce({ ...NOTICE_CONFIG })).toEqual(first);
    for (const locale of ['es', 'en'] as const) {
      const text = privacyNotice(
        {
          controllerNit: '860.000.000-0',
          policyUrl: 'https://example.com/politica',
          policyVersion: '2026-11',
          region: 'us-east-1',
        },
        locale,
      );
      expect(first[locale]).toEqual({ text, hash: createHash('sha256').update(text).digest('hex') });
    }
    expect(first.es.hash).not.toBe(first.en.hash);
    // Any setting it names changes the text, and so the hash.
    expect(noticesInForce({ ...NOTICE_CONFIG, AWS_REGION: 'sa-east-1' }).es.hash).not.toBe(first.es.hash);
    expect(noticesInForce({ ...NOTICE_CONFIG, PRIVACY_POLICY_VERSION: '2027-01' }).en.hash).not.toBe(
      first.en.hash,
    );
  });

  it('names the controller, purposes, rights, how to exercise them, and AWS as processor in the region', () => {
    const { es, en } = noticesInForce(NOTICE_CONFIG);
    expect(es.text).toContain(`${CONTROLLER_NAME}, NIT 860.000.000-0`);
    expect(RIGHTS_MAILBOX).toBe('certicamararesponde@certicamara.com');
    for (const part of [
      'Finalidades',
      'art. 8',
      'Superintendencia de Industria y Comercio',
      'datos-consulta',
      'datos-reclamo',
      RIGHTS_MAILBOX,
      'Amazon Web Services (AWS)',
      'región us-east-1',
      'versión 2026-11',
      'https://example.com/politica',
    ])
      expect(es.text).toContain(part);
    for (const part of ['Purposes', 'rectify', 'erasure', 'datos-consulta', 'Processor', 'us-east-1 region'])
      expect(en.text).toContain(part);
  });
});

describe('a consent', () => {
  const notice = defaultIntakeNotice();

  it('from the form is stored with the policy version and URL, the notice hash and language, the channel and time', async () => {
    const { deps, created } = intake();
    const body = {
      ...structuredClone(SUBMISSION),
      locale: 'en',
      consent: { accepted: true, policyVersion: '2024-01', noticeHash: notice.hashes.en.toUpperCase() },
      form: { token: 't', website: '' },
    };
    await submitRequest(deps, body);
    expect(created[0]?.draft.consent).toEqual({
      accepted: true,
      policyVersion: '2024-01',
      acceptedAt: AT,
      policyUrl: 'https://www.certicamara.com/',
      noticeHash: notice.hashes.en,
      noticeLocale: 'en',
      channel: 'web-form',
    });
  });

  it('from an API-key integration (version only) records the channel api and the hash of the notice in force', async () => {
    const { deps, created } = intake();
    await submitRequest(deps, structuredClone(SUBMISSION), undefined, { apiKey: 'trk_ok' });
    expect(created[0]?.draft.consent).toMatchObject({
      channel: 'api',
      noticeHash: notice.hashes.es,
      noticeLocale: 'es',
    });
  });

  it('naming the hash of another notice is refused, naming the field and the version in force; nothing is written', async () => {
    const { deps, created } = intake();
    const body = {
      ...structuredClone(SUBMISSION),
      consent: { accepted: true, policyVersion: '2024-01', noticeHash: notice.hashes.en },
    };
    const refusal = await submitRequest(deps, body, undefined, { apiKey: 'trk_ok' }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(NoticeMismatchError);
    expect(refusal).toMatchObject({
      field: 'consent.noticeHash',
      currentVersion: '2024-01',
      currentNoticeHash: notice.hashes.es,
    });
    expect(created).toHaveLength(0);
  });

  it('to another policy version is still refused first, and a malformed hash is a field error', async () => {
    const { deps, created } = intake();
    const old = { ...structuredClone(SUBMISSION), consent: { accepted: true, policyVersion: '2023-01' } };
    await expect(submitRequest(deps, old, undefined, { apiKey: 'trk_ok' })).rejects.toBeInstanceOf(
      PolicyVersionError,
    );
    const malformed = {
      ...structuredClone(SUBMISSION),
      consent: { accepted: true, policyVersion: '2024-01', noticeHash: 'abc' },
    };
    await expect(submitRequest(deps, malformed, undefined, { apiKey: 'trk_ok' })).rejects.toMatchObject({
      fields: [{ path: 'consent.noticeHash', code: 'invalid_value' }],
    });
    expect(created).toHaveLength(0);
  });
});
