// A cold-start baseline for a library this project added: Powertools Metrics alone (one instance, as
// functions/metrics.ts creates), bundled exactly like the real functions.
import { Metrics } from '@aws-lambda-powertools/metrics';

const metrics = new Metrics({ namespace: 'Bench', serviceName: 'bench' });

export const handler = async () => ({ statusCode: 204, metrics: typeof metrics });
