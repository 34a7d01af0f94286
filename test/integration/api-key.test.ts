// `npm run api-key`: create, list and revoke the keys of trusted integrations; a revoked key stops working.
import { randomUUID } from 'node:crypto';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DynamoApiKeys, hashKey } from '#functions/adapters/api-keys.js';
import { documentClient } from '#functions/adapters/clients.js';
import { tableDefinition } from '#functions/adapters/table.js';
import { apiKeyCommand } from '../../scripts/api-key.js';

const endpoint = inject('emulators').dynamoEndpoint;
const table = `keys-${randomUUID().slice(0, 8)}`;
const env = { TABLE_NAME: table, DYNAMODB_ENDPOINT: endpoint, AWS_REGION: 'local' };
let db: ReturnType<typeof documentClient>;
beforeAll(async () => {
  db = documentClient({ AWS_REGION: 'local', DYNAMODB_ENDPOINT: endpoint });
  await db.send(new CreateTableCommand(tableDefinition(table)));
});
afterAll(() => db?.destroy());

describe('npm run api-key', () => {
  it('creates a key shown once and stored only as its hash, lists it, and revokes it', async () => {
    const created = await apiKeyCommand(['create', '--name', 'erp-contable'], env);
    expect(created.code).toBe(0);
    const key = created.stdout.trim();
    expect(key).toMatch(/^trk_[\w-]{43}$/);
    const stored = JSON.stringify((await db.send(new ScanCommand({ TableName: table }))).Items);
    expect(stored).not.toContain(key);
    expect(stored).toContain(hashKey(key));

    const keys = new DynamoApiKeys(db, table);
    expect(await keys.verify(key)).toBe(true);
    expect((await apiKeyCommand(['create', '--name', 'erp-contable'], env)).code).toBe(1);
    const listed = await apiKeyCommand(['list'], env);
    expect(listed.stdout).toMatch(/erp-contable\t\S+\tin force/);
    expect(listed.stdout).not.toContain(key);

    expect(await apiKeyCommand(['revoke', '--name', 'erp-contable'], env)).toMatchObject({ code: 0 });
    expect(await new DynamoApiKeys(db, table).verify(key)).toBe(false);
    expect((await apiKeyCommand(['list'], env)).stdout).not.toContain('in force');
    expect((await apiKeyCommand(['revoke', '--name', 'erp-contable'], env)).code).toBe(1);
  });

  it('explains its usage and refuses bad names', async () => {
    expect(await apiKeyCommand([], env)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('usage:'),
    });
    expect(await apiKeyCommand(['create'], env)).toMatchObject({ code: 2 });
    expect(await apiKeyCommand(['create', '--name', 'no spaces'], env)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('a key name is'),
    });
  });
});
