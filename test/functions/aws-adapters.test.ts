// The SNS pager and the Secrets Manager lookup, with the SDK mocked.
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '#domain/ports.js';
import { isWellFormed } from '#domain/text.js';
import { SesMailer } from '#functions/adapters/ses-mailer.js';
import { SnsPager } from '#functions/adapters/sns-pager.js';
import { withSecrets } from '#functions/secrets.js';

/** An error as the SDK raises it when the service answered (it has a fault side and an HTTP status). */
const serviceError = (name: string, status = 400) =>
  Object.assign(new Error('x'), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
  });
const message = { to: ['a@b.co'], cc: [], replyTo: [], subject: 's', text: 't', html: 'h', tags: {} };

const sns = mockClient(SNSClient);
const ses = mockClient(SESClient);
const secrets = mockClient(SecretsManagerClient);
beforeEach(() => {
  sns.reset();
  ses.reset();
  secrets.reset();
});

describe('SnsPager', () => {
  it('publishes to the topic and maps failures to retryable or permanent', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    const pager = new SnsPager(
      () => new SNSClient({ region: 'us-east-1' }),
      'arn:aws:sns:us-east-1:1:p1-alerts',
    );
    expect(await pager.page({ subject: 'P1 CF-2026-000001', text: 't' })).toEqual({ messageId: 'm-1' });
    expect(sns.commandCalls(PublishCommand)[0]?.args[0].input).toEqual({
      TopicArn: 'arn:aws:sns:us-east-1:1:p1-alerts',
      Subject: 'P1 CF-2026-000001',
      Message: 't',
    });
    sns.on(PublishCommand).rejects(serviceError('ThrottledException'));
    await expect(pager.page({ subject: 's', text: 't' })).rejects.toMatchObject({ kind: 'temporary' });
    sns.on(PublishCommand).rejects(serviceError('NotFoundException'));
    await expect(pager.page({ subject: 's', text: 't' })).rejects.toMatchObject({ kind: 'permanent' });
    await expect(pager.page({ subject: 's', text: 'half a pair \ud83d' })).rejects.toMatchObject({
      kind: 'defect',
    });
  });
});

