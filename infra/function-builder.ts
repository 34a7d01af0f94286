// Builds the functions of infra/functions.ts: each one's environment from its settings, and its role's permissions
// from its settings (secrets) and grants, nothing more (least privilege).
import { Fn, type Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { ATTACHMENTS_PREFIX } from '../domain/attachments.js';
import type { SecretName } from '../functions/secrets.js';
import type { FunctionName } from './constructs/bundling.js';
import { RouterFunction } from './constructs/router-function.js';
import {
  type AttachmentAccess,
  constructIdOf,
  type DeployedValues,
  environmentOf,
  FUNCTIONS,
  type FunctionSpec,
  invokedAsynchronously,
  isSecret,
  type TableAccess,
} from './functions.js';
import { INBOUND_PREFIX } from './mail-receiving.js';
import type { StatefulStack } from './stateful-stack.js';

export type RouterFunctions = Readonly<Record<FunctionName, RouterFunction>>;

/** Every function of the table, in its order, with its environment and permissions. */
export function buildFunctions(
  stack: Stack,
  stateful: StatefulStack,
  deployed: DeployedValues,
): RouterFunctions {
  const secrets: Readonly<Record<SecretName, ISecret>> = {
    TOKEN_SECRET: stateful.tokenSecret,
    ACTION_LINK_SECRET: stateful.actionLinkSecret,
    FORM_TOKEN_SECRET: stateful.formTokenSecret,
    REQUESTER_HASH_SECRET: stateful.requesterHashSecret,
  };
  const built = Object.entries(FUNCTIONS).map(([name, spec]) => {
    const routerFunction = new RouterFunction(stack, constructIdOf(name), {
      name: name as FunctionName,
      description: spec.description,
      stage: deployed.config.stage,
      environment: environmentOf(spec, deployed, (secret) => secrets[secret].secretArn),
      timeout: spec.timeout,
      memorySize: spec.memorySize,
      asyncFailures: invokedAsynchronously(spec) ? stateful.asyncDlq : undefined,
      afterBundling: spec.afterBundling,
    });
    grant(stack, routerFunction.fn, spec, { stateful, secrets, deployed });
    return [name, routerFunction] as const;
  });
  return Object.fromEntries(built) as Record<FunctionName, RouterFunction>;
}

interface Grantable {
  readonly stateful: StatefulStack;
  readonly secrets: Readonly<Record<SecretName, ISecret>>;
  readonly deployed: DeployedValues;
}

/** The permissions a function's spec asks for, in a fixed order (table, secrets, paging, mail, received mail). */
function grant(stack: Stack, fn: NodejsFunction, spec: FunctionSpec, on: Grantable): void {
  const { stateful, deployed } = on;
  if (spec.table) grantTable(fn, stateful.table.tableArn, spec.table.access, spec.table.indexes ?? []);
  for (const name of spec.settings) if (isSecret(name)) on.secrets[name].grantRead(fn);
  if (spec.pages) {
    fn.addToRolePolicy(
      new PolicyStatement({ actions: ['sns:Publish'], resources: [stateful.p1Alerts.topicArn] }),
    );
    // Publishing to a topic encrypted with a customer key needs these two on that key, and only those.
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [stateful.topicKey.keyArn],
      }),
    );
  }
  if (spec.sendsMail) {
    const { sesIdentityName, senderAddress } = deployed.config;
    fn.addToRolePolicy(
      new PolicyStatement({
        sid: 'SendOnlyAsTheConfiguredIdentity',
        actions: ['ses:SendEmail'],
        resources: [
          stack.formatArn({ service: 'ses', resource: 'identity', resourceName: sesIdentityName }),
          stack.formatArn({
            service: 'ses',
            resource: 'configuration-set',
            resourceName: deployed.mailConfigurationSet,
          }),
        ],
        conditions: { StringEquals: { 'ses:FromAddress': senderAddress } },
      }),
    );
  }
  if (spec.readsReceivedMail) {
    // The raw messages only: read one, and delete it once processed; no listing, no writing, nothing outside the
    // prefix (the attachments have their own grants).
    fn.addToRolePolicy(
      new PolicyStatement({
        sid: 'ReadReceivedMailOnly',
        actions: ['s3:GetObject', 's3:DeleteObject'],
        resources: [stateful.receivedMail.arnForObjects(`${INBOUND_PREFIX}*`)],
      }),
    );
  }
  if (spec.attachments) grantAttachments(fn, stateful, spec.attachments);
}

const ATTACHMENT_ACTIONS: Readonly<Record<AttachmentAccess, readonly string[]>> = {
  'sign-uploads': ['s3:PutObject'],
  serve: ['s3:GetObject', 's3:GetObjectTagging'],
  store: ['s3:PutObject'],
  erase: ['s3:DeleteObject'],
};

/** The named actions on the attachments/ objects only; erasing lists that prefix (and nothing else) of the bucket. */
function grantAttachments(
  fn: NodejsFunction,
  stateful: StatefulStack,
  access: readonly AttachmentAccess[],
): void {
  const bucket = stateful.receivedMail;
  fn.addToRolePolicy(
    new PolicyStatement({
      sid: 'AttachmentsOnly',
      actions: [...new Set(access.flatMap((a) => ATTACHMENT_ACTIONS[a]))],
      resources: [bucket.arnForObjects(`${ATTACHMENTS_PREFIX}*`)],
    }),
  );
  if (access.includes('erase')) {
    fn.addToRolePolicy(
      new PolicyStatement({
        sid: 'ListAttachmentsOnly',
        actions: ['s3:ListBucket'],
        resources: [bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': `${ATTACHMENTS_PREFIX}*` } },
      }),
    );
  }
}

const TABLE_ACTIONS: Readonly<Record<TableAccess, readonly string[]>> = {
  read: ['dynamodb:GetItem', 'dynamodb:Query'],
  write: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'],
  // The tickets a keys-only index points at are read by key, a hundred at a time.
  batch: ['dynamodb:BatchGetItem'],
};

/** The named kinds of access on the table only (never `index/*`), plus Query on each named index. */
function grantTable(
  fn: NodejsFunction,
  tableArn: string,
  access: readonly TableAccess[],
  indexes: readonly string[],
): void {
  fn.addToRolePolicy(
    new PolicyStatement({ actions: access.flatMap((a) => TABLE_ACTIONS[a]), resources: [tableArn] }),
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
