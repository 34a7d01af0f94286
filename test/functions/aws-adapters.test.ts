// The SNS pager and the Secrets Manager lookup, with the SDK mocked.
import { DynamoDBClient, TransactionConflictException } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeliveryError } from '#domain/ports.js';
import { isWellFormed } from '#domain/text.js';
import { DynamoStore } from '#functions/adapters/dynamo-store.js';
import { HmacAccessTokens, HmacActionLinks, HmacFormTokens } from '#functions/adapters/hmac-tokens.js';
import { withoutRequesterHash } from '#functions/adapters/requester-hash.js';
import { SesMailer } from '#functions/adapters/ses-mailer.js';
import { SnsPager } from '#functions/adapters/sns-pager.js';
import { fixedSecret, type SecretRing } from '#functions/secret-ring.js';
import { loadSecrets, SECRET_MAX_AGE_S } from '#functions/secrets.js';

/** An error as the SDK raises it when the service answered (it has a fault side and an HTTP status). */
const serviceError = (name: string, status = 400) =>
  Object.assign(new Error('x'), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
  });
const message = { to: ['a@b.co'], cc: [], replyTo: [], subject: 's', text: 't', html: 'h', tags: {} };

const sns = mockClient(SNSClient);
const ses = mockClient(SESv2Client);
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
      () => new SESv2Client({ region: 'us-east-1' }),
      'router@certicamara.com',
      'router-events',
    );
    await mailer.send({
      to: ['a@b.co'],
      cc: ['e@f.co'],
      replyTo: ['c@d.co'],
      subject: 'Hola\r\nBcc: x@y.co',
      text: 't',
      html: 'h',
      tags: { ticket: 'CF-2026-000001', product: 'biometría' },
    });
    const input = ses.commandCalls(SendEmailCommand)[0]?.args[0].input;
    // SES API v2, simple content; without thread ids, no extra header.
    expect(input).toEqual({
      FromEmailAddress: 'router@certicamara.com',
      Destination: { ToAddresses: ['a@b.co'], CcAddresses: ['e@f.co'] },
      ReplyToAddresses: ['c@d.co'],
      ConfigurationSetName: 'router-events',
      Content: {
        Simple: {
          Subject: { Data: 'Hola Bcc: x@y.co', Charset: 'UTF-8' },
          Body: { Text: { Data: 't', Charset: 'UTF-8' }, Html: { Data: 'h', Charset: 'UTF-8' } },
        },
      },
      EmailTags: [
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

  it('threads a mail under earlier ones: In-Reply-To and References as the Message-IDs SES gave them', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-2' });
    const thread = { inReplyTo: '0100019a-aaaa-000000', references: ['0100019a-aaaa-000000'] };
    const headersOf = async (region: string | undefined, extra: object = {}) => {
      ses.resetHistory();
      const mailer = new SesMailer(
        () => new SESv2Client({ region: 'us-east-1' }),
        'router@certicamara.com',
        undefined,
        region,
      );
      await mailer.send({ ...message, ...thread, ...extra });
      return ses.commandCalls(SendEmailCommand)[0]?.args[0].input.Content?.Simple?.Headers;
    };
    expect(await headersOf('eu-west-1')).toEqual([
      { Name: 'In-Reply-To', Value: '<0100019a-aaaa-000000@eu-west-1.amazonses.com>' },
      { Name: 'References', Value: '<0100019a-aaaa-000000@eu-west-1.amazonses.com>' },
    ]);
    // us-east-1 (the default) writes its Message-IDs under email.amazonses.com.
    expect(await headersOf(undefined, { references: ['a-1', 'b-2', 'a-1'] })).toEqual([
      { Name: 'In-Reply-To', Value: '<0100019a-aaaa-000000@email.amazonses.com>' },
      { Name: 'References', Value: '<a-1@email.amazonses.com> <b-2@email.amazonses.com>' },
    ]);
    // Only ids of SES's own form reach a header: anything else is left out, and the mail still goes.
    expect(
      await headersOf('eu-west-1', {
        inReplyTo: 'x>\r\nBcc: victim@example.com',
        references: ['unknown', 'a b'],
      }),
    ).toBeUndefined();
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(1);
  });

  // One row per line of the table in docs/delivery.md ("SES errors"): SES API v2's error names.
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
    ['SendingPausedException', 'Sending paused for this account.', 'configuration'],
    ['AccountSuspendedException', 'Account suspended.', 'configuration'],
    ['MailFromDomainNotVerifiedException', 'MAIL FROM domain not verified.', 'configuration'],
    ['NotFoundException', 'Configuration set <router-events> does not exist.', 'configuration'],
    ['MessageRejected', 'Address blacklisted.', 'permanent'],
    ['BadRequestException', 'Illegal address', 'permanent'],
    ['TooManyRequestsException', 'Maximum sending rate exceeded.', 'temporary'],
    ['LimitExceededException', 'Daily message quota exceeded.', 'temporary'],
    ['InternalFailure', 'Internal failure', 'temporary'],
  ])('classifies SES %s (%s) as %s', async (name, text, kind) => {
    ses.on(SendEmailCommand).rejects(Object.assign(serviceError(name), { message: text }));
    const mailer = new SesMailer(() => new SESv2Client({ region: 'us-east-1' }), 'router@certicamara.com');
    await expect(mailer.send(message)).rejects.toMatchObject({ kind, reason: name });
  });

  it('refuses a message it cannot send whole as a defect, before the SDK sees it', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-1' });
    const mailer = new SesMailer(() => new SESv2Client({ region: 'us-east-1' }), 'router@certicamara.com');
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
    const subject = ses.commandCalls(SendEmailCommand)[0]?.args[0].input.Content?.Simple?.Subject?.Data ?? '';
    expect(isWellFormed(subject)).toBe(true);
    expect(subject.length).toBeLessThanOrEqual(250);
  });

  it('replaces its client after an error raised on our side of the wire, and only then', async () => {
    const made: SESv2Client[] = [];
    const mailer = new SesMailer(() => {
      made.push(new SESv2Client({ region: 'us-east-1' }));
      return made.at(-1) as SESv2Client;
    }, 'router@certicamara.com');
    ses.on(SendEmailCommand).rejects(serviceError('TooManyRequestsException', 429));
    await expect(mailer.send(message)).rejects.toMatchObject({ kind: 'temporary' });
    expect(made).toHaveLength(1);
    ses.on(SendEmailCommand).rejects(new URIError('URI malformed'));
    await expect(mailer.send(message)).rejects.toMatchObject({ kind: 'defect', reason: 'URIError' });
    expect(made).toHaveLength(2);
    expect(DeliveryError.name).toBe('DeliveryError');
  });
});

