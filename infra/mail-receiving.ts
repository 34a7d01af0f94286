// Receiving mail: SES's receipt rule for the stage's receiving domain writes each message to the received-mail bucket
// (stateful stack, infra/mail-bucket.ts) under INBOUND_PREFIX, then invokes receive-mail as an Event. Only one receipt
// rule set is active per account and region, and CloudFormation cannot activate one: the rule goes into the named set,
// which this stage creates only when asked (docs/deploy.md, "Receiving mail").
import { ArnFormat, RemovalPolicy, type Stack } from 'aws-cdk-lib';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { CfnPermission, IFunction } from 'aws-cdk-lib/aws-lambda';
import { CfnReceiptRule, CfnReceiptRuleSet } from 'aws-cdk-lib/aws-ses';
import type { DeployConfig } from './config.js';

/** Where the rule's S3 action writes, what receive-mail reads and what the bucket's lifecycle expires. */
export const INBOUND_PREFIX = 'inbound/';

/** One rule per stage, so two stages of one account can share the active rule set. */
export const receiptRuleName = (config: DeployConfig): string => `ticket-router-${config.stage}`;

/**
 * The rule's ARN, from names alone: the bucket policy (stateful) and the function's permission (stateless) name the
 * one rule that may write and invoke, without either stack referring to the other's resources.
 */
export function receiptRuleArn(stack: Stack, config: DeployConfig): string {
  return stack.formatArn({
    service: 'ses',
    resource: 'receipt-rule-set',
    resourceName: `${config.receiptRuleSetName}:receipt-rule/${receiptRuleName(config)}`,
    arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
  });
}

/**
 * The rule set, when this stage creates it (`receiptRuleSet=create`). Retained even in dev: it may be the account's
 * active set, which SES refuses to delete, and deleting it would stop every rule in it, other stages' too.
 */
export function receiptRuleSet(stack: Stack, config: DeployConfig): CfnReceiptRuleSet | undefined {
  if (config.receiptRuleSet !== 'create') return undefined;
  const ruleSet = new CfnReceiptRuleSet(stack, 'ReceiptRuleSet', { ruleSetName: config.receiptRuleSetName });
  ruleSet.applyRemovalPolicy(RemovalPolicy.RETAIN);
  return ruleSet;
}

/**
 * The stage's receipt rule, mail to any address of its receiving domain: TLS required, SES's spam and virus scan on
 * (their verdicts reach the function), then the raw message to S3 and the function invoked asynchronously (SES does
 * not wait for it; failed invocations go to the function's on-failure destination). SES may invoke the function only
 * for this rule of this account.
 */
export function receiveRepliesRule(
  stack: Stack,
  config: DeployConfig,
  receiver: IFunction,
  bucketName: string,
): CfnReceiptRule {
  const permissionId = 'InvokedBySesReceiptRule';
  receiver.addPermission(permissionId, {
    principal: new ServicePrincipal('ses.amazonaws.com'),
    action: 'lambda:InvokeFunction',
    sourceAccount: stack.account,
    sourceArn: receiptRuleArn(stack, config),
  });
  const rule = new CfnReceiptRule(stack, 'ReceiveReplies', {
    ruleSetName: config.receiptRuleSetName,
    rule: {
      name: receiptRuleName(config),
      enabled: true,
      recipients: [config.receivingDomain],
      scanEnabled: true,
      tlsPolicy: 'Require',
      actions: [
        { s3Action: { bucketName, objectKeyPrefix: INBOUND_PREFIX } },
        { lambdaAction: { functionArn: receiver.functionArn, invocationType: 'Event' } },
      ],
    },
  });
  // SES checks that it may invoke the function when the rule is created.
  rule.node.addDependency(receiver.permissionsNode.findChild(permissionId) as CfnPermission);
  return rule;
}
