// Receiving mail, on the synthesized templates: the received-mail bucket (never public, TLS only, encrypted, expired
// with the retention period, written only by this account's receipt rule), the receipt rule (S3 then the function as
// an Event, scanned, TLS required), the function's one read of the bucket, SES's permission to invoke it, the rule set
// created only on request, GuardDuty's malware scanning and the settings that fail synth. Bundling is skipped (the
// functions' code is checked in stacks.test.ts); cdk-nag still runs on every synth.
import { App } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../infra/app.js';
import { readDeployConfig, SES_RECEIVING_REGIONS } from '../../infra/config.js';
import { CONTEXT as DEV_CONTEXT, PROD as PROD_CONTEXT } from './contexts.js';
import { synthesizer } from './synth.js';

// Each stage receives on its own domain (docs/deploy.md, "Receiving mail").
const CONTEXT = { ...DEV_CONTEXT, receivingDomain: 'respuestas.certicamara.com' };
const PROD = { ...PROD_CONTEXT, receivingDomain: 'respuestas.certicamara.com' };

const { synth, cleanUp } = synthesizer();

let dev: ReturnType<typeof synth>;
let prod: ReturnType<typeof synth>;
let created: ReturnType<typeof synth>;
beforeAll(() => {
  dev = synth({ ...CONTEXT, stage: 'dev' });
  prod = synth({ ...PROD, retentionYears: '7' });
  created = synth({
    ...CONTEXT,
    stage: 'dev',
    receiptRuleSet: 'create',
    receiptRuleSetName: 'correo-entrante',
  });
}, 240_000);
afterAll(cleanUp);

/** The rule's ARN as CloudFormation gets it (adjacent literal parts joined, as CDK does). */
const ruleArn = (
  region: unknown,
  account: unknown,
  ruleSet = 'ticket-router',
  rule = 'ticket-router-dev',
) => {
  const parts = [
    'arn:',
    { Ref: 'AWS::Partition' },
    ':ses:',
    region,
    ':',
    account,
    `:receipt-rule-set/${ruleSet}:receipt-rule/${rule}`,
  ];
  const joined: unknown[] = [];
  for (const part of parts) {
    const last = joined.at(-1);
    if (typeof part === 'string' && typeof last === 'string') joined[joined.length - 1] = last + part;
    else joined.push(part);
  }
  return { 'Fn::Join': ['', joined] };
};
const DEV_RULE = ruleArn({ Ref: 'AWS::Region' }, { Ref: 'AWS::AccountId' });
const PROD_RULE = ruleArn('us-east-2', '111111111111', 'ticket-router', 'ticket-router-prod');

type Statement = {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Principal?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
};
const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
function bucketStatements(template: Template): Statement[] {
  const [policy, ...others] = Object.values(template.findResources('AWS::S3::BucketPolicy'));
  expect(others).toEqual([]);
  return policy?.Properties.PolicyDocument.Statement as Statement[];
}
function roleStatements(template: Template, logicalIdPrefix: string): Statement[] {
  return Object.entries(template.findResources('AWS::IAM::Policy'))
    .filter(([id]) => id.startsWith(logicalIdPrefix))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]);
}

