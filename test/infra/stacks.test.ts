// The synthesized templates, asserted resource by resource (no snapshots), with real local bundling (esbuild,
// no Docker) and cdk-nag's AwsSolutions and Serverless packs.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.js';
import { entryPath, FUNCTION_ENTRIES, PROJECT_ROOT } from '../../infra/constructs/bundling.js';
import { constructIdOf, FUNCTIONS, variableOf } from '../../infra/functions.js';
import { CONTEXT, PROD } from './contexts.js';

const outdirs: string[] = [];
function synth(context: Record<string, string>) {
  const outdir = mkdtempSync(join(tmpdir(), 'cdk-out-'));
  outdirs.push(outdir);
  const built = buildApp(new App({ outdir, context: { ...context, 'aws:cdk:enable-asset-metadata': true } }));
  const assembly = built.app.synth();
  return {
    ...built,
    outdir,
    assembly,
    stateful: Template.fromStack(built.stateful),
    stateless: Template.fromStack(built.stateless),
    edgeTemplate: built.edge ? Template.fromStack(built.edge) : undefined,
  };
}

let dev: ReturnType<typeof synth>;
let prod: ReturnType<typeof synth>;
beforeAll(() => {
  dev = synth({ ...CONTEXT, stage: 'dev' });
  prod = synth({ ...PROD, throttleRate: '10', throttleBurst: '20' });
  // Fourteen functions bundled twice: minutes on a busy machine.
}, 300_000);
afterAll(() => {
  for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
});

describe('functions', () => {
  it('every function runs Node 24 on arm64 with active tracing, JSON logs and bounded log retention', () => {
    const functions = dev.stateless.findResources('AWS::Lambda::Function');
    expect(Object.keys(functions)).toHaveLength(FUNCTION_ENTRIES.length);
    for (const fn of Object.values(functions)) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'INFO', SystemLogLevel: 'WARN' },
        MemorySize: 512,
      });
    }
    const retention = (t: Template) =>
      Object.entries(t.findResources('AWS::Logs::LogGroup')).map(([id, r]) => [
        id.startsWith('ApiAccessLogs') ? 'access' : 'function',
        r.Properties.RetentionInDays,
      ]);
    // Function logs two weeks (dev) or three months (prod); access logs, which hold source IPs, a week or a month.
    expect(new Set(retention(dev.stateless).map(String))).toEqual(new Set(['function,14', 'access,7']));
    expect(new Set(retention(prod.stateless).map(String))).toEqual(new Set(['function,90', 'access,30']));
  });

  it('bundles every function locally and reports its size', () => {
    const lines: string[] = [];
    for (const [logicalId, fn] of Object.entries(dev.stateless.findResources('AWS::Lambda::Function'))) {
      const assetPath = fn.Metadata?.['aws:asset:path'] as string;
      const files = readdirSync(join(dev.outdir, assetPath)).sort();
      if (logicalId.startsWith('Web')) {
        // The web function carries the built pages and hashed assets next to its code.
        expect(files).toEqual(['index.mjs', 'index.mjs.map', 'web']);
        const manifest = JSON.parse(
          readFileSync(join(dev.outdir, assetPath, 'web', 'manifest.json'), 'utf8'),
        );
        expect(Object.keys(manifest)).toEqual(
          expect.arrayContaining(['/', '/status', expect.stringMatching(/^\/assets\/form-\w+\.js$/)]),
        );
      } else {
        expect(files).toEqual(['index.mjs', 'index.mjs.map']);
      }
      const kib = statSync(join(dev.outdir, assetPath, 'index.mjs')).size / 1024;
      expect(kib).toBeLessThan(2048);
      lines.push(
        `${logicalId.replace(/Function[0-9A-F]{8}$/, '').padEnd(16)} ${kib.toFixed(0).padStart(5)} KiB`,
      );
    }
    expect(lines).toHaveLength(FUNCTION_ENTRIES.length);
    mkdirSync('test-output', { recursive: true });
    writeFileSync('test-output/bundle-sizes.txt', `${lines.join('\n')}\n`);
    process.stderr.write(
      `\nLambda bundles (minified ESM, AWS SDK clients included):\n  ${lines.join('\n  ')}\n`,
    );
  });
});

