// A cold-start baseline for a library this project added: Powertools Parameters' SecretsProvider (with the Secrets
// Manager client it builds), as functions/secrets.ts uses it, bundled exactly like the real functions.
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';

const provider = new SecretsProvider();

export const handler = async () => ({ statusCode: 204, provider: typeof provider });
