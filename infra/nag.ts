// cdk-nag (AwsSolutions and Serverless packs) on the whole app. Each acknowledgement names the rule, the one
// resource it applies to and why the finding does not apply there; anything else fails synth (and the infra test).
import { type App, type Stack, Validations } from 'aws-cdk-lib';
import { CfnRoute } from 'aws-cdk-lib/aws-apigatewayv2';
import { Policy, Role } from 'aws-cdk-lib/aws-iam';
import type { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { ATTACHMENTS_PREFIX } from '../domain/attachments.js';
import type { FunctionName } from './constructs/bundling.js';
import { type AttachmentAccess, FUNCTIONS, invokedAsynchronously } from './functions.js';
import { INBOUND_PREFIX } from './mail-receiving.js';
import type { StatefulStack } from './stateful-stack.js';
import type { StatelessStack } from './stateless-stack.js';

function acknowledge(construct: IConstruct, id: string, reason: string): void {
  Validations.of(construct).acknowledge({ id, reason });
}

/** A value as cdk-nag names it in a finding: Ref → <Name>, GetAtt → <Id.Attr>, an import → its export's name. */
function nagText(stack: Stack, value: string): string {
  const render = (v: unknown): string => {
    if (typeof v === 'string') return v;
    const o = v as Record<string, unknown>;
    if ('Ref' in o) return `<${String(o.Ref)}>`;
    if ('Fn::GetAtt' in o) return `<${(o['Fn::GetAtt'] as string[]).join('.')}>`;
    if ('Fn::ImportValue' in o) return render(o['Fn::ImportValue']);
    if ('Fn::Join' in o) {
      const [separator, parts] = o['Fn::Join'] as [string, unknown[]];
      return parts.map(render).join(separator);
    }
    throw new Error(`cdk-nag: cannot name ${JSON.stringify(v)} (infra/nag.ts)`);
  };
  return render(stack.resolve(value));
}

/** The received-mail bucket, the receiving function's read of it and GuardDuty's scanning role. */
function receivedMail(stateful: StatefulStack, stateless: StatelessStack): void {
  const bucket = stateful.receivedMail;
  acknowledge(
    bucket,
    'AwsSolutions::AwsSolutions-S1',
    'The received-mail bucket is written only by this account’s SES receipt rule (bucket policy: aws:SourceAccount ' +
      'and aws:SourceArn) under inbound/ and, under attachments/, by presigned POSTs and the receiving function; it is ' +
      'read only by the receive-mail role (GetObject under inbound/, which it deletes once processed) and the attachments role (GetObject under ' +
      'attachments/, through 5-minute presigned GETs), each read a logged invocation; server access logs would be a second store of object keys and client IPs with a retention of ' +
      'its own. If an audit asks for object-level records, CloudTrail S3 data events can be enabled for the bucket.',
  );
  // The stateless stack reads the ARN through the stateful stack's export: the finding names the export.
  const arn = nagText(stateful, stateful.exportValue(bucket.bucketArn));
  for (const policy of stateless.functions['receive-mail'].node.findAll()) {
    if (!(policy instanceof Policy)) continue;
    acknowledge(
      policy,
      `AwsSolutions::AwsSolutions-IAM5[Resource::${arn}/${INBOUND_PREFIX}*]`,
      'receive-mail reads a received message by the key SES gives it (inbound/<SES message id>), unknown until the ' +
        'mail arrives, and deletes it once processed: GetObject and DeleteObject under that prefix only, no listing, ' +
        'no writing, nothing else in the bucket.',
    );
  }
  // A ticket's files: keys made of the radicado and a random id, known only when the file is declared or received.
  const uses: Readonly<Record<AttachmentAccess, string>> = {
    'sign-uploads': 'signs presigned POSTs bound each to one exact key, type and size (PutObject)',
    serve: 'serves a file recorded on a ticket through a 5-minute presigned GET and reads its scan tag',
    store: 'stores the files of a recorded mail under their ticket (PutObject)',
    erase: 'deletes the files of a ticket whose personal data is erased',
  };
  for (const [name, spec] of Object.entries(FUNCTIONS)) {
    if (!spec.attachments) continue;
    for (const policy of stateless.functions[name as FunctionName].node.findAll()) {
      if (!(policy instanceof Policy)) continue;
      acknowledge(
        policy,
        `AwsSolutions::AwsSolutions-IAM5[Resource::${arn}/${ATTACHMENTS_PREFIX}*]`,
        `${name} ${spec.attachments.map((a) => uses[a]).join('; ')}: the keys (attachments/<radicado>/<random id>) ` +
          'are made per file, so the grant names the attachments/ prefix and nothing else in the bucket.',
      );
    }
  }
  const scanner = stateful.node.tryFindChild('MalwareScanRole');
  if (scanner instanceof Role) {
    const logicalId = stateful.getLogicalId(bucket.node.defaultChild as CfnBucket);
    acknowledge(
      scanner,
      `AwsSolutions::AwsSolutions-IAM5[Resource::<${logicalId}.Arn>/*]`,
      'GuardDuty Malware Protection for S3 reads and tags every new object of the received-mail bucket it protects ' +
        '(its documented role, scoped to this one bucket).',
    );
    const rules = nagText(
      stateful,
      stateful.formatArn({
        service: 'events',
        resource: 'rule',
        resourceName: 'DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*',
      }),
    );
    acknowledge(
      scanner,
      `AwsSolutions::AwsSolutions-IAM5[Resource::${rules}]`,
      'GuardDuty names the EventBridge rule it manages for the plan with this fixed prefix and a suffix of its own; ' +
        'changes to it are further limited to rules managed by GuardDuty (events:ManagedBy).',
    );
  }
}

export function applyNagPacks(app: App, stateful: StatefulStack, stateless: StatelessStack): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));

  for (const [queue, role] of [
    [stateful.streamDlq, 'the on-failure destination of the notifier’s stream event source mapping'],
    [
      stateful.asyncDlq,
      'the on-failure destination of the asynchronously invoked functions (redrive, SES events)',
    ],
    [stateless.triggerDlq, 'the dead-letter queue of the EventBridge rules (schedule, SES events)'],
    [stateful.subscriptionDlq, 'the dead-letter queue of the alarm topic’s e-mail subscription'],
  ] as const) {
    const reason = `This queue is itself ${role}; a dead-letter queue of a dead-letter queue would only move the same records.`;
    acknowledge(queue, 'AwsSolutions::AwsSolutions-SQS3', reason);
    acknowledge(queue, 'Serverless::Serverless-SQSRedrivePolicy', reason);
  }

  for (const [secret, what] of [
    [stateful.tokenSecret, 'the status-link HMAC key (links mailed to requesters)'],
    [stateful.actionLinkSecret, 'the action-link HMAC key (acknowledge/resolve links in staff mail)'],
    [stateful.formTokenSecret, 'the web form token HMAC key'],
  ] as const) {
    acknowledge(
      secret,
      'AwsSolutions::AwsSolutions-SMG4',
      `${what}: a rotation keeps links signed with the previous version working until the next one, so a scheduled ` +
        "rotation would cut links still in people's mailboxes; it is rotated by hand, by the documented procedure " +
        '(docs/operations.md), when a key may have leaked or by policy.',
    );
  }
  acknowledge(
    stateful.requesterHashSecret,
    'AwsSolutions::AwsSolutions-SMG4',
    'the requester-address hash key: every stored hash of an address (the lookup filter `rh`, the rate windows) is ' +
      "under it, so a rotation would leave requesters' tickets unfindable until they are re-indexed; it is replaced " +
      'only with a re-index (docs/operations.md), never on a schedule.',
  );

  receivedMail(stateful, stateless);

  if (stateless.distribution) {
    acknowledge(
      stateless.distribution,
      'AwsSolutions::AwsSolutions-CFR1',
      'The edge distribution serves Colombian citizens and customers, who may file a request from abroad (Ley 1755 ' +
        'gives everyone the right of petition): no country is blocked; abuse is limited per IP by the web ACL.',
    );
    acknowledge(
      stateless.distribution,
      'AwsSolutions::AwsSolutions-CFR3',
      'The edge distribution caches nothing and forwards every request to the API, whose stage logs every request, ' +
        'and the web ACL logs each client IP (aws-waf-logs-ticket-router-<stage>, a month, secrets redacted); ' +
        'CloudFront standard logs would add an S3 bucket holding the same IPs.',
    );
  }

  // Each route's own reason: the API serves anonymous citizens and customers, so none has an API Gateway authorizer;
  // what guards each is in its handler.
  const ROUTE_GUARDS: Readonly<Record<string, string>> = {
    'POST /requests':
      "needs a trusted integration's X-Api-Key (hashed, revocable) or a valid web-form token, checked in the handler before anything is written; the edge limits POSTs per IP",
    'POST /requests/lookup': 'always answers 202 and mails only the address itself, at most 3 times an hour',
    'GET /requests/{id}':
      "answers only the holder of the ticket's HMAC token (404 otherwise, like an unknown id)",
    'POST /requests/{id}/escalate': "acts only for the holder of the ticket's HMAC token, once per level",
    'POST /requests/{id}/complete':
      "acts only for the holder of the ticket's HMAC token, while the ticket waits for them to complete it",
    'POST /requests/{id}/attachments':
      "acts only for the holder of the ticket's HMAC token, at most 5 files in all, and only hands out presigned S3 POSTs bound to one key, type and size for 10 minutes",
    'GET /attachments/{token}':
      'redirects only with a signed, expiring download link, to a 5-minute presigned GET of a file recorded on that ticket and scanned clean',
    'GET /routing': 'a read-only preview of the public routing rules, with no ticket data',
    'GET /': 'the public web form',
    'GET /status': 'the public status page (the ticket is read with its token, client-side)',
    'GET /assets/{file}': "the public form's static assets",
    'GET /form-token':
      'hands out a short-lived serving token, which only proves a form was served (CORS: allowed origins)',
    'GET /actions': 'a confirmation page for a signed, expiring, single-use staff link; changes nothing',
    'POST /actions': 'acts only with a signed, expiring, single-use staff link',
  };
  // The staff console signs its people in itself (docs/console.md), so its routes have no authorizer either.
  const CONSOLE_GUARD =
    'every page but the sign-in pages needs a session begun from a signed, single-use, 15-minute link mailed only to ' +
    'an address of the staff directory (an HttpOnly, SameSite cookie; only its token’s hash is stored; it ends ' +
    'after 30 minutes idle or 12 hours), every form carries the session’s CSRF token, and a ticket of a queue the ' +
    'person does not act for answers 404; a Cognito authorizer federated with the company IdP is the documented ' +
    'alternative';
  const CONSOLE_ROUTES: readonly string[] = ['GET /staff', 'GET /staff/{proxy+}', 'POST /staff/{proxy+}'];
  const reasonOf = (key: string): string | undefined => {
    const guard = ROUTE_GUARDS[key];
    if (guard) return `${key} is public by design (anonymous citizens and customers) and ${guard}.`;
    if (CONSOLE_ROUTES.includes(key))
      return `${key} is the staff console, with no API Gateway authorizer: ${CONSOLE_GUARD}.`;
    return undefined;
  };
  for (const route of stateless.api.node.findAll().filter((c): c is CfnRoute => c instanceof CfnRoute)) {
    const reason = reasonOf(route.routeKey);
    if (!reason) throw new Error(`cdk-nag: route ${route.routeKey} has no documented guard (infra/nag.ts)`);
    acknowledge(route, 'AwsSolutions::AwsSolutions-APIG4', reason);
  }

  for (const [name, routerFunction] of Object.entries(stateless.functions)) {
    // Active tracing adds xray:PutTraceSegments and xray:PutTelemetryRecords, which take no resource ARN.
    for (const policy of routerFunction.node.findAll().filter((c): c is Policy => c instanceof Policy)) {
      const actions = policy.document
        .toJSON()
        ?.Statement?.flatMap((s: { Action: string | string[] }) => s.Action);
      if (actions?.includes('xray:PutTraceSegments')) {
        acknowledge(
          policy,
          'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
          `X-Ray tracing of ${name}: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions.`,
        );
      }
    }
    const spec = FUNCTIONS[name as FunctionName];
    acknowledge(
      routerFunction.fn,
      'Serverless::Serverless-LambdaDLQ',
      invokedAsynchronously(spec)
        ? `${name} is invoked asynchronously (${spec.trigger === 'ses-receipt' ? 'by SES’s receipt rule, as an Event, after the message is stored in S3' : 'by EventBridge, whose undeliverable events go to TriggerDlq'}); its failed invocations go to an on-failure destination (AsyncDlq), which keeps more context than a dead-letter queue.`
        : spec.trigger === 'stream'
          ? `${name} is invoked by a DynamoDB stream event source mapping, whose on-failure destination (StreamDlq) receives what fails; function DLQs apply only to asynchronous invocations.`
          : `${name} is invoked synchronously by API Gateway, which returns the error to the caller; function DLQs apply only to asynchronous invocations.`,
    );
  }
}