describe('settings', () => {
  /** A value CloudFormation resolves at deploy time, as a function would see it. */
  const resolved = (key: string, value: unknown): string => {
    if (typeof value === 'string') return value;
    if (key === 'PUBLIC_BASE_URL') return 'https://api.example.com';
    if (key === 'PAGER_TOPIC_ARN') return 'arn:aws:sns:us-east-1:111111111111:p1-alerts-dev';
    return `resolved-${key.toLowerCase()}`;
  };

  it('follow the function table (infra/functions.ts): each environment, secret, mail, paging and index grant', () => {
    const functions = Object.entries(dev.stateless.findResources('AWS::Lambda::Function'));
    const policies = Object.entries(dev.stateless.findResources('AWS::IAM::Policy'));
    const secretIds = {
      TOKEN_SECRET: 'StatusLinkSecret',
      ACTION_LINK_SECRET: 'ActionLinkSecret',
      FORM_TOKEN_SECRET: 'FormTokenSecret',
      REQUESTER_HASH_SECRET: 'RequesterHashSecret',
    } as const;
    for (const [name, spec] of Object.entries(FUNCTIONS)) {
      const id = constructIdOf(name);
      const fn = functions.find(([logicalId]) => logicalId.startsWith(`${id}Function`))?.[1];
      const variables = Object.keys(fn?.Properties.Environment?.Variables ?? {});
      expect(variables.sort(), name).toEqual(
        ['NODE_OPTIONS', 'POWERTOOLS_SERVICE_NAME', ...spec.settings.map(variableOf)].sort(),
      );
      const granted = JSON.stringify(policies.filter(([logicalId]) => logicalId.startsWith(id)));
      for (const [secret, secretId] of Object.entries(secretIds)) {
        expect(granted.includes(secretId), `${name} reads ${secret}`).toBe(
          (spec.settings as readonly string[]).includes(secret),
        );
      }
      expect(granted.includes('ses:SendEmail'), `${name} sends mail`).toBe(spec.sendsMail === true);
      expect(granted.includes('sns:Publish'), `${name} pages`).toBe(spec.pages === true);
      for (const index of ['byDueTime', 'byRetry'] as const) {
        expect(granted.includes(`index/${index}"`), `${name} queries ${index}`).toBe(
          spec.table?.indexes?.includes(index) === true,
        );
      }
    }
  });

  it('give each function what its entry reads: every entry starts with its synthesized environment', () => {
    const functions = Object.entries(dev.stateless.findResources('AWS::Lambda::Function'));
    for (const name of FUNCTION_ENTRIES) {
      const found = functions.find(([id]) => id.startsWith(`${constructIdOf(name)}Function`));
      expect(found, name).toBeDefined();
      const variables = (found?.[1].Properties.Environment?.Variables ?? {}) as Record<string, unknown>;
      // Each secret it is given, it may read (and its role reads no other: see the web test below).
      const policies = JSON.stringify(
        Object.entries(dev.stateless.findResources('AWS::IAM::Policy'))
          .filter(([id]) => id.startsWith(constructIdOf(name)))
          .map(([, p]) => p.Properties),
      );
      for (const [key, value] of Object.entries(variables)) {
        if (key.endsWith('_SECRET_ARN'))
          expect(policies, `${name} reads ${key}`).toContain(JSON.stringify(value));
      }
      const env: Record<string, string> = {};
      for (const [key, value] of Object.entries(variables)) {
        // A secret's ARN: the entry reads the secret through Secrets Manager; here its value stands in for it.
        if (key.endsWith('_SECRET_ARN')) env[key.replace(/_ARN$/, '')] = 's'.repeat(40);
        else env[key] = resolved(key, value);
      }
      const run = spawnSync(
        process.execPath,
        ['--import', 'tsx', '-e', `await import(${JSON.stringify(entryPath(name))})`],
        {
          cwd: PROJECT_ROOT,
          env: {
            PATH: process.env.PATH ?? '',
            AWS_REGION: 'us-east-1',
            POWERTOOLS_LOG_LEVEL: 'SILENT',
            POWERTOOLS_METRICS_DISABLED: 'true',
            ...env,
          },
          encoding: 'utf8',
          timeout: 60_000,
        },
      );
      // The web entry's pages travel beside its bundle (web/): from the sources they are missing, after its settings
      // were read and checked.
      const missingPages = name === 'web' && /manifest\.json/.test(run.stderr);
      expect(run.status === 0 || missingPages, `${name}: ${run.stderr}`).toBe(true);
      expect(run.stderr, name).not.toMatch(/configuration is invalid/);
    }
  }, 180_000);
});

