// The HMAC secrets (status links, staff action links, the web form's tokens, requesters' address hashes). In AWS each
// lives in Secrets Manager (`<NAME>_ARN`) and is read through Powertools Parameters. The link and token keys rotate:
// read with a short cache, tokens are signed with the current version (AWSCURRENT) and verified against it, a staged
// one (AWSPENDING) and the previous one (AWSPREVIOUS), so a staged rotation never refuses a fresh token and links
// mailed before it keep working until the next rotation. The address-hash key does not: it is read once, current
// version only. Locally the value comes straight from the environment (`<NAME>`), and never changes.
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { loadConfig, type SettingName, type Settings } from './config.js';
import { errorFields, logger } from './logger.js';
import { fixedSecret, type SecretRing } from './secret-ring.js';

export type { SecretRing } from './secret-ring.js';

type Env = Readonly<Record<string, string | undefined>>;

/** The link and token keys: rotated in place (docs/operations.md), so read with their staged and previous versions. */
export const ROTATING_SECRET_NAMES = ['TOKEN_SECRET', 'ACTION_LINK_SECRET', 'FORM_TOKEN_SECRET'] as const;
/**
 * The key of requesters' address hashes (functions/adapters/requester-hash.ts): every stored hash is under it, so it
 * is never rotated in place (that takes a re-index, docs/operations.md), and is read once, its current version only.
 */
export const STEADY_SECRET_NAMES = ['REQUESTER_HASH_SECRET'] as const;
export const SECRET_NAMES = [...ROTATING_SECRET_NAMES, ...STEADY_SECRET_NAMES] as const;
export type SecretName = (typeof SECRET_NAMES)[number];
/** The rotating secrets a function was given, by name (each function gets only those it uses). */
export type SecretRings = Partial<Record<SecretName, SecretRing>>;

/** How long a function trusts what it read: a rotation reaches every warm function within this. */
export const SECRET_MAX_AGE_S = 300;

/** The version stages a function reads: it signs with the first and accepts all three. */
const STAGES = ['AWSCURRENT', 'AWSPENDING', 'AWSPREVIOUS'] as const;
type Stage = (typeof STAGES)[number];

/**
 * A Secrets Manager secret's current, pending and previous versions, each cached SECRET_MAX_AGE_S (an absent one
 * too). Accepting AWSPENDING lets a rotation be staged: every function accepts the new key before any signs with it
 * (docs/operations.md). A failed refresh keeps the keys it had, so an outage of Secrets Manager does not stop a
 * warm function.
 */
export class RotatingSecret implements SecretRing {
  private keys: readonly string[] = [];
  /** Stages known to be absent, until when (epoch ms). */
  private readonly absentUntil = new Map<Stage, number>();

  constructor(
    private readonly arn: string,
    private readonly providers: Readonly<Record<Stage, SecretsProvider>>,
    private readonly now: () => number = Date.now,
    private readonly onStale: (error: unknown) => void = () => undefined,
  ) {}

  current(): string {
    const [key] = this.keys;
    if (key === undefined) throw new Error('secret not read yet: call refresh() first');
    return key;
  }

  all(): readonly string[] {
    return this.keys;
  }

  async refresh(): Promise<void> {
    try {
      const [current, ...others] = await Promise.all(STAGES.map((stage) => this.read(stage)));
      if (current === undefined)
        throw new Error(`configuration is invalid: the secret ${this.arn} has no string value`);
      this.keys = [current, ...others.filter((k): k is string => k !== undefined && k !== current)];
    } catch (error) {
      if (this.keys.length === 0) throw error;
      this.onStale(error);
    }
  }