describe('the received-mail bucket', () => {
  it('is never public, owner-enforced, S3-encrypted and unversioned', () => {
    dev.stateful.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      VersioningConfiguration: Match.absent(),
    });
    dev.stateful.resourceCountIs('AWS::S3::Bucket', 1);
  });

  it('expires raw messages left under inbound/ after 30 days (receive-mail deletes each once processed)', () => {
    const rule = (days: number) => ({
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({
            Id: 'ExpireReceivedMail',
            Prefix: 'inbound/',
            Status: 'Enabled',
            ExpirationInDays: days,
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
          }),
        ]),
      },
    });
    dev.stateful.hasResourceProperties('AWS::S3::Bucket', rule(30));
    prod.stateful.hasResourceProperties('AWS::S3::Bucket', rule(30));
  });

  it('is retained in prod only', () => {
    prod.stateful.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    dev.stateful.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Delete' });
  });

  it('denies requests without TLS (or below TLS 1.2)', () => {
    const denies = bucketStatements(dev.stateful).filter((s) => s.Effect === 'Deny');
    expect(denies).toEqual([
      expect.objectContaining({
        Action: 's3:*',
        Principal: { AWS: '*' },
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
      expect.objectContaining({
        Action: 's3:*',
        Principal: { AWS: '*' },
        Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } },
      }),
    ]);
  });

  it('lets only SES write, under inbound/, for this account’s receipt rule', () => {
    for (const [template, account, rule] of [
      [dev.stateful, { Ref: 'AWS::AccountId' }, DEV_RULE],
      [prod.stateful, '111111111111', PROD_RULE],
    ] as const) {
      const allows = bucketStatements(template).filter((s) => s.Effect === 'Allow');
      expect(allows).toHaveLength(1);
      expect(allows[0]).toMatchObject({
        Action: 's3:PutObject',
        Principal: { Service: 'ses.amazonaws.com' },
        Resource: {
          'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^ReceivedMail/), 'Arn'] }, '/inbound/*']],
        },
        Condition: { StringEquals: { 'aws:SourceAccount': account, 'aws:SourceArn': rule } },
      });
    }
  });
});

describe('the receipt rule', () => {
  it('stores the message in S3 under inbound/, then invokes receive-mail as an Event; scanned, TLS required', () => {
    const rules = Object.values(dev.stateless.findResources('AWS::SES::ReceiptRule'));
    expect(rules).toHaveLength(1);
    expect(rules[0]?.Properties).toEqual({
      RuleSetName: 'ticket-router',
      Rule: {
        Name: 'ticket-router-dev',
        Enabled: true,
        Recipients: ['respuestas.certicamara.com'],
        ScanEnabled: true,
        TlsPolicy: 'Require',
        Actions: [
          {
            S3Action: { BucketName: { 'Fn::ImportValue': expect.any(String) }, ObjectKeyPrefix: 'inbound/' },
          },
          {
            LambdaAction: {
              FunctionArn: { 'Fn::GetAtt': [expect.stringMatching(/^ReceiveMailFunction/), 'Arn'] },
              InvocationType: 'Event',
            },
          },
        ],
      },
    });
    // Created after SES may invoke the function (SES checks it when the rule is created).
    expect(rules[0]?.DependsOn).toEqual([
      expect.stringMatching(/^ReceiveMailFunctionInvokedBySesReceiptRule/),
    ]);
  });

  it('is the only way SES may invoke the function: this account, this rule', () => {
    const permissions = Object.values(dev.stateless.findResources('AWS::Lambda::Permission')).filter(
      (p) => p.Properties.Principal === 'ses.amazonaws.com',
    );
    expect(permissions.map((p) => p.Properties)).toEqual([
      {
        Action: 'lambda:InvokeFunction',
        FunctionName: { 'Fn::GetAtt': [expect.stringMatching(/^ReceiveMailFunction/), 'Arn'] },
        Principal: 'ses.amazonaws.com',
        SourceAccount: { Ref: 'AWS::AccountId' },
        SourceArn: DEV_RULE,
      },
    ]);
    prod.stateless.hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 'ses.amazonaws.com',
      SourceAccount: '111111111111',
      SourceArn: PROD_RULE,
    });
  });

  it('goes into an existing rule set by default; the stage creates (and retains) it only when asked', () => {
    dev.stateful.resourceCountIs('AWS::SES::ReceiptRuleSet', 0);
    dev.stateless.resourceCountIs('AWS::SES::ReceiptRuleSet', 0);
    created.stateful.hasResource('AWS::SES::ReceiptRuleSet', {
      Properties: { RuleSetName: 'correo-entrante' },
      DeletionPolicy: 'Retain',
    });
    created.stateless.hasResourceProperties('AWS::SES::ReceiptRule', { RuleSetName: 'correo-entrante' });
    // The bucket policy and the permission name the rule in that set.
    created.stateless.hasResourceProperties('AWS::Lambda::Permission', {
      SourceArn: ruleArn({ Ref: 'AWS::Region' }, { Ref: 'AWS::AccountId' }, 'correo-entrante'),
    });
  });
});

describe('the receiving function', () => {
  it('may read and delete raw messages under inbound/ and store files under attachments/ only: no listing, nothing else', () => {
    const s3 = roleStatements(dev.stateless, 'ReceiveMail').filter((s) =>
      actionsOf(s).some((a) => a.startsWith('s3:')),
    );
    const under = (prefix: string) => ({
      'Fn::Join': ['', [{ 'Fn::ImportValue': expect.stringMatching(/ReceivedMail/) }, `/${prefix}*`]],
    });
    expect(s3).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:DeleteObject'],
        Resource: under('inbound/'),
      }),
      expect.objectContaining({ Effect: 'Allow', Action: 's3:PutObject', Resource: under('attachments/') }),
    ]);
    // Only the functions that handle attachments touch S3 besides (test/infra/attachments.test.ts).
    const others = Object.entries(dev.stateless.findResources('AWS::IAM::Policy'))
      .filter(([id]) => !/^(ReceiveMail|Attachments|Sweep|StaffActions)/.test(id))
      .map(([, p]) => JSON.stringify(p.Properties));
    expect(others.join()).not.toMatch(/"s3:/);
  });

  it('reads and writes the table and signs with the staff-link key, and sends no mail', () => {
    const statements = roleStatements(dev.stateless, 'ReceiveMail');
    const actions = statements.flatMap(actionsOf);
    expect(actions).toEqual(
      expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']),
    );
    expect(actions).not.toContain('ses:SendEmail');
    expect(JSON.stringify(statements)).toContain('ActionLinkSecret');
    expect(JSON.stringify(statements)).not.toMatch(/StatusLinkSecret|FormTokenSecret|RequesterHashSecret/);
  });

  it('is given the bucket, the prefix, the receiving domain and the staff who answer by mail', () => {
    const [fn] = Object.entries(dev.stateless.findResources('AWS::Lambda::Function')).filter(([id]) =>
      id.startsWith('ReceiveMail'),
    );
    expect(fn?.[1].Properties.Environment.Variables).toMatchObject({
      INBOUND_BUCKET: { 'Fn::ImportValue': expect.stringMatching(/ReceivedMail/) },
      INBOUND_PREFIX: 'inbound/',
      RECEIVING_DOMAIN: 'respuestas.certicamara.com',
      STAFF_PEOPLE: '[]',
    });
    expect(fn?.[1].Properties).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Timeout: 30,
    });
    // Its outcomes are on the dashboard.
    const [dashboard] = Object.values(dev.stateless.findResources('AWS::CloudWatch::Dashboard'));
    expect(JSON.stringify(dashboard?.Properties.DashboardBody)).toContain('MailsReceived');
    dev.stateless.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: Match.stringLikeRegexp('^ReceiveMailFunction') },
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
  });
});

describe('SES events', () => {
  it('the configuration set reports deliveries too; only bounces and complaints reach ses-events', () => {
    dev.stateless.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({
        MatchingEventTypes: ['delivery', 'bounce', 'complaint'],
        EventBridgeDestination: Match.anyValue(),
      }),
    });
    const sesRules = Object.values(dev.stateless.findResources('AWS::Events::Rule')).filter(
      (r) => r.Properties.EventPattern?.source?.[0] === 'aws.ses',
    );
    expect(sesRules.map((r) => r.Properties.EventPattern['detail-type'])).toEqual([
      ['Email Bounced', 'Email Complaint Received', 'Email Delivered'],
    ]);
  });
});

describe('malware scanning', () => {
  it('GuardDuty scans and tags every new object of the bucket in prod, with a role scoped to it', () => {
    prod.stateful.hasResourceProperties('AWS::GuardDuty::MalwareProtectionPlan', {
      ProtectedResource: { S3Bucket: { BucketName: { Ref: Match.stringLikeRegexp('^ReceivedMail') } } },
      Actions: { Tagging: { Status: 'ENABLED' } },
      Role: { 'Fn::GetAtt': [Match.stringLikeRegexp('^MalwareScanRole'), 'Arn'] },
    });
    const [role] = Object.values(prod.stateful.findResources('AWS::IAM::Role')).filter((r) =>
      JSON.stringify(r.Properties.AssumeRolePolicyDocument).includes(
        'malware-protection-plan.guardduty.amazonaws.com',
      ),
    );
    const statements = role?.Properties.Policies[0].PolicyDocument.Statement as Statement[];
    const s3Resources = statements
      .filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')))
      .map((s) => JSON.stringify(s.Resource));
    expect(s3Resources.length).toBeGreaterThan(0);
    for (const resource of s3Resources) expect(resource).toMatch(/ReceivedMail/);
    expect(statements.flatMap(actionsOf)).not.toContain('s3:DeleteObject');
  });

  it('is off in dev unless asked for (accounts without it can turn it off)', () => {
    dev.stateful.resourceCountIs('AWS::GuardDuty::MalwareProtectionPlan', 0);
    const config = (settings: Record<string, string>) =>
      readDeployConfig((key) => ({ ...CONTEXT, ...settings })[key], {});
    expect(config({ stage: 'dev', malwareScanning: 'true' }).malwareScanning).toBe(true);
    expect(config({ ...PROD, malwareScanning: 'false' }).malwareScanning).toBe(false);
    expect(config(PROD).malwareScanning).toBe(true);
  });
});

describe('settings that fail synth', () => {
  const attempt = (settings: Record<string, string>) => () =>
    readDeployConfig((key) => ({ ...CONTEXT, ...settings })[key], {});

  it('a region where SES does not receive mail, naming it', () => {
    expect(attempt({ region: 'sa-east-1' })).toThrow(/region: SES does not receive mail in sa-east-1/);
    expect(attempt({ region: 'us-east-2' })).not.toThrow();
    expect(SES_RECEIVING_REGIONS).toContain('us-east-1');
  });

  it('the shell’s region, for a stage not pinned to one', () => {
    vi.stubEnv('CDK_DEFAULT_REGION', 'sa-east-1');
    try {
      expect(() => buildApp(new App({ context: { ...CONTEXT, stage: 'dev' } }))).toThrow(
        /region: SES does not receive mail in sa-east-1/,
      );
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('a bad rule set choice or name, and staff people the function would refuse', () => {
    expect(attempt({ receiptRuleSet: 'activate' })).toThrow(/receiptRuleSet: must be create or existing/);
    expect(attempt({ receiptRuleSetName: 'reglas entrantes' })).toThrow(/receiptRuleSetName: must be an SES/);
    expect(attempt({ staffPeople: 'laura@certicamara.com' })).toThrow(/staffPeople: must be JSON/);
    expect(
      attempt({ staffPeople: '[{"email":"laura@certicamara.com","name":"Laura","level":4,"queues":[]}]' }),
    ).toThrow(/staffPeople: .*level must be 1, 2 or 3/);
    const people =
      '[{"email":"laura@certicamara.com","name":"Laura","level":2,"queues":["certifactura/support"]}]';
    expect(attempt({ staffPeople: people })().staffPeople).toBe(people);
  });
});