describe('the table', () => {
  it('is on demand, encrypted, recoverable, streamed and expiring idempotency records', () => {
    dev.stateful.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      BillingMode: 'PAY_PER_REQUEST',
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      Replicas: [
        Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }),
      ],
      // Keys and what the staff console lists (docs/records.md itemises what their writes cost).
      GlobalSecondaryIndexes: [
        Match.objectLike({
          IndexName: 'byDueTime',
          Projection: {
            ProjectionType: 'INCLUDE',
            NonKeyAttributes: ['rh', 'summary', 'status', 'escalationLevel', 'dueAt'],
          },
        }),
        Match.objectLike({ IndexName: 'byRetry', Projection: { ProjectionType: 'KEYS_ONLY' } }),
        Match.objectLike({
          IndexName: 'byMonth',
          KeySchema: [
            { AttributeName: 'gsi4pk', KeyType: 'HASH' },
            { AttributeName: 'gsi4sk', KeyType: 'RANGE' },
          ],
          Projection: {
            ProjectionType: 'INCLUDE',
            NonKeyAttributes: ['summary', 'status', 'escalationLevel', 'dueAt'],
          },
        }),
      ],
    });
  });

  it('is protected from deletion and retained in prod only', () => {
    prod.stateful.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ Replicas: [Match.objectLike({ DeletionProtectionEnabled: true })] }),
    });
    dev.stateful.hasResource('AWS::DynamoDB::GlobalTable', { DeletionPolicy: 'Delete' });
  });
});

describe('the notifier', () => {
  it('reads the stream with partial batch failures, bisection, bounded retries and a DLQ, tickets and LOOKUP INSERTs only', () => {
    dev.stateless.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 5,
      MaximumRecordAgeInSeconds: 3600,
      StartingPosition: 'TRIM_HORIZON',
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
      FilterCriteria: {
        Filters: [
          {
            Pattern: JSON.stringify({
              eventName: ['INSERT', 'MODIFY'],
              dynamodb: { NewImage: { entity: { S: ['ticket'] } } },
            }),
          },
          {
            Pattern: JSON.stringify({
              eventName: ['INSERT'],
              dynamodb: { NewImage: { sk: { S: ['LOOKUP'] } } },
            }),
          },
        ],
      },
    });
  });

  it('retries due notifications every minute, with a DLQ for undeliverable events', () => {
    dev.stateless.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      Targets: [
        Match.objectLike({
          DeadLetterConfig: Match.anyValue(),
          RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 300 },
        }),
      ],
    });
    dev.stateless.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
  });

  it('hears SES bounces and complaints of its configuration set through EventBridge', () => {
    dev.stateless.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({
        // Deliveries too: the evidence that a PQRSA's answer reached the requester (test/infra/receiving.test.ts).
        MatchingEventTypes: ['delivery', 'bounce', 'complaint'],
        EventBridgeDestination: Match.anyValue(),
      }),
    });
    dev.stateless.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({
        source: ['aws.ses'],
        'detail-type': ['Email Bounced', 'Email Complaint Received', 'Email Delivered'],
      }),
    });
  });
});

type Statement = { Action: string | string[]; Resource: unknown; Condition?: unknown };
function statementsOf(template: Template): Statement[] {
  return Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
    (p) => (p.Properties as { PolicyDocument: { Statement: Statement[] } }).PolicyDocument.Statement,
  );
}
const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

