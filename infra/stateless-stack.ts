// What can be replaced at any time: the HTTP API, the functions, their triggers (stream, schedule, SES events, the
// SES receipt rule), the SES configuration set, alarms and the dashboard. Each part is built in its own module; this one puts them
// together and names the outputs.
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { Distribution } from 'aws-cdk-lib/aws-cloudfront';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { DeployConfig } from './config.js';
import { edgeDistribution } from './edge-distribution.js';
import { buildFunctions, type RouterFunctions } from './function-builder.js';
import { addRoutes, createHttpApi } from './http-api.js';
import { receiveRepliesRule } from './mail-receiving.js';
import { alarmsAndDashboard } from './monitoring.js';
import { readNotificationStream } from './notification-stream.js';
import type { StatefulStack } from './stateful-stack.js';
import { eventRules, mailEvents } from './triggers.js';

export interface StatelessStackProps extends StackProps {
  readonly config: DeployConfig;
  readonly stateful: StatefulStack;
  /** The edge's web ACL (us-east-1), when CloudFront fronts the API. */
  readonly webAclArn?: string;
}

export class StatelessStack extends Stack {
  readonly api: HttpApi;
  readonly distribution: Distribution | undefined;
  readonly triggerDlq: Queue;
  readonly functions: RouterFunctions;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config, stateful } = props;

    const mailConfigurationSet = mailEvents(this).configurationSetName;
    const { api, stage, domain, apiDomainName, publicBaseUrl } = createHttpApi(this, config);
    this.api = api;
    const { edge } = config;
    const distribution = edge && props.webAclArn ? edgeDistribution(this, edge, props.webAclArn) : undefined;
    this.distribution = distribution;

    this.functions = buildFunctions(this, stateful, {
      config,
      tableName: stateful.table.tableName,
      publicBaseUrl,
      mailConfigurationSet,
      pagerTopicArn: stateful.p1Alerts.topicArn,
      receivedMailBucket: stateful.receivedMail.bucketName,
    });
    addRoutes(api, this.functions);
    readNotificationStream(this.functions.notify.fn, stateful.table, stateful.streamDlq);
    this.triggerDlq = eventRules(this, config, this.functions, mailConfigurationSet);
    receiveRepliesRule(this, config, this.functions['receive-mail'].fn, stateful.receivedMail.bucketName);
    alarmsAndDashboard(this, { stateful, stage, functions: this.functions, triggerDlq: this.triggerDlq });

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
}
