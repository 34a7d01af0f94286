// The table a maintenance command (api-key, reindex) works on: a stage's, named by TABLE_NAME (the stack's TableName
// output) in AWS_REGION on the usual AWS credentials; else the twin's, DynamoDB Local on DYNAMODB_PORT (8000). A local
// endpoint may still be given with DYNAMODB_ENDPOINT, as tests do.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '#functions/adapters/clients.js';

export const STAGE_TABLE_USAGE =
  "Table: TABLE_NAME and AWS_REGION for a stage; else the twin's (DynamoDB Local on DYNAMODB_PORT, default 8000).";

export function stageTable(env: Readonly<Record<string, string | undefined>>): {
  readonly db: DynamoDBDocumentClient;
  readonly table: string;
} {
  const local = env.TABLE_NAME === undefined || env.DYNAMODB_ENDPOINT !== undefined;
  const db = documentClient({
    AWS_REGION: env.AWS_REGION ?? (local ? 'local' : 'us-east-1'),
    ...(local
      ? { DYNAMODB_ENDPOINT: env.DYNAMODB_ENDPOINT ?? `http://127.0.0.1:${env.DYNAMODB_PORT ?? 8000}` }
      : {}),
  });
  return { db, table: env.TABLE_NAME ?? 'certicamara-tickets' };
}
