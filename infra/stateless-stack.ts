// What can be replaced at any time: the HTTP API, the functions, their triggers (stream, schedule, SES events),
// the SES configuration set, alarms and the dashboard.
import { CfnOutput, Duration, Fn, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  DomainName,
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { EventBus, Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ConfigurationSet, EmailSendingEvent, EventDestination } from 'aws-cdk-lib/aws-ses';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { TABLE } from '../functions/adapters/table.js';
import { METRIC, METRICS_NAMESPACE, METRICS_SERVICE } from '../functions/metric-names.js';
import { CORS, ROUTES, type RouteHandlerName } from '../functions/routes.js';
import type { DeployConfig } from './config.js';
import { type FunctionName, PROJECT_ROOT } from './constructs/bundling.js';
import { RouterFunction } from './constructs/router-function.js';
import type { StatefulStack } from './stateful-stack.js';

/**
 * The API's access log line: HTTP API `$context` variables only (API Gateway refuses a format with REST API
 * variables such as `$context.resourcePath`, so the stage would fail to deploy).
 */
export const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationStatus: '$context.integrationStatus',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  error: '$context.error.message',
  sourceIp: '$context.identity.sourceIp',
} as const;

export interface StatelessStackProps extends StackProps {
  readonly config: DeployConfig;
  readonly stateful: StatefulStack;
  /** The edge's web ACL (us-east-1), when CloudFront fronts the API. */
  readonly webAclArn?: string;
}

type TableAccess = 'read' | 'write' | 'batch';