describe('least privilege', () => {
  it('no function role uses a managed policy', () => {
    for (const role of Object.values(dev.stateless.findResources('AWS::IAM::Role'))) {
      expect(role.Properties?.ManagedPolicyArns).toBeUndefined();
    }
  });

  it('DynamoDB access names the table (and the index each function queries), never a wildcard', () => {
    const dynamo = statementsOf(dev.stateless).filter((s) =>
      actionsOf(s).some((a) => a.startsWith('dynamodb:')),
    );
    expect(dynamo.length).toBeGreaterThan(0);
    for (const s of dynamo) {
      const text = JSON.stringify(s.Resource);
      expect(text).not.toMatch(/"\*"|index\/\*/);
      expect(actionsOf(s)).not.toContain('dynamodb:Scan');
    }
    // The sweeper, the notifier and the redrive (lost-link lookups) and the staff console query byDueTime, the redrive
    // byRetry, the staff console byMonth; no one else.
    const queriesOf = (index: string) =>
      dynamo.filter((s) => JSON.stringify(s.Resource).includes(`index/${index}"`)).length;
    expect([queriesOf('byDueTime'), queriesOf('byRetry'), queriesOf('byMonth')]).toEqual([4, 1, 1]);
  });

  it('SES sending is allowed only as the configured identity and configuration set, from the sender address', () => {
    const ses = statementsOf(dev.stateless).filter((s) => actionsOf(s).includes('ses:SendEmail'));
    expect(ses).toHaveLength(2);
    // SendEmail only: nothing sends raw messages.
    expect(statementsOf(dev.stateless).filter((s) => actionsOf(s).includes('ses:SendRawEmail'))).toEqual([]);
    for (const s of ses) {
      expect(JSON.stringify(s.Resource)).toContain(':identity/certicamara.com');
      expect(JSON.stringify(s.Resource)).toContain(':configuration-set/');
      expect(s.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'notificaciones@certicamara.com' } });
    }
  });

  it('only X-Ray keeps a wildcard resource', () => {
    for (const s of statementsOf(dev.stateless)) {
      if (s.Resource === '*') expect(actionsOf(s).every((a) => a.startsWith('xray:'))).toBe(true);
    }
  });
});

describe('the API', () => {
  it('has its routes (API and web pages), stage throttling, JSON access logs and CORS for the configured origin only', () => {
    for (const key of [
      'POST /requests',
      'GET /requests/{id}',
      'GET /routing',
      'POST /requests/lookup',
      'GET /',
      'GET /status',
      'GET /assets/{file}',
      'POST /requests/{id}/escalate',
      'POST /requests/{id}/complete',
      'GET /actions',
      'POST /actions',
    ]) {
      dev.stateless.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: key });
    }
    prod.stateless.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('"requestId"') },
    });
    dev.stateless.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: {
        AllowOrigins: ['https://soporte.certicamara.com'],
        AllowHeaders: ['content-type', 'idempotency-key', 'authorization', 'x-api-key'],
        ExposeHeaders: ['retry-after', 'idempotent-replayed', 'location'],
        AllowMethods: ['GET', 'POST', 'OPTIONS'],
      },
    });
    dev.stateless.hasOutput('ApiUrl', {});
    dev.stateless.hasOutput('FormUrl', {});
    dev.stateful.hasOutput('TableName', {});
  });
});

/** The staff console's ticket actions, as the WAF matches them: the path prefix, untransformed. */
const STAFF_ACTIONS = {
  ByteMatchStatement: {
    FieldToMatch: { UriPath: {} },
    PositionalConstraint: 'STARTS_WITH',
    SearchString: '/staff/tickets/',
    TextTransformations: [{ Priority: 0, Type: 'NONE' }],
  },
};

/** A rate-based rule: at most `limit` POSTs matching `scope` per client IP in 5 minutes, then the edge's 429. */
const postsPerClientIp = (name: string, priority: number, limit: number, scope: object) =>
  Match.objectLike({
    Name: name,
    Priority: priority,
    Action: {
      Block: {
        CustomResponse: Match.objectLike({ ResponseCode: 429, CustomResponseBodyKey: 'rate_limited' }),
      },
    },
    Statement: {
      RateBasedStatement: Match.objectLike({
        Limit: limit,
        AggregateKeyType: 'IP',
        EvaluationWindowSec: 300,
        ScopeDownStatement: {
          AndStatement: {
            Statements: [
              {
                ByteMatchStatement: Match.objectLike({ SearchString: 'POST', FieldToMatch: { Method: {} } }),
              },
              scope,
            ],
          },
        },
      }),
    },
  });

