// Records a person can read, and what they cost: a ticket created through the twin is plain DynamoDB types on every
// item (GetItem, Scan, PartiQL), and a submission with its two mails stays within the write budget whose itemised
// table docs/records.md carries (measured on DynamoDB Local, which reports ReturnConsumedCapacity by item size).
import { readFileSync } from 'node:fs';
import {
  DynamoDBClient,
  ExecuteStatementCommand,
  GetItemCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { keys } from '#functions/adapters/table.js';
import { measureWriteCosts, WCU_BUDGET_PER_SUBMISSION, writeCostTable } from '../../scripts/capacity.js';
import { bogota } from '../helpers.js';
import { postJson, startTestTwin, TestClock, type TestTwin, validSubmission, waitFor } from './support.js';

describe('write capacity', () => {
  it('keeps a submission with its two mails within the budget, and the docs table is the measured one', async () => {
    const costs = await measureWriteCosts(
      inject('emulators').dynamoEndpoint,
      new TestClock(bogota('2026-11-23T10:00')),
    );
    expect(costs.total).toBeLessThanOrEqual(WCU_BUDGET_PER_SUBMISSION);
    // Every update of the ticket's state item during delivery is one unit: it stays small.
    for (const write of costs.rows.find((r) => r.step === 'stream consumer')?.writes ?? [])
      expect(write.table).toBe(1);
    expect(costs.statusReadUnits).toBe(1);
    const docs = readFileSync(new URL('../../docs/records.md', import.meta.url), 'utf8');
    const block = docs.match(/<!-- write-costs -->\n([\s\S]*?)\n<!-- \/write-costs -->/)?.[1];
    expect(block, 'docs/records.md: run `npm run write-costs` and paste its table').toBe(
      writeCostTable(costs),
    );
    expect(docs).toContain(`**${WCU_BUDGET_PER_SUBMISSION} WCU**`);
  });
});

describe('a ticket as a person reads it', () => {
  let twin: TestTwin;
  let raw: DynamoDBClient;
  beforeAll(async () => {
    twin = await startTestTwin({ start: bogota('2026-11-23T10:00') });
    raw = new DynamoDBClient({
      region: 'local',
      endpoint: twin.dynamoEndpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  });
  afterAll(async () => {
    raw?.destroy();
    await twin?.stop();
  });

  /** Whether an item holds a binary value anywhere, nested ones included. */
  const binary = (value: unknown): boolean =>
    value instanceof Uint8Array ||
    (typeof value === 'object' &&
      value !== null &&
      Object.entries(value).some(([type, inner]) => type === 'B' || type === 'BS' || binary(inner)));

  it('reads in clear with a plain GetItem, Scan or PartiQL, with no binary attribute on any of its items', async () => {
    const submission = validSubmission({
      subject: 'Factura rechazada por la DIAN',
      description: 'Código 90, NIT.',
    });
    const created = await postJson(twin.url, submission);
    expect(created.status).toBe(201);
    const id = String(created.json.id);
    await waitFor(async () => (await twin.store.get(id))?.notifications?.every((n) => n.status === 'sent'));

    const { pk, sk } = keys.ticket(id);
    const { Items = [] } = await raw.send(
      new ScanCommand({
        TableName: twin.tableName,
        FilterExpression: 'pk = :pk AND begins_with(sk, :sk)',
        ExpressionAttributeValues: { ':pk': { S: pk }, ':sk': { S: sk } },
      }),
    );
    expect(Items.map((i) => i.entity?.S).sort()).toEqual(['ticket', 'ticket-body']);
    for (const item of Items) expect(binary(item)).toBe(false);

    const body = (
      await raw.send(
        new GetItemCommand({ TableName: twin.tableName, Key: { pk: { S: pk }, sk: { S: `${sk}#BODY` } } }),
      )
    ).Item;
    expect(body?.subject?.S).toBe('Factura rechazada por la DIAN');
    expect(body?.description?.S).toBe('Código 90, NIT.');
    expect(body?.requester?.M?.email?.S).toBe((submission.requester as { email: string }).email);
    expect(body?.consent?.M?.policyVersion?.S).toBeTruthy();
    expect(body?.routing?.M?.mailbox?.S).toMatch(/@/);

    const { Items: selected = [] } = await raw.send(
      new ExecuteStatementCommand({
        Statement: `SELECT status, outbox FROM "${twin.tableName}" WHERE pk = ? AND sk = ?`,
        Parameters: [{ S: pk }, { S: sk }],
      }),
    );
    expect(selected[0]?.status?.S).toBe('received');
    expect(Object.values(selected[0]?.outbox?.M ?? {}).map((n) => n.M?.status?.S)).toEqual(['sent', 'sent']);
  });
});