export class StatelessStack extends Stack {
  readonly api: HttpApi;
  readonly distribution: Distribution | undefined;
  readonly triggerDlq: Queue;
  readonly functions: Readonly<Record<FunctionName, RouterFunction>>;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config, stateful } = props;
    const { table } = stateful;

    // SES: a configuration set whose bounces and complaints go to EventBridge, then to the ses-events function.
    const mailEvents = new ConfigurationSet(this, 'MailEvents', { reputationMetrics: true });
    mailEvents.addEventDestination('BouncesAndComplaints', {
      destination: EventDestination.eventBus(EventBus.fromEventBusName(this, 'DefaultBus', 'default')),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });

    // The HTTP API, its stage (throttling, JSON access logs) and its optional custom domain.
    const { edge } = config;
    this.api = new HttpApi(this, 'Api', {
      description: `Certicámara ticket router (${config.stage})`,
      createDefaultStage: false,
      // With the edge, only the custom domain CloudFront calls serves the API: the WAF cannot be bypassed through
      // the default execute-api endpoint.
      disableExecuteApiEndpoint: edge !== undefined,
      corsPreflight: {
        allowOrigins: config.allowedOrigins,
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.OPTIONS],
        allowHeaders: [...CORS.allowHeaders],
        exposeHeaders: [...CORS.exposeHeaders],
        maxAge: Duration.seconds(CORS.maxAgeSeconds),
      },
    });
    // The source IP is personal data: access logs are kept a month (a week in dev), for abuse and incident
    // investigation only, and never joined with ticket data (they carry no radicado and no body).
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', {
      retention: config.stage === 'prod' ? RetentionDays.ONE_MONTH : RetentionDays.ONE_WEEK,
      removalPolicy: config.stage === 'prod' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    // The API's own domain: the public one without the edge, CloudFront's origin with it.
    const apiDomainName = edge ? edge.originDomainName : config.customDomainName;
    const domain =
      apiDomainName && config.certificateArn
        ? new DomainName(this, 'Domain', {
            domainName: apiDomainName,
            certificate: Certificate.fromCertificateArn(this, 'Certificate', config.certificateArn),
          })
        : undefined;
    const stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: config.throttleRate, burstLimit: config.throttleBurst },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
      ...(domain ? { domainMapping: { domainName: domain } } : {}),
    });
    const publicBaseUrl = config.customDomainName
      ? `https://${config.customDomainName}`
      : this.api.apiEndpoint;
    const distribution = edge && props.webAclArn ? this.edgeDistribution(edge, props.webAclArn) : undefined;
    this.distribution = distribution;

    const base = { TABLE_NAME: table.tableName };
    const withSecret = {
      ...base,
      TOKEN_SECRET_ARN: stateful.tokenSecret.secretArn,
      PUBLIC_BASE_URL: publicBaseUrl,
    };
    const withActionLinks = { ...base, ACTION_LINK_SECRET_ARN: stateful.actionLinkSecret.secretArn };
    const policy = { PRIVACY_POLICY_VERSION: config.privacyPolicyVersion };
    const delivery = {
      ...withSecret,
      ...policy,
      ACTION_LINK_SECRET_ARN: stateful.actionLinkSecret.secretArn,
      ACTION_LINK_TTL_HOURS: String(config.actionLinkTtlHours),
      MAIL_FROM: config.senderAddress,
      SES_CONFIGURATION_SET: mailEvents.configurationSetName,
      PAGER_TOPIC_ARN: stateful.p1Alerts.topicArn,
      ACK_LIMIT_PER_HOUR: String(config.ackLimitPerHour),
    };
    const make = (name: FunctionName, description: string, environment: Record<string, string>, extra = {}) =>
      new RouterFunction(this, pascal(name), {
        name,
        description,
        stage: config.stage,
        environment,
        ...extra,
      });
    this.functions = {
      'create-request': make('create-request', 'POST /requests: validate, route and record a request', {
        ...withSecret,
        ...policy,
        FORM_TOKEN_SECRET_ARN: stateful.formTokenSecret.secretArn,
      }),
      'get-request': make(
        'get-request',
        'GET /requests/{id}: a ticket for the holder of its token',
        withSecret,
      ),
      'preview-routing': make('preview-routing', 'GET /routing: preview the routing decision', {}),
      'lookup-requests': make('lookup-requests', 'POST /requests/lookup: mail lost status links', base),
      'escalate-request': make(
        'escalate-request',
        'POST /requests/{id}/escalate: the requester escalates a late ticket',
        { TABLE_NAME: table.tableName, TOKEN_SECRET_ARN: stateful.tokenSecret.secretArn },
      ),
      'staff-actions': make(
        'staff-actions',
        'GET/POST /actions: acknowledge or resolve from a staff e-mail link',
        withActionLinks,
      ),
      sweep: make('sweep', 'Every minute: escalate overdue tickets, remind PQRSA terms', base, {
        timeout: Duration.seconds(50),
        asyncFailures: stateful.asyncDlq,
      }),
      web: make(
        'web',
        'GET /, /status, /assets, /form-token: the web form, the status page and form tokens',
        { FORM_TOKEN_SECRET_ARN: stateful.formTokenSecret.secretArn, ...config.privacy },
        {
          // The built pages travel beside the bundle, in web/.
          afterBundling: (_input: string, output: string) => [
            `node --import tsx ${PROJECT_ROOT}scripts/web-build.ts ${output}/web`,
          ],
        },
      ),
      notify: make('notify', 'Table stream: send the notifications recorded with tickets', delivery, {
        timeout: Duration.seconds(30),
      }),
      redrive: make('redrive', 'Every minute: retry notifications whose next attempt is due', delivery, {
        timeout: Duration.seconds(60),
        asyncFailures: stateful.asyncDlq,
      }),
      'ses-events': make('ses-events', 'SES bounces and complaints into the ticket history', base, {
        asyncFailures: stateful.asyncDlq,
      }),
    };
    const fn = (name: FunctionName) => this.functions[name].fn;

    // Least privilege: each function gets the table actions its code uses, on the table (and index) it uses.
    grantTable(fn('create-request'), table.tableArn, ['read', 'write']);
    grantTable(fn('get-request'), table.tableArn, ['read']);
    // The redrive queries byRetry (retries due) and byDueTime (open tickets, for first attempts the stream missed).
    grantTable(
      fn('redrive'),
      table.tableArn,
      ['read', 'write', 'batch'],
      TABLE.byRetry.name,
      TABLE.byDueTime.name,
    );
    grantTable(fn('ses-events'), table.tableArn, ['read', 'write']);
    grantTable(fn('lookup-requests'), table.tableArn, ['write']);
    grantTable(fn('escalate-request'), table.tableArn, ['read', 'write']);
    grantTable(fn('staff-actions'), table.tableArn, ['read', 'write']);
    // The sweeper queries only the byDueTime index (overdue tickets) and reads the tickets it names by key.
    grantTable(fn('sweep'), table.tableArn, ['write', 'batch'], TABLE.byDueTime.name);
    // The notifier also answers lost-link lookups: a requester's open tickets come from the byDueTime index.
    grantTable(fn('notify'), table.tableArn, ['read', 'write', 'batch'], TABLE.byDueTime.name);
    for (const name of ['create-request', 'get-request', 'escalate-request', 'notify', 'redrive'] as const) {
      stateful.tokenSecret.grantRead(fn(name));
    }
    for (const name of ['create-request', 'web'] as const) stateful.formTokenSecret.grantRead(fn(name));
    for (const name of ['staff-actions', 'notify', 'redrive'] as const) {
      stateful.actionLinkSecret.grantRead(fn(name));
    }
    for (const name of ['notify', 'redrive'] as const) {
      fn(name).addToRolePolicy(
        new PolicyStatement({ actions: ['sns:Publish'], resources: [stateful.p1Alerts.topicArn] }),
      );
      // Publishing to a topic encrypted with a customer key needs these two on that key, and only those.
      fn(name).addToRolePolicy(
        new PolicyStatement({
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [stateful.topicKey.keyArn],
        }),
      );
      fn(name).addToRolePolicy(
        new PolicyStatement({
          sid: 'SendOnlyAsTheConfiguredIdentity',
          effect: Effect.ALLOW,
          actions: ['ses:SendEmail'],
          resources: [
            this.formatArn({ service: 'ses', resource: 'identity', resourceName: config.sesIdentityName }),
            this.formatArn({
              service: 'ses',
              resource: 'configuration-set',
              resourceName: mailEvents.configurationSetName,
            }),
          ],
          conditions: { StringEquals: { 'ses:FromAddress': config.senderAddress } },
        }),
      );
    }

    // Routes: one integration per function, from the route list the local twin uses too.
    const integrations = new Map<RouteHandlerName, HttpLambdaIntegration>();
    for (const route of ROUTES) {
      let integration = integrations.get(route.handler);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${pascal(route.handler)}Integration`, fn(route.handler));
        integrations.set(route.handler, integration);
      }
      this.api.addRoutes({ path: route.path, methods: [HttpMethod[route.method]], integration });
    }

    // The notifier reads tickets' outboxes from the stream: partial batch failures, bisect, bounded retries, DLQ.
    fn('notify').addEventSource(
      new DynamoEventSource(table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 25,
        maxBatchingWindow: Duration.seconds(1),
        bisectBatchOnError: true,
        retryAttempts: 5,
        // Kept under DELIVERY.untriedGraceMs: after this, the redrive's rescue owns the record's first attempts.
        maxRecordAge: Duration.hours(1),
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(stateful.streamDlq),
        filters: [
          // Tickets, new or changed (a transition may add notifications to the outbox).
          FilterCriteria.filter({
            eventName: FilterRule.or('INSERT', 'MODIFY'),
            dynamodb: { NewImage: { entity: { S: FilterRule.isEqual('ticket') } } },
          }),
          FilterCriteria.filter({
            eventName: FilterRule.isEqual('INSERT'),
            dynamodb: { NewImage: { sk: { S: FilterRule.isEqual('LOOKUP') } } },
          }),
        ],
      }),
    );
    // EventBridge keeps events it could not deliver to a function here (it lives beside the rules that use it:
    // its queue policy names them).
    const triggerDlq = new Queue(this, 'TriggerDlq', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: config.stage === 'prod' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.triggerDlq = triggerDlq;
    new Rule(this, 'RedriveEveryMinute', {
      description: 'Retries notifications whose next attempt is due',
      schedule: Schedule.rate(Duration.minutes(1)),
      targets: [
        new LambdaFunction(fn('redrive'), {
          retryAttempts: 2,
          maxEventAge: Duration.minutes(5),
          deadLetterQueue: triggerDlq,
        }),
      ],
    });
    new Rule(this, 'SweepEveryMinute', {
      description: 'The SLA sweeper: escalates overdue tickets and reminds PQRSA legal terms',
      schedule: Schedule.rate(Duration.minutes(1)),
      targets: [
        new LambdaFunction(fn('sweep'), {
          // A missed minute is caught by the next sweep; stale events would only pile up.
          retryAttempts: 1,
          maxEventAge: Duration.minutes(2),
          deadLetterQueue: triggerDlq,
        }),
      ],
    });
    new Rule(this, 'SesBouncesAndComplaints', {
      description: 'Bounces and complaints of the router configuration set',
      eventPattern: {
        source: ['aws.ses'],
        detailType: ['Email Bounced', 'Email Complaint Received'],
        detail: { mail: { tags: { 'ses:configuration-set': [mailEvents.configurationSetName] } } },
      },
      targets: [
        new LambdaFunction(fn('ses-events'), {
          retryAttempts: 4,
          maxEventAge: Duration.hours(2),
          deadLetterQueue: triggerDlq,
        }),
      ],
    });

    this.alarmsAndDashboard(stateful, stage);

    new CfnOutput(this, 'ApiUrl', { value: publicBaseUrl, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'FormUrl', {
      value: `${publicBaseUrl}/`,
      description: 'The web form requesters use',
    });
    if (domain) {
      new CfnOutput(this, 'CustomDomainTarget', {
        value: domain.regionalDomainName,
        description: `Point a CNAME (or alias) for ${apiDomainName} here`,
      });
    }
    if (distribution) {
      new CfnOutput(this, 'EdgeDomainTarget', {
        value: distribution.distributionDomainName,
        description: `Point a CNAME (or alias) for ${config.customDomainName} here (CloudFront)`,
      });
    }
  }

  /**
   * CloudFront in front of the API, with the edge's web ACL: nothing cached (every answer is per request), every
   * method and viewer header but Host passed on, TLS 1.2 and up, and the API's own domain as the origin.
   */
  private edgeDistribution(edge: NonNullable<DeployConfig['edge']>, webAclArn: string): Distribution {
    return new Distribution(this, 'Edge', {
      comment: 'Certicámara ticket router: the public entry (AWS WAF in front of the API)',
      domainNames: [edge.domainName],
      certificate: Certificate.fromCertificateArn(this, 'EdgeCertificate', edge.certificateArn),
      minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_ALL,
      webAclId: webAclArn,
      defaultBehavior: {
        origin: new HttpOrigin(edge.originDomainName, {
          protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
          originSslProtocols: [OriginSslPolicy.TLS_V1_2],
        }),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      },
    });
  }

  private alarmsAndDashboard(stateful: StatefulStack, stage: HttpStage): void {
    const action = new SnsAction(stateful.alarmTopic);
    const alarm = (id: string, metric: IMetric, threshold: number, description: string) => {
      const created = new Alarm(this, id, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      created.addAlarmAction(action);
      created.addOkAction(action);
      return created;
    };
    const period = Duration.minutes(5);
    for (const [name, routerFunction] of Object.entries(this.functions)) {
      const f = routerFunction.fn;
      alarm(`${pascal(name)}Errors`, f.metricErrors({ period }), 1, `${name}: invocations failed`);
      alarm(`${pascal(name)}Throttles`, f.metricThrottles({ period }), 1, `${name}: invocations throttled`);
    }
    const visible = (queue: Queue) =>
      queue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' });
    alarm('StreamDlqDepth', visible(stateful.streamDlq), 1, 'Stream records the notifier gave up on');
    alarm(
      'AsyncDlqDepth',
      visible(stateful.asyncDlq),
      1,
      'Scheduled or SES-event invocations that kept failing',
    );
    alarm(
      'TriggerDlqDepth',
      visible(this.triggerDlq),
      1,
      'Events EventBridge could not deliver to a function',
    );
    alarm('Api5xx', stage.metricServerError({ period, statistic: 'Sum' }), 1, 'The API answered 5xx');
    // Our own counts (Powertools Metrics, functions/metrics.ts): a defect parks a mail at once, and needs a person.
    const own = (metricName: string) =>
      new Metric({
        namespace: METRICS_NAMESPACE,
        metricName,
        dimensionsMap: { service: METRICS_SERVICE },
        period,
        statistic: 'Sum',
      });
    // Every series of a metric with per-value dimensions (product, level…), as CloudWatch's SEARCH finds them.
    const search = (metricName: string, dimensions: readonly string[]) =>
      new MathExpression({
        expression: `SEARCH('{${METRICS_NAMESPACE},${dimensions.join(',')}} MetricName="${metricName}"', 'Sum', 300)`,
        label: metricName,
        period,
        usingMetrics: {},
      });
    alarm(
      'NotificationDefects',
      own(METRIC.notificationDefect),
      1,
      'A notification could not be built or encoded and was parked: a defect to fix, not an outage',
    );
    alarm(
      'NotificationsParked',
      own(METRIC.notificationParked),
      1,
      'A notification was parked (SES refused its recipient, or it failed about a day): see the ticket history',
    );
    alarm(
      'MailConfigurationErrors',
      own(METRIC.mailConfiguration),
      1,
      'SES refuses because of the setup (identity not verified, sandbox, sending paused): mail waits until fixed',
    );
    // The account's reputation, which SES reviews at 5 % bounces or 0.1 % complaints (and may pause sending).
    const reputation = (metricName: string) =>
      new Metric({ namespace: 'AWS/SES', metricName, period: Duration.hours(1), statistic: 'Maximum' });
    alarm('SesBounceRate', reputation('Reputation.BounceRate'), 0.05, 'SES bounce rate at 5 % or more');
    alarm(
      'SesComplaintRate',
      reputation('Reputation.ComplaintRate'),
      0.001,
      'SES complaint rate at 0.1 % or more',
    );
    const iteratorAge = this.functions.notify.fn.metric('IteratorAge', { period, statistic: 'Maximum' });
    alarm('StreamIteratorAge', iteratorAge, 60_000, 'Notifications are more than a minute behind the table');
    // A sweeper that stops running escalates nothing, silently: alarm when it has not run for 5 minutes.
    new Alarm(this, 'SweepNotRunning', {
      metric: this.functions.sweep.fn.metricInvocations({ period, statistic: 'Sum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.BREACHING,
      alarmDescription: 'sweep: the SLA sweeper did not run in the last 5 minutes',
    }).addAlarmAction(action);

    new Dashboard(this, 'Dashboard', {
      dashboardName: `ticket-router-${Stack.of(this).stackName}`.slice(0, 255),
      widgets: [
        [
          new GraphWidget({
            title: 'API requests, 4xx, 5xx',
            left: [
              stage.metricCount({ period }),
              stage.metricClientError({ period }),
              stage.metricServerError({ period }),
            ],
          }),
          new GraphWidget({
            title: 'API latency (p90)',
            left: [stage.metricLatency({ period, statistic: 'p90' })],
          }),
        ],
        [
          new GraphWidget({
            title: 'Function errors',
            left: Object.values(this.functions).map((f) => f.fn.metricErrors({ period })),
          }),
          new GraphWidget({
            title: 'Function duration (p90)',
            left: Object.values(this.functions).map((f) => f.fn.metricDuration({ period, statistic: 'p90' })),
          }),
        ],
        [
          new GraphWidget({ title: 'Notifier iterator age', left: [iteratorAge] }),
          new GraphWidget({
            title: 'Dead-letter queues',
            left: [visible(stateful.streamDlq), visible(stateful.asyncDlq), visible(this.triggerDlq)],
          }),
        ],
        [
          new GraphWidget({
            title: 'Notifications',
            left: [
              own(METRIC.notificationSent),
              own(METRIC.notificationRetry),
              own(METRIC.notificationParked),
              own(METRIC.notificationDefect),
              own(METRIC.mailConfiguration),
              own(METRIC.ackWithheld),
            ],
          }),
          new GraphWidget({
            title: 'Requests answered 503 (dependency unavailable)',
            left: [own(METRIC.unavailable)],
          }),
        ],
        [
          new GraphWidget({
            title: 'Tickets by product, queue and destination',
            left: [search(METRIC.ticketCreated, ['destination', 'product', 'queue', 'service'])],
          }),
          new GraphWidget({
            title: 'Escalations by level; SES bounces and complaints',
            left: [
              search(METRIC.escalated, ['level', 'service']),
              search(METRIC.mailEvent, ['service', 'type']),
            ],
          }),
        ],
      ],
    });
  }
}

const TABLE_ACTIONS: Readonly<Record<TableAccess, readonly string[]>> = {
  read: ['dynamodb:GetItem', 'dynamodb:Query'],
  write: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'],
  // The tickets a keys-only index points at are read by key, a hundred at a time.
  batch: ['dynamodb:BatchGetItem'],
};

/** Grants the named kinds of access to the table only (never `index/*`), plus Query on the named indexes. */
function grantTable(
  fn: NodejsFunction,
  tableArn: string,
  access: readonly TableAccess[],
  ...indexes: string[]
): void {
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: access.flatMap((a) => TABLE_ACTIONS[a]),
      resources: [tableArn],
    }),
  );
  for (const index of indexes) {
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: [Fn.join('/', [tableArn, 'index', index])],
      }),
    );
  }
}

function pascal(name: string): string {
  return name.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase());
}