describe('the edge (prod)', () => {
  it('puts CloudFront with an AWS WAF web ACL in front of the API, whose execute-api endpoint is off', () => {
    const edge = prod.edgeTemplate as Template;
    expect(prod.edge?.region).toBe('us-east-1');
    edge.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      Rules: Match.arrayWith([
        postsPerClientIp('PostsPerClientIp', 0, 100, { NotStatement: { Statement: STAFF_ACTIONS } }),
        postsPerClientIp('StaffActionsPerClientIp', 1, 1000, STAFF_ACTIONS),
        Match.objectLike({
          Name: 'AwsCommonRules',
          Statement: {
            ManagedRuleGroupStatement: Match.objectLike({
              Name: 'AWSManagedRulesCommonRuleSet',
              RuleActionOverrides: Match.arrayWith([
                { Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } },
                { Name: 'CrossSiteScripting_BODY', ActionToUse: { Count: {} } },
                { Name: 'NoUserAgent_HEADER', ActionToUse: { Count: {} } },
              ]),
            }),
          },
        }),
        Match.objectLike({
          Statement: {
            ManagedRuleGroupStatement: Match.objectLike({ Name: 'AWSManagedRulesKnownBadInputsRuleSet' }),
          },
        }),
      ]),
    });
    // Client IPs behind CloudFront: the web ACL's own log, a month, with secrets and status-link tokens redacted.
    edge.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: 'aws-waf-logs-ticket-router-prod',
      RetentionInDays: 30,
    });
    edge.hasResourceProperties('AWS::WAFv2::LoggingConfiguration', {
      RedactedFields: Match.arrayWith([{ SingleHeader: { Name: 'x-api-key' } }, { QueryString: {} }]),
    });
    prod.stateless.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['soporte-api.certicamara.com'],
        WebACLId: Match.anyValue(),
        ViewerCertificate: Match.objectLike({
          AcmCertificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/edge',
          MinimumProtocolVersion: 'TLSv1.2_2021',
        }),
        Origins: [Match.objectLike({ DomainName: 'origin.soporte-api.certicamara.com' })],
      }),
    });
    prod.stateless.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: true });
    prod.stateless.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: 'origin.soporte-api.certicamara.com',
    });
    // Dev has no edge unless asked: the API's own endpoint serves it.
    dev.stateless.resourceCountIs('AWS::CloudFront::Distribution', 0);
    dev.stateless.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: false });
  });
});

describe('deploy guardrails', () => {
  const attempt = (context: Record<string, string | undefined>) => () =>
    buildApp(
      new App({ context: Object.fromEntries(Object.entries(context).filter(([, v]) => v !== undefined)) }),
    );

  it('refuses a prod synth with placeholders or missing settings, naming each', () => {
    expect(attempt({ ...PROD, senderAddress: 'no-reply@example.com' })).toThrow(
      /senderAddress: must be a real/,
    );
    expect(attempt({ ...PROD, privacyPolicyUrl: undefined })).toThrow(
      /privacyPolicyUrl: must be the published/,
    );
    expect(attempt({ ...PROD, privacyPolicyVersion: undefined })).toThrow(
      /privacyPolicyVersion: must be the version/,
    );
    expect(attempt({ ...PROD, privacyControllerNit: undefined })).toThrow(
      /privacyControllerNit: must be the controller’s NIT for prod/,
    );
    expect(attempt({ ...PROD, alarmEmail: undefined })).toThrow(/alarmEmail: is required for prod/);
    expect(attempt({ ...PROD, account: undefined })).toThrow(/account: is required for prod/);
    expect(attempt({ ...PROD, edgeCertificateArn: undefined })).toThrow(
      /edgeCertificateArn: is required with the edge/,
    );
    expect(attempt({ ...PROD, edgeCertificateArn: 'arn:aws:acm:us-east-2:1:certificate/x' })).toThrow(
      /edgeCertificateArn: must be an ACM certificate ARN in us-east-1/,
    );
    // cdk.json's own defaults, deployed as prod, fail on every placeholder at once.
    expect(attempt({ stage: 'prod', senderAddress: 'no-reply@example.com' })).toThrow(
      /senderAddress.*privacyPolicyUrl.*privacyPolicyVersion.*privacyControllerNit.*alarmEmail.*account.*region/s,
    );
  });

  it('creates the sender identity in prod only, so two stages in one account can share it', () => {
    prod.stateful.resourceCountIs('AWS::SES::EmailIdentity', 1);
    dev.stateful.resourceCountIs('AWS::SES::EmailIdentity', 0);
  });

  it('pins each prod stack to its account and region (the web ACL to us-east-1)', () => {
    const env = (name: string) => prod.assembly.getStackByName(name).environment;
    expect(env('TicketRouter-prod-Stateful')).toMatchObject({ account: '111111111111', region: 'us-east-2' });
    expect(env('TicketRouter-prod-Stateless')).toMatchObject({
      account: '111111111111',
      region: 'us-east-2',
    });
    expect(env('TicketRouter-prod-Edge')).toMatchObject({ account: '111111111111', region: 'us-east-1' });
  });
});

