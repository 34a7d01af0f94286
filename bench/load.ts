// The local twin under a bounded load from a second process (autocannon) on loopback, with the embedded DynamoDB
// Local; then what a submission costs in DynamoDB capacity (ReturnConsumedCapacity, which DynamoDB Local reports),
// including the notification bookkeeping, and what a status read costs.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoApiKeys } from '#functions/adapters/api-keys.js';
import { documentClient } from '#functions/adapters/clients.js';
import { measureWriteCosts, writeCostTable } from '../scripts/capacity.js';
import { startTwin } from '../scripts/twin/twin.js';
import { SUBMISSION } from './submission.js';

export interface LoadFigures {
  readonly requestsPerSec: number;
  readonly p99Ms: number;
  readonly accepted: number;
  readonly tickets: number;
  readonly emails: number;
}

export interface DynamoFigures {
  readonly wcuPerSubmission: number;
  readonly rcuPerStatusRead: number;
  /** The itemised write-cost table (as docs/records.md shows it). */
  readonly table: string;
}

const AUTOCANNON = fileURLToPath(new URL('../node_modules/autocannon/autocannon.js', import.meta.url));

/** autocannon in its own process: `amount` POSTs over `connections` connections; its JSON result. */
function autocannon(
  url: string,
  amount: number,
  connections: number,
  apiKey: string,
): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        AUTOCANNON,
        '--json',
        '--connections',
        String(connections),
        '--amount',
        String(amount),
        '--method',
        'POST',
        '--headers',
        'content-type=application/json',
        '--headers',
        `x-api-key=${apiKey}`,
        '--body',
        JSON.stringify(SUBMISSION),
        `${url}/requests`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited ${code}`));
      resolve(JSON.parse(out) as Record<string, unknown>);
    });
  });
}

/** How the load bench submits: what it turns off, and its proof of origin. */
export const LOAD_SWITCHES = { rateLimitPer5Min: 0, ackLimitPerHour: 0 } as const;
export const LOAD_PROOF = 'an API key (X-Api-Key)';

export async function benchLoad({ amount = 600, connections = 10 } = {}): Promise<{
  load: LoadFigures;
  dynamodb: DynamoFigures;
}> {
  // Bulk from one address as one trusted integration: an API key, the per-IP rate limit and the per-recipient
  // acknowledgement limit off (LOAD_SWITCHES; the bench prints them).
  const twin = await startTwin({
    onPage: () => undefined,
    onError: () => undefined,
    sweepIntervalMs: 0,
    ...LOAD_SWITCHES,
  });
  try {
    const setup = documentClient({ AWS_REGION: 'local', DYNAMODB_ENDPOINT: twin.dynamoEndpoint });
    const apiKey = await new DynamoApiKeys(setup, twin.tableName).create('bench-load');
    setup.destroy();
    const result = await autocannon(twin.url, amount, connections, apiKey);
    const latency = result.latency as { p99: number };
    const requests = result.requests as { total: number };
    const duration = Number(result.duration);
    const codes = (result.statusCodeStats ?? {}) as Record<string, { count: number }>;
    const accepted = codes['201']?.count ?? 0;

    // Every accepted request must have its ticket and its two mails recorded as sent.
    const db = documentClient({ AWS_REGION: 'local', DYNAMODB_ENDPOINT: twin.dynamoEndpoint });
    /** Tickets in the table, and their notifications recorded as sent (the outbox lives in the ticket item). */
    const census = async () => {
      let tickets = 0;
      let emails = 0;
      let start: Record<string, unknown> | undefined;
      do {
        const page = await db.send(
          new ScanCommand({
            TableName: twin.tableName,
            FilterExpression: 'entity = :ticket',
            ExpressionAttributeValues: { ':ticket': 'ticket' },
            ProjectionExpression: 'outbox',
            ExclusiveStartKey: start,
          }),
        );
        for (const item of page.Items ?? []) {
          tickets++;
          const outbox = Object.values((item.outbox ?? {}) as Record<string, { status?: string }>);
          emails += outbox.filter((n) => n.status === 'sent').length;
        }
        start = page.LastEvaluatedKey;
      } while (start);
      return { tickets, emails };
    };
    let { tickets, emails } = await census();
    const deadline = Date.now() + 120_000;
    while (emails < 2 * tickets && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      ({ tickets, emails } = await census());
    }
    db.destroy();
    const load = {
      requestsPerSec: requests.total / duration,
      p99Ms: latency.p99,
      accepted,
      tickets,
      emails,
    };
    return { load, dynamodb: await capacity(twin.dynamoEndpoint) };
  } finally {
    await twin.stop();
  }
}

/** What one submission and its two mails cost in write units, itemised (scripts/capacity.ts), and a status read. */
async function capacity(endpoint: string): Promise<DynamoFigures> {
  const costs = await measureWriteCosts(endpoint);
  return {
    wcuPerSubmission: costs.total,
    rcuPerStatusRead: costs.statusReadUnits,
    table: writeCostTable(costs),
  };
}
