// DynamoDB errors as the domain reads them: an outage (throttling, unreachable, timing out, failing) is an
// UnavailableError, answered 503 with Retry-After; anything else passes through as it is.
import { type DynamoDBServiceException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { UnavailableError } from '#domain/errors.js';
import { errorName, isNetworkError } from './sdk-errors.js';

const THROTTLING = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'LimitExceededException',
]);

/**
 * An outage becomes a domain UnavailableError (503 + Retry-After): throttling, DynamoDB unreachable or timing out,
 * or answering with a server error. Everything else (our defects, conditions) passes through.
 */
export function translate(error: unknown): unknown {
  if (error instanceof UnavailableError) return error;
  const name = errorName(error);
  if (THROTTLING.has(name)) return new UnavailableError('DynamoDB is throttling', 2, error);
  if (error instanceof TransactionCanceledException) {
    const codes = (error.CancellationReasons ?? []).map((r) => r.Code);
    if (codes.includes('ThrottlingError') || codes.includes('ProvisionedThroughputExceeded')) {
      return new UnavailableError('DynamoDB is throttling', 2, error);
    }
    return error;
  }
  if (isNetworkError(error)) return new UnavailableError('DynamoDB is unreachable', 5, error);
  const status = (error as DynamoDBServiceException | undefined)?.$metadata?.httpStatusCode ?? 0;
  if (status >= 500 || (error as DynamoDBServiceException | undefined)?.$fault === 'server')
    return new UnavailableError('DynamoDB is failing', 5, error);
  return error;
}