describe('secrets and their rotation', () => {
  const arn = 'arn:aws:secretsmanager:us-east-1:1:secret:status-links';
  const versions = (current: string, previous?: string, pending?: string) => {
    secrets.reset();
    // The general answer first: the more specific ones registered after it win for the other stages.
    secrets.on(GetSecretValueCommand, { SecretId: arn }).resolves({ SecretString: current });
    for (const [stage, value] of [
      ['AWSPREVIOUS', previous],
      ['AWSPENDING', pending],
    ] as const) {
      secrets.on(GetSecretValueCommand, { SecretId: arn, VersionStage: stage }).callsFake(async () => {
        if (value === undefined)
          throw Object.assign(new Error(`no ${stage} version`), {
            name: 'ResourceNotFoundException',
            $fault: 'client',
            $metadata: { httpStatusCode: 400 },
          });
        return { SecretString: value };
      });
    }
  };
  afterEach(() => vi.useRealTimers());

  it('reads a secret by its ARN, and a fixed one from the environment as is', async () => {
    versions('a'.repeat(64));
    const loaded = await loadSecrets(
      { TOKEN_SECRET_ARN: arn, ACTION_LINK_SECRET: 'b'.repeat(40) },
      new SecretsManagerClient({ region: 'us-east-1' }),
    );
    expect(loaded.env.TOKEN_SECRET).toBe('a'.repeat(64));
    expect(loaded.env.ACTION_LINK_SECRET).toBe('b'.repeat(40));
    expect(loaded.rings.FORM_TOKEN_SECRET).toBeUndefined();
  });

  it('signs with the new version after a rotation and still accepts links signed before it, until the next one', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-23T15:00:00Z'), toFake: ['Date'] });
    versions('a'.repeat(64));
    const client = new SecretsManagerClient({ region: 'us-east-1' });
    const loaded = await loadSecrets({ TOKEN_SECRET_ARN: arn }, client);
    const tokens = new HmacAccessTokens(loaded.rings.TOKEN_SECRET as SecretRing);
    const before = tokens.issue('CF-2026-000001');

    // aws secretsmanager put-secret-value: B becomes AWSCURRENT, A becomes AWSPREVIOUS.
    versions('b'.repeat(64), 'a'.repeat(64));
    await loaded.refresh();
    expect(tokens.issue('CF-2026-000001')).toBe(before); // cached: not yet read again
    vi.setSystemTime(Date.now() + (SECRET_MAX_AGE_S + 1) * 1000);
    await loaded.refresh();
    const after = tokens.issue('CF-2026-000001');
    expect(after).not.toBe(before);
    expect(tokens.verify('CF-2026-000001', before)).toBe(true);
    expect(tokens.verify('CF-2026-000001', after)).toBe(true);

    // The next rotation drops A: links signed under it stop working; B's still work.
    versions('c'.repeat(64), 'b'.repeat(64));
    vi.setSystemTime(Date.now() + (SECRET_MAX_AGE_S + 1) * 1000);
    await loaded.refresh();
    expect(tokens.verify('CF-2026-000001', before)).toBe(false);
    expect(tokens.verify('CF-2026-000001', after)).toBe(true);
  });

  it('accepts a staged key before anyone signs with it, so no fresh token is refused during a rotation', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-23T15:00:00Z'), toFake: ['Date'] });
    versions('a'.repeat(64));
    const client = new SecretsManagerClient({ region: 'us-east-1' });
    const slow = await loadSecrets({ TOKEN_SECRET_ARN: arn }, client);
    const signer = new HmacAccessTokens(fixedSecret('b'.repeat(64))); // a function that already signs with B
    const verifier = new HmacAccessTokens(slow.rings.TOKEN_SECRET as SecretRing);
    // Step 1 (put-secret-value --version-stages AWSPENDING): everyone accepts B within the cache time.
    versions('a'.repeat(64), undefined, 'b'.repeat(64));
    vi.setSystemTime(Date.now() + (SECRET_MAX_AGE_S + 1) * 1000);
    await slow.refresh();
    expect(verifier.verify('CF-2026-000001', signer.issue('CF-2026-000001'))).toBe(true);
    expect(verifier.issue('CF-2026-000001')).toBe(
      new HmacAccessTokens('a'.repeat(64)).issue('CF-2026-000001'),
    );
    // Step 2 (update-secret-version-stage: B becomes AWSCURRENT, A AWSPREVIOUS): it signs with B, accepts A.
    versions('b'.repeat(64), 'a'.repeat(64));
    vi.setSystemTime(Date.now() + (SECRET_MAX_AGE_S + 1) * 1000);
    await slow.refresh();
    expect(verifier.issue('CF-2026-000001')).toBe(signer.issue('CF-2026-000001'));
  });

  it('keeps the keys it read when Secrets Manager fails later, and asks again for an absent stage only after the cache time', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-23T15:00:00Z'), toFake: ['Date'] });
    versions('a'.repeat(64));
    const loaded = await loadSecrets(
      { TOKEN_SECRET_ARN: arn },
      new SecretsManagerClient({ region: 'us-east-1' }),
    );
    const calls = secrets.commandCalls(GetSecretValueCommand).length;
    await loaded.refresh();
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(calls); // cached, absent stages included
    secrets.reset();
    secrets.on(GetSecretValueCommand).rejects(
      Object.assign(new Error('down'), {
        name: 'InternalServiceError',
        $fault: 'server',
        $metadata: { httpStatusCode: 500 },
      }),
    );
    vi.setSystemTime(Date.now() + (SECRET_MAX_AGE_S + 1) * 1000);
    await expect(loaded.refresh()).resolves.toBeUndefined();
    expect(loaded.rings.TOKEN_SECRET?.current()).toBe('a'.repeat(64));
  });

  it('rotates action links and form tokens the same way', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-23T15:00:00Z'), toFake: ['Date'] });
    versions('a'.repeat(64));
    const loaded = await loadSecrets(
      { ACTION_LINK_SECRET_ARN: arn, FORM_TOKEN_SECRET_ARN: arn },
      new SecretsManagerClient({ region: 'us-east-1' }),
    );
    const links = new HmacActionLinks(loaded.rings.ACTION_LINK_SECRET as SecretRing);
    const forms = new HmacFormTokens(loaded.rings.FORM_TOKEN_SECRET as SecretRing, 0);
    const at = Date.now();
    const claims = {
      ticketId: 'CF-2026-000001',
      action: 'acknowledge' as const,
      level: 1 as const,
      to: 'a@b.co',
      expiresAt: at + 86_400_000,
    };
    const link = links.issue(claims);
    const form = forms.issue(at);
    versions('b'.repeat(64), 'a'.repeat(64));
    vi.setSystemTime(at + (SECRET_MAX_AGE_S + 1) * 1000);
    await loaded.refresh();
    expect(links.verify(link, Date.now())).toMatchObject({ ok: true });
    expect(forms.check(form, Date.now())).toBe('ok');
    expect(links.issue(claims)).not.toBe(link);
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

describe('DynamoStore under a concurrent transaction', () => {
  it('retries a conditional write DynamoDB refused for a transaction conflict, so a sent mail is recorded as sent', async () => {
    const ddb = mockClient(DynamoDBDocumentClient);
    const conflict = new TransactionConflictException({
      message: 'Transaction is ongoing for the item',
      $metadata: {},
    });
    ddb.on(UpdateCommand).rejectsOnce(conflict).resolves({});
    const store = new DynamoStore(
      DynamoDBDocumentClient.from(new DynamoDBClient({})),
      'tickets',
      withoutRequesterHash,
      { sleep: async () => undefined },
    );
    const entry = { at: 1, event: 'notified' as const, by: 'system', note: 'Aviso enviado.' };
    await store.markSent('CF-2026-000042', 'received-routed', 1, 'm-1', entry, true);
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(2);

    ddb.reset();
    ddb.on(UpdateCommand).rejects(conflict);
    await expect(store.markSent('CF-2026-000042', 'received-routed', 1, 'm-1', entry, true)).rejects.toThrow(
      'Transaction is ongoing',
    );
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(10);
    ddb.restore();
  });
});
