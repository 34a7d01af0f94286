// Structured JSON logs (Powertools Logger). Personal data never goes in: log ticket ids, products, routes and error
// codes, never a requester (not even a hash of their address, which anyone can reverse by hashing guesses).
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({ serviceName: 'ticket-router' });

/** What may be logged about an error: its name and AWS code, never its message (it can echo input). */
export function errorFields(error: unknown): Record<string, string> {
  if (!(error instanceof Error)) return { errorName: typeof error };
  const code = (error as { code?: unknown; Code?: unknown }).code ?? (error as { Code?: unknown }).Code;
  return { errorName: error.name, ...(typeof code === 'string' ? { errorCode: code } : {}) };
}
