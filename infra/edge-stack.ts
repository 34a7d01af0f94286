// The edge's web ACL (AWS WAF, CLOUDFRONT scope, so it lives in us-east-1): rate-based rules per client IP on POST
// routes answering a custom 429 (the public POSTs, and staff's ticket actions apart), and AWS's managed common and
// known-bad-inputs rule sets. The stateless stack puts it on the CloudFront distribution in front of the API (a
// cross-region reference).
import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnLoggingConfiguration, CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import { RATE_LIMITED_BODY } from '../functions/http/rate-limited.js';
import { STAFF_ACTIONS_PATH } from '../functions/routes.js';
import type { DeployConfig } from './config.js';

export interface EdgeStackProps extends StackProps {
  readonly config: DeployConfig;
}

/** Rules of AWS's common set that only count here (see below). */
export const COUNTED_COMMON_RULES = [
  'SizeRestrictions_BODY',
  'CrossSiteScripting_BODY',
  'NoUserAgent_HEADER',
  'GenericRFI_BODY',
  'GenericLFI_BODY',
  'EC2MetaDataSSRF_BODY',
] as const;

const visibility = (metricName: string) => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  sampledRequestsEnabled: true,
});

/** Requests whose path is under the staff console's ticket actions. */
const staffActions: CfnWebACL.StatementProperty = {
  byteMatchStatement: {
    fieldToMatch: { uriPath: {} },
    positionalConstraint: 'STARTS_WITH',
    searchString: STAFF_ACTIONS_PATH,
    textTransformations: [{ priority: 0, type: 'NONE' }],
  },
};

/** At most `limit` POSTs matching `scope` per client IP in 5 minutes; past it the edge's 429 with Retry-After. */
function postsPerClientIp(
  name: string,
  priority: number,
  limit: number,
  scope: CfnWebACL.StatementProperty,
): CfnWebACL.RuleProperty {
  const posts: CfnWebACL.StatementProperty = {
    byteMatchStatement: {
      fieldToMatch: { method: {} },
      positionalConstraint: 'EXACTLY',
      searchString: 'POST',
      textTransformations: [{ priority: 0, type: 'NONE' }],
    },
  };
  return {
    name,
    priority,
    action: {
      block: {
        customResponse: {
          responseCode: 429,
          customResponseBodyKey: 'rate_limited',
          responseHeaders: [{ name: 'retry-after', value: '300' }],
        },
      },
    },
    statement: {
      rateBasedStatement: {
        limit,
        evaluationWindowSec: 300,
        aggregateKeyType: 'IP',
        scopeDownStatement: { andStatement: { statements: [posts, scope] } },
      },
    },
    visibilityConfig: visibility(name),
  };
}

export class EdgeStack extends Stack {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: `ticket-router-${config.stage}`,
      description: 'Certicámara ticket router: per-IP rate limit on submissions, AWS managed protections',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(`ticket-router-${config.stage}`),
      customResponseBodies: {
        rate_limited: { contentType: 'APPLICATION_JSON', content: RATE_LIMITED_BODY },
      },
      rules: [
        // The same limits the local twin applies (RATE_LIMIT_PER_5MIN, STAFF_RATE_LIMIT_PER_5MIN): POSTs per client IP
        // per 5 minutes, staff's ticket actions (functions/routes.ts, STAFF_ACTIONS_PATH) counted apart from the rest.
        postsPerClientIp('PostsPerClientIp', 0, config.rateLimitPer5Min, {
          notStatement: { statement: staffActions },
        }),
        postsPerClientIp('StaffActionsPerClientIp', 1, config.staffRateLimitPer5Min, staffActions),
        {
          name: 'AwsCommonRules',
          priority: 2,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: {
              vendorName: 'AWS',
              name: 'AWSManagedRulesCommonRuleSet',
              // Count, don't block: the API takes bodies up to 64 KB (above the rule's 8 KB) and escapes markup itself;
              // integrations such as .NET's HttpClient send no User-Agent; descriptions of real problems hold paths
              // ("../") and URLs with IP addresses. Review their sampled requests before blocking any of them.
              ruleActionOverrides: COUNTED_COMMON_RULES.map((name) => ({ name, actionToUse: { count: {} } })),
            },
          },
          visibilityConfig: visibility('AwsCommonRules'),
        },
        {
          name: 'AwsKnownBadInputs',
          priority: 3,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesKnownBadInputsRuleSet' },
          },
          visibilityConfig: visibility('AwsKnownBadInputs'),
        },
      ],
    });

    // Behind CloudFront the API sees CloudFront's address, so the client IP of each request is kept here: a month,
    // for abuse investigation only, with the API key, authorization, cookies and query strings (status-link tokens)
    // redacted. WAF logs hold no bodies.
    const logs = new LogGroup(this, 'WebAclLogs', {
      logGroupName: `aws-waf-logs-ticket-router-${config.stage}`,
      retention: config.stage === 'prod' ? RetentionDays.ONE_MONTH : RetentionDays.ONE_WEEK,
      removalPolicy: config.stage === 'prod' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    new CfnLoggingConfiguration(this, 'WebAclLogging', {
      resourceArn: this.webAcl.attrArn,
      logDestinationConfigs: [logs.logGroupArn],
      redactedFields: [
        { singleHeader: { Name: 'x-api-key' } },
        { singleHeader: { Name: 'authorization' } },
        { singleHeader: { Name: 'cookie' } },
        { queryString: {} },
      ],
    });
  }
}