  private async read(stage: Stage): Promise<string | undefined> {
    if ((this.absentUntil.get(stage) ?? 0) > this.now()) return undefined;
    try {
      const value = await this.providers[stage].get(this.arn, {
        maxAge: SECRET_MAX_AGE_S,
        ...(stage === 'AWSCURRENT' ? {} : { sdkOptions: { VersionStage: stage } }),
      });
      return typeof value === 'string' && value !== '' ? value : undefined;
    } catch (error) {
      // No such stage (never rotated, or no rotation staged): remembered as long as a value would be.
      const name = (error as { cause?: { name?: string } }).cause?.name ?? '';
      if (stage === 'AWSCURRENT' || name !== 'ResourceNotFoundException') throw error;
      this.absentUntil.set(stage, this.now() + SECRET_MAX_AGE_S * 1000);
      return undefined;
    }
  }
}

export interface Secrets {
  readonly rings: SecretRings;
  /** The environment with each secret's current value, for the settings check at cold start. */
  readonly env: Env;
  /** Brings every rotating secret up to date (cached: free within SECRET_MAX_AGE_S). Call it per invocation. */
  refresh(): Promise<void>;
}

/**
 * The secrets this function has: `<NAME>` from the environment as is, or `<NAME>_ARN` from Secrets Manager. Only the
 * names a function is given are read, so a function holds only the keys it needs.
 */
export async function loadSecrets(env: Env, client?: SecretsManagerClient): Promise<Secrets> {
  const rotating: RotatingSecret[] = [];
  const rings: SecretRings = {};
  const provider = () =>
    new SecretsProvider(
      client
        ? { awsSdkV3Client: client }
        : { clientConfig: env.AWS_REGION ? { region: env.AWS_REGION } : {} },
    );
  const steady: Record<string, string> = {};
  for (const name of STEADY_SECRET_NAMES) {
    const arn = env[`${name}_ARN`];
    if (!env[name] && arn) steady[name] = await currentValue(provider(), arn);
  }
  for (const name of ROTATING_SECRET_NAMES) {
    const value = env[name];
    const arn = env[`${name}_ARN`];
    if (value) rings[name] = fixedSecret(value);
    else if (arn) {
      // One provider per stage: Powertools caches by name, so one would return the current version for the others.
      const ring = new RotatingSecret(
        arn,
        { AWSCURRENT: provider(), AWSPENDING: provider(), AWSPREVIOUS: provider() },
        Date.now,
        (error) => logger.warn('secret refresh failed; keeping the keys read before', errorFields(error)),
      );
      rotating.push(ring);
      rings[name] = ring;
    }
  }
  const refresh = async () => {
    await Promise.all(rotating.map((r) => r.refresh()));
  };
  await refresh();
  const values = Object.fromEntries(Object.entries(rings).map(([name, ring]) => [name, ring.current()]));
  return { rings, env: { ...env, ...steady, ...values }, refresh };
}

/** A secret's current version, read once (a function keeps it until it is recycled). */
async function currentValue(provider: SecretsProvider, arn: string): Promise<string> {
  const value = await provider.get(arn);
  if (typeof value !== 'string' || value === '')
    throw new Error(`configuration is invalid: the secret ${arn} has no string value`);
  return value;
}

/** Wraps a handler so every invocation first brings the secrets up to date (a cache hit almost always). */
export function refreshingSecrets<A extends unknown[], R>(
  secrets: Pick<Secrets, 'refresh'>,
  handler: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  return async (...args) => {
    await secrets.refresh();
    return handler(...args);
  };
}

/**
 * A Lambda entry's handler: its secrets read and its settings checked once at cold start (a bad one fails naming
 * it), and every invocation preceded by a cached refresh of the secrets, so a rotation reaches it within
 * SECRET_MAX_AGE_S.
 */
export async function withRotatingSecrets<K extends SettingName, A extends unknown[], R>(
  names: readonly K[],
  build: (config: Pick<Settings, K>, rings: SecretRings) => (...args: A) => Promise<R>,
): Promise<(...args: A) => Promise<R>> {
  const secrets = await loadSecrets(process.env);
  return refreshingSecrets(secrets, build(loadConfig(secrets.env, names), secrets.rings));
}
