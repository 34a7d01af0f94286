// The twin's stand-in for SES receiving: the verdicts X-Twin-Verdict asks for, the header fields of a raw message,
// and the receipt event the receiving function is given (what functions/notify/receive-handler.ts reads of it).
import { describe, expect, it } from 'vitest';
import { verdictsOf } from '#functions/notify/receive-handler.js';
import { headerFields, sesMessageId, sesReceiptEvent, twinVerdicts } from '../../scripts/twin/ses-receipt.js';

const header = (value: string) => [{ name: 'X-Twin-Verdict', value }];

describe('X-Twin-Verdict', () => {
  it('stamps PASS unless the message says otherwise, in a comma- or space-separated list of any case', () => {
    expect(twinVerdicts([])).toEqual({
      spf: 'PASS',
      dkim: 'PASS',
      dmarc: 'PASS',
      spam: 'PASS',
      virus: 'PASS',
    });
    expect(twinVerdicts(header('dmarc=fail, SPF=Fail spam=gray'))).toEqual({
      spf: 'FAIL',
      dkim: 'PASS',
      dmarc: 'FAIL',
      spam: 'GRAY',
      virus: 'PASS',
    });
  });

  it('says what it cannot read instead of guessing', () => {
    expect(twinVerdicts(header('dmark=fail'))).toEqual({ error: expect.stringContaining('"dmark=fail"') });
    expect(twinVerdicts(header('dmarc=failed'))).toEqual({
      error: expect.stringContaining('"dmarc=failed"'),
    });
  });
});

describe('the receipt event', () => {
  const raw = Buffer.from(
    [
      'Return-Path: <soporte@certicamara.com>',
      'From: Soporte <soporte@certicamara.com>',
      'To: cf-2026-000001.s.aaaaaaaaaaaaaaaa@respuestas.localhost,',
      ' otra@respuestas.localhost',
      'Subject: RE: [CF-2026-000001] Error',
      'X-Twin-Verdict: virus=fail',
      '',
      'Body: not a header',
    ].join('\r\n'),
  );

  it('reads the header fields, unfolded, and not the body', () => {
    const fields = headerFields(raw);
    expect(fields.map((f) => f.name)).toEqual(['Return-Path', 'From', 'To', 'Subject', 'X-Twin-Verdict']);
    expect(fields[2]?.value).toBe(
      'cf-2026-000001.s.aaaaaaaaaaaaaaaa@respuestas.localhost, otra@respuestas.localhost',
    );
  });

  it('is a Lambda action invoked as an Event, with the verdicts the handler reads', () => {
    const headers = headerFields(raw);
    const verdicts = twinVerdicts(headers);
    if ('error' in verdicts) throw new Error(verdicts.error);
    const messageId = sesMessageId();
    expect(messageId).toMatch(/^[a-z2-7]{40}$/);
    const event = sesReceiptEvent({
      messageId,
      envelope: {
        source: 'soporte@certicamara.com',
        recipients: ['cf-2026-000001.s.aaaaaaaaaaaaaaaa@respuestas.localhost'],
        clientName: '[127.0.0.1]',
        remoteAddress: '127.0.0.1',
        domain: 'respuestas.localhost',
      },
      headers,
      verdicts,
      at: Date.UTC(2026, 10, 23, 15),
      region: 'local',
    });
    const { mail, receipt } = event.Records[0]?.ses ?? {};
    expect(mail?.messageId).toBe(messageId);
    expect(mail?.timestamp).toBe('2026-11-23T15:00:00.000Z');
    expect(mail?.commonHeaders).toMatchObject({
      from: ['Soporte <soporte@certicamara.com>'],
      to: ['cf-2026-000001.s.aaaaaaaaaaaaaaaa@respuestas.localhost', 'otra@respuestas.localhost'],
      subject: 'RE: [CF-2026-000001] Error',
      returnPath: 'soporte@certicamara.com',
    });
    expect(receipt?.action).toMatchObject({ type: 'Lambda', invocationType: 'Event' });
    expect(verdictsOf(receipt ?? {})).toEqual({
      spf: 'PASS',
      dkim: 'PASS',
      dmarc: 'PASS',
      spam: 'PASS',
      virus: 'FAIL',
    });
  });
});
