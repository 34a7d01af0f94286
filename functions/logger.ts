// Structured JSON logs (Powertools Logger). Personal data never goes in: log ticket ids, products, routes and error
// codes; identify a requester only by `pseudonym()`.
import { createHash } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({ serviceName: 'ticket-router' });

/** A stable, non-reversible tag for a personal value (e.g. an e-mail), to correlate log lines without exposing it. */
export function pseudonym(value: string): string {
  return createHash('sha256').update(value.trim().toLowerCase()).digest('hex').slice(0, 12);
}

/** What may be logged about an error: its name and AWS code, never its message (it can echo input). */
export function errorFields(error: unknown): Record<string, string> {
  if (!(error instanceof Error)) return { errorName: typeof error };
  const code = (error as { code?: unknown; Code?: unknown }).code ?? (error as { Code?: unknown }).Code;
  return { errorName: error.name, ...(typeof code === 'string' ? { errorCode: code } : {}) };
}
