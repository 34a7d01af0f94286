// What holds state and must outlive deployments: the ticket table, the dead-letter queues, the HMAC secrets, the SNS
// topics people subscribe to, the encryption key they share, the SES identity, the received-mail bucket and (when
// this stage creates it) the SES receipt rule set.
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AttributeType,
  Billing,
  ProjectionType,
  StreamViewType,
  TableEncryptionV2,
  TableV2,
} from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { indexesFor, TABLE } from '../functions/adapters/table.js';
import type { DeployConfig } from './config.js';
import { receivedMailBucket } from './mail-bucket.js';
import { receiptRuleSet } from './mail-receiving.js';

export interface StatefulStackProps extends StackProps {
  readonly config: DeployConfig;
}

export class StatefulStack extends Stack {
  readonly table: TableV2;
  readonly streamDlq: Queue;
  readonly asyncDlq: Queue;
  readonly subscriptionDlq: Queue;
  readonly tokenSecret: Secret;
  readonly actionLinkSecret: Secret;
  readonly formTokenSecret: Secret;
  readonly requesterHashSecret: Secret;
  readonly p1Alerts: Topic;
  readonly alarmTopic: Topic;
  readonly topicKey: Key;
  readonly receivedMail: Bucket;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { config } = props;
    const prod = config.stage === 'prod';
    const keep = prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.table = new TableV2(this, 'Tickets', {
      partitionKey: { name: TABLE.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE.sortKey, type: AttributeType.STRING },
      billing: Billing.onDemand(),
      encryption: TableEncryptionV2.awsManagedKey(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: prod,
      removalPolicy: keep,
      timeToLiveAttribute: TABLE.ttlAttribute,
      dynamoStream: StreamViewType.NEW_AND_OLD_IMAGES,
      // (Almost) keys only: an index write then costs one unit, and readers fetch the few items they need by key.
      globalSecondaryIndexes: indexesFor({ legacyQueueIndex: config.legacyQueueIndex }).map((index) => ({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.NUMBER },
        ...(index.nonKeyAttributes.length > 0
          ? { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: [...index.nonKeyAttributes] }
          : { projectionType: ProjectionType.KEYS_ONLY }),
      })),
    });

    const deadLetters = (id: string) =>
      new Queue(this, id, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
        removalPolicy: keep,
      });
    // Stream records the notifier could not process after its retries (metadata to find them in the stream).
    this.streamDlq = deadLetters('StreamDlq');
    // Scheduled and event-driven invocations that kept failing (redrive, SES events).
    this.asyncDlq = deadLetters('AsyncDlq');
    // Alarm notifications SNS could not deliver to a subscriber.
    this.subscriptionDlq = deadLetters('SubscriptionDlq');

    // Rotation (docs/operations.md): put a new value; functions sign with it within 5 minutes and still accept the
    // previous version, so links already mailed keep working until the rotation after that.
    this.tokenSecret = new Secret(this, 'StatusLinkSecret', {
      description:
        'HMAC key of the status links of tickets (after a rotation, links signed with the previous version still work).',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: keep,
    });
    this.actionLinkSecret = new Secret(this, 'ActionLinkSecret', {
      description:
        'HMAC key of the acknowledge/resolve links in staff e-mail (after a rotation, the previous version still works).',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: keep,
    });
    // Its own key, so the public web function holds nothing that signs a ticket's links.
    this.formTokenSecret = new Secret(this, 'FormTokenSecret', {
      description: 'HMAC key of the web form serving tokens (proof that a person filled the form).',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: keep,
    });
    // Not rotated like the others: every stored hash of an address is under it (docs/operations.md).
    this.requesterHashSecret = new Secret(this, 'RequesterHashSecret', {
      description:
        'HMAC key of the stored hashes of requester e-mail addresses (finding their tickets, rate limits); ' +
        'rotating it needs a re-index.',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: keep,
    });

    // Topics are encrypted with a key CloudWatch alarms may use (the AWS-managed SNS key does not allow them).
    const topicKey = new Key(this, 'TopicKey', {
      description: 'Encrypts the p1-alerts and alarm topics of the ticket router',
      enableKeyRotation: true,
      removalPolicy: keep,
    });
    this.topicKey = topicKey;
    // Alarms of this account only (aws:SourceAccount), for the key and for the topics below.
    const thisAccountsAlarms = {
      principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
      conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
    };
    topicKey.addToResourcePolicy(
      new PolicyStatement({
        ...thisAccountsAlarms,
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    this.p1Alerts = new Topic(this, 'P1Alerts', {
      topicName: `p1-alerts-${config.stage}`,
      displayName: 'Certicamara P1',
      masterKey: topicKey,
      enforceSSL: true,
    });
    this.alarmTopic = new Topic(this, 'Alarms', {
      displayName: 'Ticket router alarms',
      masterKey: topicKey,
      enforceSSL: true,
    });
    // enforceSSL gives each topic a policy with one Deny; without an Allow, CloudWatch alarm actions could not
    // publish, and nobody would know until an outage.
    for (const topic of [this.alarmTopic, this.p1Alerts]) {
      topic.addToResourcePolicy(
        new PolicyStatement({ ...thisAccountsAlarms, actions: ['sns:Publish'], resources: [topic.topicArn] }),
      );
    }
    if (config.alarmEmail) {
      this.alarmTopic.addSubscription(
        new EmailSubscription(config.alarmEmail, { deadLetterQueue: this.subscriptionDlq }),
      );
    }

    if (config.createSesIdentity) {
      const identity = new EmailIdentity(this, 'SenderIdentity', {
        identity: config.sesIdentityName.includes('@')
          ? Identity.email(config.sesIdentityName)
          : Identity.domain(config.sesIdentityName),
      });
      identity.applyRemovalPolicy(keep);
    }

    this.receivedMail = receivedMailBucket(this, config);
    receiptRuleSet(this, config);

    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'ReceivedMailBucket', {
      value: this.receivedMail.bucketName,
      description:
        'Raw messages SES received for the receiving domain (inbound/), expired after the retention period',
    });
    new CfnOutput(this, 'P1AlertsTopicArn', {
      value: this.p1Alerts.topicArn,
      description: 'Subscribe on-call phones, addresses or a paging service here',
    });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarmTopic.topicArn });
  }
}
