// The second baseline of the cold-start benchmark: a handler that only creates the AWS SDK clients most functions
// hold (the DynamoDB document client and Secrets Manager), bundled exactly like the real ones. What a function
// takes beyond it is the cost of our own code and libraries.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const secrets = new SecretsManagerClient({});

export const handler = async () => ({ statusCode: 204, clients: [db, secrets].length });