describe('SesMailer', () => {
  it('sends from the configured identity with the configuration set, tags made safe and a header-safe subject', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-1' });
    const mailer = new SesMailer(
      () => new SESClient({ region: 'us-east-1' }),
      'router@certicamara.com',
      'router-events',
    );
    await mailer.send({
      to: ['a@b.co'],
      cc: [],
      replyTo: ['c@d.co'],
      subject: 'Hola\r\nBcc: x@y.co',
      text: 't',
      html: 'h',
      tags: { ticket: 'CF-2026-000001', product: 'biometría' },
    });
    const input = ses.commandCalls(SendEmailCommand)[0]?.args[0].input;
    expect(input).toMatchObject({
      Source: 'router@certicamara.com',
      ConfigurationSetName: 'router-events',
      Message: { Subject: { Data: 'Hola Bcc: x@y.co', Charset: 'UTF-8' } },
      Tags: [
        { Name: 'ticket', Value: 'CF-2026-000001' },
        { Name: 'product', Value: 'biometr_a' },
      ],
    });
    ses.on(SendEmailCommand).rejects(serviceError('MessageRejected'));
    await expect(mailer.send(message)).rejects.toMatchObject({
      reason: 'MessageRejected',
      kind: 'permanent',
    });
    ses.on(SendEmailCommand).rejects(serviceError('ServiceUnavailable', 503));
    await expect(mailer.send(message)).rejects.toMatchObject({ kind: 'temporary' });
    ses
      .on(SendEmailCommand)
      .rejects(Object.assign(new Error('connect'), { code: 'ECONNREFUSED', $metadata: { attempts: 3 } }));
    await expect(mailer.send(message)).rejects.toMatchObject({ kind: 'temporary' });
  });

  // One row per line of the table in docs/delivery.md ("SES errors").
  it.each([
    [
      'MessageRejected',
      'Email address is not verified. The following identities failed the check in region US-EAST-1: notificaciones@certicamara.com',
      'configuration',
    ],
    [
      'MessageRejected',
      'Email address is not verified. The following identities failed the check in region US-EAST-1: ana@example.com',
      'configuration',
    ],
    ['AccountSendingPausedException', 'Sending paused for this account.', 'configuration'],
    ['ConfigurationSetSendingPausedException', 'Sending paused for this configuration set.', 'configuration'],
    ['MailFromDomainNotVerifiedException', 'MAIL FROM domain not verified.', 'configuration'],
    ['ConfigurationSetDoesNotExistException', 'Configuration set does not exist.', 'configuration'],
    ['MessageRejected', 'Address blacklisted.', 'permanent'],
    ['InvalidParameterValue', 'Illegal address', 'permanent'],
    ['Throttling', 'Maximum sending rate exceeded.', 'temporary'],
    ['ServiceUnavailable', 'Service unavailable', 'temporary'],
  ])('classifies SES %s (%s) as %s', async (name, text, kind) => {
    ses.on(SendEmailCommand).rejects(Object.assign(serviceError(name), { message: text }));
    const mailer = new SesMailer(() => new SESClient({ region: 'us-east-1' }), 'router@certicamara.com');
    await expect(mailer.send(message)).rejects.toMatchObject({ kind, reason: name });
  });

  it('refuses a message it cannot send whole as a defect, before the SDK sees it', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-1' });
    const mailer = new SesMailer(() => new SESClient({ region: 'us-east-1' }), 'router@certicamara.com');
    const bad = [
      { ...message, subject: 'half a pair \ud83d' },
      { ...message, html: '\udc00' },
      { ...message, to: ['victim@example.com\r\nBcc: x@y.co'] },
      { ...message, to: [], cc: [] },
      { ...message, replyTo: ['a@b.co, c@d.co'] },
    ];
    for (const m of bad) await expect(mailer.send(m)).rejects.toMatchObject({ kind: 'defect' });
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
    await expect(mailer.send({ ...message, subject: `Caida ${'🔥'.repeat(200)}` })).resolves.toEqual({
      messageId: 'ses-1',
    });
    const subject = ses.commandCalls(SendEmailCommand)[0]?.args[0].input.Message?.Subject?.Data ?? '';
    expect(isWellFormed(subject)).toBe(true);
    expect(subject.length).toBeLessThanOrEqual(250);
  });

  it('replaces its client after an error raised on our side of the wire, and only then', async () => {
    const made: SESClient[] = [];
    const mailer = new SesMailer(() => {
      made.push(new SESClient({ region: 'us-east-1' }));
      return made.at(-1) as SESClient;
    }, 'router@certicamara.com');
    ses.on(SendEmailCommand).rejects(serviceError('Throttling'));
    await expect(mailer.send(message)).rejects.toMatchObject({ kind: 'temporary' });
    expect(made).toHaveLength(1);
    ses.on(SendEmailCommand).rejects(new URIError('URI malformed'));
    await expect(mailer.send(message)).rejects.toMatchObject({ kind: 'defect', reason: 'URIError' });
    expect(made).toHaveLength(2);
    expect(DeliveryError.name).toBe('DeliveryError');
  });
});

describe('withSecrets', () => {
  it('reads the token secret from Secrets Manager when only its ARN is configured', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: 's'.repeat(64) });
    const env = await withSecrets({
      TOKEN_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:1:secret:t',
      AWS_REGION: 'us-east-1',
    });
    expect(env.TOKEN_SECRET).toBe('s'.repeat(64));
    expect(await withSecrets({ TOKEN_SECRET: 'local' })).toEqual({ TOKEN_SECRET: 'local' });
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });
});

describe('the credentials of the Lambda bundles', () => {
  it('come from the environment Lambda sets, session token included', async () => {
    const { defaultProvider } = await import('#functions/adapters/lambda-credentials.js');
    const saved = { ...process.env };
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: 'ASIAEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_SESSION_TOKEN: 'session',
    });
    try {
      expect(await defaultProvider()()).toMatchObject({
        accessKeyId: 'ASIAEXAMPLE',
        secretAccessKey: 'secret',
        sessionToken: 'session',
      });
      delete process.env.AWS_ACCESS_KEY_ID;
      await expect(defaultProvider()()).rejects.toThrow();
    } finally {
      process.env = saved;
    }
  });
});
