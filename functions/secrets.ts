// Secrets resolved once at cold start: in AWS the status-link HMAC secret lives in Secrets Manager
// (TOKEN_SECRET_ARN); locally it comes straight from TOKEN_SECRET.
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

type Env = Readonly<Record<string, string | undefined>>;

export async function withSecrets(env: Env, client?: Pick<SecretsManagerClient, 'send'>): Promise<Env> {
  if (env.TOKEN_SECRET || !env.TOKEN_SECRET_ARN) return env;
  const secrets = client ?? new SecretsManagerClient(env.AWS_REGION ? { region: env.AWS_REGION } : {});
  const { SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId: env.TOKEN_SECRET_ARN }));
  if (!SecretString)
    throw new Error('configuration is invalid: TOKEN_SECRET_ARN: the secret has no string value');
  return { ...env, TOKEN_SECRET: SecretString };
}