describe('access logs', () => {
  // The HTTP API access-log variables API Gateway documents ("Customize HTTP API access logs"); REST API variables
  // such as $context.resourcePath make the stage fail to deploy.
  const HTTP_API_VARIABLES = new Set([
    'accountId',
    'apiId',
    'authorizer.error',
    'awsEndpointRequestId',
    'awsEndpointRequestId2',
    'customDomain.basePathMatched',
    'dataProcessed',
    'domainName',
    'domainPrefix',
    'error.message',
    'error.messageString',
    'error.responseType',
    'extendedRequestId',
    'httpMethod',
    'identity.accountId',
    'identity.caller',
    'identity.cognitoAuthenticationProvider',
    'identity.cognitoAuthenticationType',
    'identity.cognitoIdentityId',
    'identity.cognitoIdentityPoolId',
    'identity.principalOrgId',
    'identity.sourceIp',
    'identity.user',
    'identity.userAgent',
    'identity.userArn',
    'integration.error',
    'integration.integrationStatus',
    'integration.latency',
    'integration.requestId',
    'integration.status',
    'integrationErrorMessage',
    'integrationLatency',
    'integrationStatus',
    'path',
    'protocol',
    'requestId',
    'requestTime',
    'requestTimeEpoch',
    'responseLatency',
    'responseLength',
    'routeKey',
    'stage',
    'status',
  ]);

  it('use HTTP API variables only, as one JSON line', () => {
    for (const t of [dev.stateless, prod.stateless]) {
      const [stage] = Object.values(t.findResources('AWS::ApiGatewayV2::Stage'));
      const format = String(stage?.Properties.AccessLogSettings.Format);
      const used = [...format.matchAll(/\$context\.([\w.]+)/g)].map((m) => m[1] ?? '');
      expect(used.length).toBeGreaterThan(5);
      expect(used.filter((v) => !HTTP_API_VARIABLES.has(v))).toEqual([]);
      expect(Object.keys(JSON.parse(format))).toContain('routeKey');
    }
  });
});

describe('alarm delivery', () => {
  it('lets CloudWatch alarms of this account publish to the topics and use their key', () => {
    for (const topic of ['Alarms', 'P1Alerts']) {
      dev.stateful.hasResourceProperties('AWS::SNS::TopicPolicy', {
        Topics: [{ Ref: Match.stringLikeRegexp(`^${topic}`) }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Allow',
              Principal: { Service: 'cloudwatch.amazonaws.com' },
              Action: 'sns:Publish',
              Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
            }),
          ]),
        },
      });
    }
    dev.stateful.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          }),
        ]),
      },
    });
  });
});

