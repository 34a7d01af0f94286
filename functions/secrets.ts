// Secrets resolved once at cold start: in AWS the HMAC secrets live in Secrets Manager (TOKEN_SECRET_ARN for status
// links, ACTION_LINK_SECRET_ARN for staff action links); locally they come straight from the environment.
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

type Env = Readonly<Record<string, string | undefined>>;

const SECRETS = ['TOKEN_SECRET', 'ACTION_LINK_SECRET'] as const;

export async function withSecrets(env: Env, client?: Pick<SecretsManagerClient, 'send'>): Promise<Env> {
  const missing = SECRETS.filter((name) => !env[name] && env[`${name}_ARN`]);
  if (missing.length === 0) return env;
  const secrets = client ?? new SecretsManagerClient(env.AWS_REGION ? { region: env.AWS_REGION } : {});
  const resolved: Record<string, string> = {};
  for (const name of missing) {
    const { SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId: env[`${name}_ARN`] }));
    if (!SecretString)
      throw new Error(`configuration is invalid: ${name}_ARN: the secret has no string value`);
    resolved[name] = SecretString;
  }
  return { ...env, ...resolved };
}
