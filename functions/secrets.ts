// The HMAC secrets (status links, staff action links, the web form's tokens). In AWS each lives in Secrets Manager
// (`<NAME>_ARN`) and is read through Powertools Parameters with a short cache: tokens are signed with the current
// version (AWSCURRENT) and verified against it and the previous one (AWSPREVIOUS), so a rotation takes effect
// within SECRET_MAX_AGE_S everywhere and links mailed before it keep working until the next rotation. Locally the
// value comes straight from the environment (`<NAME>`), and never changes.
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { fixedSecret, type SecretRing } from './secret-ring.js';

export type { SecretRing } from './secret-ring.js';

type Env = Readonly<Record<string, string | undefined>>;

export const SECRET_NAMES = ['TOKEN_SECRET', 'ACTION_LINK_SECRET', 'FORM_TOKEN_SECRET'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];
/** The secrets a function was given, by name (each function gets only those it uses). */
export type SecretRings = Partial<Record<SecretName, SecretRing>>;

/** How long a function trusts what it read: a rotation reaches every warm function within this. */
export const SECRET_MAX_AGE_S = 300;

/** A Secrets Manager secret's current and previous versions, refreshed at most every SECRET_MAX_AGE_S. */
export class RotatingSecret implements SecretRing {
  private keys: readonly string[] = [];

  constructor(
    private readonly arn: string,
    private readonly currentVersion: SecretsProvider,
    private readonly previousVersion: SecretsProvider,
  ) {}

  current(): string {
    const [key] = this.keys;
    if (key === undefined) throw new Error('secret not read yet: call refresh() first');
    return key;
  }

  all(): readonly string[] {
    return this.keys;
  }

  /** Reads both versions unless cached; a secret never rotated has no previous version. */
  async refresh(): Promise<void> {
    const current = await this.currentVersion.get(this.arn, { maxAge: SECRET_MAX_AGE_S });
    if (typeof current !== 'string' || current === '') {
      throw new Error(`configuration is invalid: the secret ${this.arn} has no string value`);
    }
    let previous: unknown;
    try {
      previous = await this.previousVersion.get(this.arn, {
        maxAge: SECRET_MAX_AGE_S,
        sdkOptions: { VersionStage: 'AWSPREVIOUS' },
      });
    } catch (error) {
      // No AWSPREVIOUS yet (never rotated): nothing to accept besides the current version.
      if (((error as { cause?: { name?: string } }).cause?.name ?? '') !== 'ResourceNotFoundException')
        throw error;
      previous = undefined;
    }
    this.keys =
      typeof previous === 'string' && previous !== '' && previous !== current
        ? [current, previous]
        : [current];
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
  for (const name of SECRET_NAMES) {
    const value = env[name];
    const arn = env[`${name}_ARN`];
    if (value) rings[name] = fixedSecret(value);
    else if (arn) {
      // Two providers: Powertools caches by name, so one would return the current version for the previous.
      const ring = new RotatingSecret(arn, provider(), provider());
      rotating.push(ring);
      rings[name] = ring;
    }
  }
  const refresh = async () => {
    await Promise.all(rotating.map((r) => r.refresh()));
  };
  await refresh();
  const values = Object.fromEntries(Object.entries(rings).map(([name, ring]) => [name, ring.current()]));
  return { rings, env: { ...env, ...values }, refresh };
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