describe('the escalation lifecycle', () => {
  it('sweeps every minute, and alarms when the sweeper fails or stops running', () => {
    dev.stateless.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      Description: Match.stringLikeRegexp('SLA sweeper'),
      Targets: [Match.objectLike({ DeadLetterConfig: Match.anyValue() })],
    });
    dev.stateless.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Invocations',
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
    });
  });

  it('keeps the action-link key in its own secret, readable only by the functions that sign or check links (and reply addresses)', () => {
    dev.stateful.hasResourceProperties('AWS::SecretsManager::Secret', {
      Description: Match.stringLikeRegexp('acknowledge/resolve links'),
    });
    const reads = Object.entries(dev.stateless.findResources('AWS::IAM::Policy')).filter(([, p]) =>
      JSON.stringify(p.Properties).includes('ActionLinkSecret'),
    );
    expect(reads.map(([id]) => id.replace(/ServiceRoleDefaultPolicy.*|Role.*$/, '')).sort()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Notify/),
        expect.stringMatching(/^Redrive/),
        expect.stringMatching(/^StaffActions/),
        expect.stringMatching(/^ReceiveMail/),
        // Sign-in links are signed under a key derived from it.
        expect.stringMatching(/^StaffConsole/),
      ]),
    );
    expect(reads).toHaveLength(5);
  });

  it('keeps the address-hash key in its own secret, never rotated, readable only by the functions that hash addresses', () => {
    dev.stateful.hasResourceProperties('AWS::SecretsManager::Secret', {
      Description: Match.stringLikeRegexp('hashes of requester e-mail addresses.*re-index'),
    });
    dev.stateful.resourceCountIs('AWS::SecretsManager::RotationSchedule', 0);
    const readers = Object.entries(dev.stateless.findResources('AWS::IAM::Policy'))
      .filter(([, p]) => JSON.stringify(p.Properties).includes('RequesterHashSecret'))
      .map(([id]) => id.replace(/ServiceRoleDefaultPolicy.*|Role.*$/, ''))
      .sort();
    // The intake (a ticket's `rh`), the lookups, the notifier and redrive (the acknowledgement quota, a lookup's
    // tickets), staff actions (erasure on request) and the staff console (search by address, sign-in request
    // windows); never the sweeper, the status page or the web form.
    expect(readers).toEqual([
      'CreateRequest',
      'LookupRequests',
      'Notify',
      'Redrive',
      'StaffActions',
      'StaffConsole',
    ]);
  });

  it('gives the public web function the form-token key only, and nothing that signs a ticket link', () => {
    const [web] = Object.entries(dev.stateless.findResources('AWS::Lambda::Function')).filter(([id]) =>
      id.startsWith('Web'),
    );
    const env = Object.keys(web?.[1].Properties.Environment.Variables ?? {});
    expect(env).toContain('FORM_TOKEN_SECRET_ARN');
    expect(env).not.toContain('TOKEN_SECRET_ARN');
    expect(env).not.toContain('ACTION_LINK_SECRET_ARN');
    const webPolicies = Object.entries(dev.stateless.findResources('AWS::IAM::Policy'))
      .filter(([id]) => id.startsWith('Web'))
      .map(([, p]) => JSON.stringify(p.Properties));
    expect(webPolicies.join()).toContain('FormTokenSecret');
    expect(webPolicies.join()).not.toMatch(/StatusLinkSecret|ActionLinkSecret/);
  });
});

describe('the docs', () => {
  const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

  it('state the counts of the synthesized stack: functions, secrets and every route', () => {
    const words = [
      'zero',
      'one',
      'two',
      'three',
      'four',
      'five',
      'six',
      'seven',
      'eight',
      'nine',
      'ten',
      'eleven',
      'twelve',
      'thirteen',
      'fourteen',
    ];
    const functions = Object.keys(dev.stateless.findResources('AWS::Lambda::Function')).length;
    expect(read('README.md')).toContain(`${words[functions]} functions`);
    const secrets = Object.keys(dev.stateful.findResources('AWS::SecretsManager::Secret')).length;
    expect(read('docs/operations.md')).toContain(
      `${words[secrets]?.replace(/^./, (c) => c.toUpperCase())} HMAC keys`,
    );
    expect(read('README.md')).toContain(`${words[secrets]} HMAC secrets`);
    const routes = Object.values(dev.stateless.findResources('AWS::ApiGatewayV2::Route')).map((r) =>
      String(r.Properties.RouteKey),
    );
    // docs/api.md's route table names every route of the stack, and no other.
    const documented = read('docs/api.md')
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .flatMap((line) => [
        ...(line.split('|')[1] ?? '').matchAll(/`((?:GET|POST|PUT|DELETE|PATCH) \/[^`?]*)[^`]*`/g),
      ])
      .map((m) => m[1]);
    expect([...new Set(documented)].sort()).toEqual([...new Set(routes)].sort());
  });

  it('name every alarm of the stack, and no other (docs/operations.md: "Alarms", and the costs price 39)', () => {
    const doc = readFileSync(new URL('../../docs/operations.md', import.meta.url), 'utf8');
    const table = doc.slice(doc.indexOf('## Alarms'), doc.indexOf('## Rotating a secret'));
    const firstCells = table
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .map((line) => line.split('|')[1] ?? '');
    const documented = firstCells
      .flatMap((cell) => [...cell.matchAll(/`([<>\w]+)`/g)].map((m) => m[1] ?? ''))
      .flatMap((name) =>
        name.startsWith('<Function>')
          ? FUNCTION_ENTRIES.map((f) => name.replace('<Function>', constructIdOf(f)))
          : [name],
      );
    const inStack = Object.keys(dev.stateless.findResources('AWS::CloudWatch::Alarm')).map((id) =>
      id.replace(/[0-9A-F]{8}$/, ''),
    );
    expect(inStack.sort()).toEqual([...new Set(documented)].sort());
    expect(inStack).toHaveLength(39);
    expect(readFileSync(new URL('../../docs/operations.md', import.meta.url), 'utf8')).toContain(
      'CloudWatch alarms (39)',
    );
  });
});

