// AWS SDK clients, built once per process from configuration: real endpoints in AWS, local ones in the twin.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Settings } from '../config.js';

/** What the local emulators (DynamoDB Local, the SES emulator) take as credentials. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/**
 * A DynamoDB call that cannot connect within a second, or answer within five, fails (and is retried by the SDK)
 * instead of holding a request until the API's 30-second limit: an outage answers 503 quickly.
 */
export const DYNAMODB_TIMEOUTS = { connectionTimeout: 1_000, requestTimeout: 5_000 } as const;

export function documentClient(
  config: Pick<Settings, 'AWS_REGION' | 'DYNAMODB_ENDPOINT'>,
): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region: config.AWS_REGION,
    requestHandler: DYNAMODB_TIMEOUTS,
    ...(config.DYNAMODB_ENDPOINT
      ? { endpoint: config.DYNAMODB_ENDPOINT, credentials: LOCAL_CREDENTIALS }
      : {}),
  });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}

/** SES API v2 (REST and JSON): its simple content takes the threading headers (functions/adapters/ses-mailer.ts). */
export function sesClient(config: Pick<Settings, 'AWS_REGION' | 'SES_ENDPOINT'>): SESv2Client {
  return new SESv2Client({
    region: config.AWS_REGION,
    ...(config.SES_ENDPOINT ? { endpoint: config.SES_ENDPOINT, credentials: LOCAL_CREDENTIALS } : {}),
  });
}

export function snsClient(config: Pick<Settings, 'AWS_REGION'>): SNSClient {
  return new SNSClient({ region: config.AWS_REGION });
}
