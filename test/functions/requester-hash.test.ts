// The keyed hash of requesters' addresses (functions/adapters/requester-hash.ts) and how its key is read: once, its
// current version only, never as a rotating ring (functions/secrets.ts).
import { createHash, createHmac } from 'node:crypto';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { keyedRequesterHash, withoutRequesterHash } from '#functions/adapters/requester-hash.js';
import { loadConfig } from '#functions/config.js';
import { loadSecrets } from '#functions/secrets.js';

const KEY = 'k'.repeat(40);
const ADDRESS = 'ana.perez@example.com';

describe('the requester hash', () => {
  const hash = keyedRequesterHash(KEY);

  it('depends on the key: another key gives another hash of the same address', () => {
    expect(keyedRequesterHash('x'.repeat(40))(ADDRESS)).not.toBe(hash(ADDRESS));
  });

  it('hashes the same address alike in any case or spacing, and other addresses otherwise', () => {
    expect(hash('  Ana.Perez@EXAMPLE.com\t')).toBe(hash(ADDRESS));
    expect(hash('ANA.PEREZ@EXAMPLE.COM')).toBe(hash(ADDRESS));
    expect(hash('ana.perez@example.co')).not.toBe(hash(ADDRESS));
  });

  it('is the HMAC-SHA256 of the normalised address, not a plain hash anyone could recompute', () => {
    const plain = createHash('sha256').update(ADDRESS).digest();
    expect(hash(ADDRESS)).toMatch(/^[\w-]{22}$/);
    // Neither the plain SHA-256 the table used to store (base64url, as `rh`; hex, as the rate windows) …
    expect(hash(ADDRESS)).not.toBe(plain.toString('base64url').slice(0, 22));
    expect(plain.toString('hex')).not.toContain(hash(ADDRESS));
    // … but the first 128 bits of HMAC-SHA256 under the key.
    expect(hash(ADDRESS)).toBe(createHmac('sha256', KEY).update(ADDRESS).digest('base64url').slice(0, 22));
  });

  it('refuses, naming the setting, in a function that was not given the key', () => {
    expect(() => withoutRequesterHash(ADDRESS)).toThrow(/REQUESTER_HASH_SECRET/);
  });

  it('needs a key of at least 32 characters, like the other HMAC secrets', () => {
    expect(() => loadConfig({ REQUESTER_HASH_SECRET: 'short' }, ['REQUESTER_HASH_SECRET'])).toThrow(
      'configuration is invalid: REQUESTER_HASH_SECRET: must be at least 32 characters of random data',
    );
    expect(() => loadConfig({}, ['REQUESTER_HASH_SECRET'])).toThrow('REQUESTER_HASH_SECRET: is required');
  });
});

describe('its key in AWS', () => {
  const secrets = mockClient(SecretsManagerClient);
  const arn = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:RequesterHashSecret-abc';
  beforeEach(() => secrets.reset());

  it('is read once, its current version only, as a plain setting (no ring of versions to sign or accept)', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: 'h'.repeat(64) });
    const loaded = await loadSecrets(
      { REQUESTER_HASH_SECRET_ARN: arn },
      new SecretsManagerClient({ region: 'us-east-1' }),
    );
    expect(loaded.env.REQUESTER_HASH_SECRET).toBe('h'.repeat(64));
    expect(loaded.rings).toEqual({});
    await loaded.refresh();
    const calls = secrets.commandCalls(GetSecretValueCommand).map((c) => c.args[0].input);
    expect(calls).toEqual([{ SecretId: arn }]);
  });

  it('fails at cold start when the secret has no value', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: '' });
    await expect(
      loadSecrets({ REQUESTER_HASH_SECRET_ARN: arn }, new SecretsManagerClient({ region: 'us-east-1' })),
    ).rejects.toThrow(`configuration is invalid: the secret ${arn} has no string value`);
  });

  it('is taken from the environment as is where it is set there (the twin, tests)', async () => {
    const loaded = await loadSecrets({ REQUESTER_HASH_SECRET: KEY, REQUESTER_HASH_SECRET_ARN: arn });
    expect(loaded.env.REQUESTER_HASH_SECRET).toBe(KEY);
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(0);
  });
});