describe('alarms and paging', () => {
  it('alarms on function errors and throttles, DLQ depth, API 5xx and stream iterator age, to the alarm topic', () => {
    const alarms = Object.values(dev.stateless.findResources('AWS::CloudWatch::Alarm'));
    const metrics = alarms.map((a) => a.Properties.MetricName).sort();
    expect(metrics.filter((m) => m === 'Errors')).toHaveLength(FUNCTION_ENTRIES.length);
    expect(metrics.filter((m) => m === 'Throttles')).toHaveLength(FUNCTION_ENTRIES.length);
    expect(metrics.filter((m) => m === 'ApproximateNumberOfMessagesVisible')).toHaveLength(3);
    expect(metrics).toContain('5xx');
    expect(metrics).toContain('IteratorAge');
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toHaveLength(1);
    for (const [metric, threshold] of [
      ['NotificationsParked', 1],
      ['MailConfigurationErrors', 1],
      ['Reputation.BounceRate', 0.05],
      ['Reputation.ComplaintRate', 0.001],
    ] as const) {
      dev.stateless.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: metric,
        Threshold: threshold,
      });
    }
    // A notification parked because of a defect of ours (a message that cannot be encoded) reaches a person.
    dev.stateless.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'TicketRouter',
      MetricName: 'NotificationDefects',
      Dimensions: [{ Name: 'service', Value: 'ticket-router' }],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    dev.stateful.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@certicamara.com',
    });
    dev.stateless.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    const [dashboard] = Object.values(dev.stateless.findResources('AWS::CloudWatch::Dashboard'));
    const body = JSON.stringify(dashboard?.Properties.DashboardBody);
    for (const metric of [
      'TicketsCreated',
      'Escalations',
      'MailEvents',
      'NotificationsSent',
      'AcknowledgementsWithheld',
    ])
      expect(body).toContain(metric);
  });

  it('has an encrypted p1-alerts topic the notifier may publish to', () => {
    dev.stateful.hasResourceProperties('AWS::SNS::Topic', {
      TopicName: 'p1-alerts-dev',
      KmsMasterKeyId: Match.anyValue(),
    });
    const publish = statementsOf(dev.stateless).filter((s) => actionsOf(s).includes('sns:Publish'));
    expect(publish).toHaveLength(2);
  });
});

describe('configuration', () => {
  it('fails synth naming a bad setting', () => {
    expect(() => buildApp(new App({ context: { ...CONTEXT, senderAddress: 'nadie', stage: 'qa' } }))).toThrow(
      'deployment configuration is invalid: stage: must be dev or prod; senderAddress: must be an e-mail address',
    );
  });
});

describe('cdk-nag', () => {
  it('finds nothing unacknowledged in either stage (synth succeeded above)', () => {
    expect(dev.assembly.stacks.map((s) => s.stackName).sort()).toEqual([
      'TicketRouter-dev-Stateful',
      'TicketRouter-dev-Stateless',
    ]);
    expect(prod.assembly.stacks.map((s) => s.stackName).sort()).toEqual([
      'TicketRouter-prod-Edge',
      'TicketRouter-prod-Stateful',
      'TicketRouter-prod-Stateless',
    ]);
  });

  it('fails synth when a new finding appears', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'cdk-out-'));
    outdirs.push(outdir);
    const { app } = buildApp(new App({ outdir, context: { ...CONTEXT, stage: 'dev' } }));
    const extra = new Stack(app, 'Extra');
    new Queue(extra, 'Unencrypted', { enforceSSL: false });
    expect(() => app.synth()).toThrow();
  });
});
