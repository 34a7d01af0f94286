// The received-mail bucket (stateful): the raw messages SES's receipt rule writes under inbound/ and the tickets' files
// under attachments/ (the requester's uploads, through presigned POSTs from the browser, and received mail's), never
// public, TLS only, encrypted, expired with the retention of the ticket data, and optionally scanned for malware by
// GuardDuty.
import { Duration, RemovalPolicy, type Stack } from 'aws-cdk-lib';
import { CfnMalwareProtectionPlan } from 'aws-cdk-lib/aws-guardduty';
import { PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CorsRule,
  HttpMethods,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { ATTACHMENTS_PREFIX } from '../domain/attachments.js';
import type { DeployConfig } from './config.js';
import { INBOUND_PREFIX, receiptRuleArn } from './mail-receiving.js';

/** Days a raw message left behind (its processing failed) stays before the bucket expires it. */
export const RAW_MAIL_BACKSTOP_DAYS = 30;

/**
 * S3-managed encryption (SSE-S3), not KMS: SES's S3 action encrypts with a KMS key only client-side (the S3 encryption
 * client, which the JavaScript SDK v3 cannot decrypt), while a KMS bucket default would add a key policy for SES, kms
 * grants for every reader and a KMS request per object for no access control the bucket policy and roles do not give
 * already (the table is under an AWS-managed key for the same reason). Unversioned: SES writes each message once
 * under its own id and nothing overwrites it, and an erasure on request (Ley 1581) or the retention expiry must
 * remove a message, not leave it behind as a noncurrent version.
 */
export function receivedMailBucket(stack: Stack, config: DeployConfig): Bucket {
  const bucket = new Bucket(stack, 'ReceivedMail', {
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    encryption: BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    versioned: false,
    // Prod keeps its mail through a stack deletion; a dev bucket must be emptied before it can be deleted.
    removalPolicy: config.stage === 'prod' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    lifecycleRules: [
      {
        id: 'ExpireReceivedMail',
        prefix: INBOUND_PREFIX,
        // receive-mail deletes a raw message once it is processed (what the ticket needs of it is recorded on the
        // ticket); this removes what a failed processing left (its event's retries and dead-letter queue end within
        // 14 days) or a failed deletion. Personal data of strangers is not kept longer than that.
        expiration: Duration.days(RAW_MAIL_BACKSTOP_DAYS),
        abortIncompleteMultipartUploadAfter: Duration.days(1),
      },
      {
        id: 'ExpireAttachments',
        prefix: ATTACHMENTS_PREFIX,
        // A ticket's files are deleted with its personal data (the erasure); this is the same bound as a backstop.
        expiration: Duration.days(config.retentionYears * 365),
      },
    ],
    cors: [uploadCors(stack, config)],
  });
  // SES writes received messages under the prefix, for this account's rule only; nothing else may write.
  bucket.addToResourcePolicy(
    new PolicyStatement({
      sid: 'SesReceiptRuleWritesReceivedMail',
      principals: [new ServicePrincipal('ses.amazonaws.com')],
      actions: ['s3:PutObject'],
      resources: [bucket.arnForObjects(`${INBOUND_PREFIX}*`)],
      conditions: {
        StringEquals: { 'aws:SourceAccount': stack.account, 'aws:SourceArn': receiptRuleArn(stack, config) },
      },
    }),
  );
  if (config.malwareScanning) malwareProtection(stack, bucket);
  return bucket;
}

/**
 * Browsers post the requester's files straight to the bucket (presigned POSTs) from the web form: the configured
 * origins and the API's own (its custom domain, or any execute-api host of the region when it has none, since that
 * host is known only after this stack). CORS lets the page read the answer; what may be written is the signed
 * policy's (key, type, size, ten minutes), not the origin's.
 */
function uploadCors(stack: Stack, config: DeployConfig): CorsRule {
  const own = config.customDomainName
    ? [`https://${config.customDomainName}`]
    : [`https://*.execute-api.${stack.region}.amazonaws.com`];
  return {
    allowedMethods: [HttpMethods.POST],
    allowedOrigins: [...new Set([...config.allowedOrigins, ...own])],
    allowedHeaders: ['*'],
    maxAge: 600,
  };
}

const GUARDDUTY_PLAN = 'malware-protection-plan.guardduty.amazonaws.com';

/**
 * GuardDuty Malware Protection for S3 on the whole bucket: every new object is scanned and tagged
 * `GuardDutyMalwareScanStatus` (NO_THREATS_FOUND, THREATS_FOUND, …), which is what allows an attachment to be linked.
 * Its role is GuardDuty's documented one (malware-protection-s3-iam-policy-prerequisite), scoped to this bucket.
 */
function malwareProtection(stack: Stack, bucket: Bucket): CfnMalwareProtectionPlan {
  const managedRules = stack.formatArn({
    service: 'events',
    resource: 'rule',
    resourceName: 'DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*',
  });
  const role = new Role(stack, 'MalwareScanRole', {
    assumedBy: new ServicePrincipal(GUARDDUTY_PLAN),
    description:
      'GuardDuty Malware Protection for S3: scans and tags the objects of the received-mail bucket',
    inlinePolicies: {
      MalwareProtection: new PolicyDocument({
        statements: [
          new PolicyStatement({
            sid: 'AllowManagedRuleToSendS3EventsToGuardDuty',
            actions: ['events:PutRule', 'events:DeleteRule', 'events:PutTargets', 'events:RemoveTargets'],
            resources: [managedRules],
            conditions: { StringLike: { 'events:ManagedBy': GUARDDUTY_PLAN } },
          }),
          new PolicyStatement({
            sid: 'AllowGuardDutyToMonitorEventBridgeManagedRule',
            actions: ['events:DescribeRule', 'events:ListTargetsByRule'],
            resources: [managedRules],
          }),
          new PolicyStatement({
            sid: 'AllowPostScanTag',
            actions: [
              's3:PutObjectTagging',
              's3:GetObjectTagging',
              's3:PutObjectVersionTagging',
              's3:GetObjectVersionTagging',
            ],
            resources: [bucket.arnForObjects('*')],
          }),
          new PolicyStatement({
            sid: 'AllowEnableS3EventBridgeEvents',
            actions: ['s3:PutBucketNotification', 's3:GetBucketNotification'],
            resources: [bucket.bucketArn],
          }),
          new PolicyStatement({
            sid: 'AllowPutValidationObject',
            actions: ['s3:PutObject'],
            resources: [bucket.arnForObjects('malware-protection-resource-validation-object')],
          }),
          new PolicyStatement({
            sid: 'AllowCheckBucketOwnership',
            actions: ['s3:ListBucket'],
            resources: [bucket.bucketArn],
          }),
          new PolicyStatement({
            sid: 'AllowMalwareScan',
            actions: ['s3:GetObject', 's3:GetObjectVersion'],
            resources: [bucket.arnForObjects('*')],
          }),
        ],
      }),
    },
  });
  const plan = new CfnMalwareProtectionPlan(stack, 'ReceivedMailMalwareScan', {
    role: role.roleArn,
    protectedResource: { s3Bucket: { bucketName: bucket.bucketName } },
    actions: { tagging: { status: 'ENABLED' } },
  });
  // GuardDuty validates the role when the plan is created.
  plan.node.addDependency(role);
  return plan;
}
