// How an AWS SDK call failed, as the delivery policy needs to know it: the service answered (by its error name), the
// network failed on the way (temporary), or the call failed on our side before any request left (a defect).
import { DeliveryError, type DeliveryFailure } from '#domain/ports.js';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
]);
const NETWORK_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'AbortError']);

interface SdkErrorShape {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly $fault?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: unknown };
}

export function errorName(error: unknown): string {
  const name = (error as SdkErrorShape | undefined)?.name;
  return typeof name === 'string' && name ? name : 'UnknownError';
}

/** The service answered with an error (it has a fault side or an HTTP status). */
export function isServiceError(error: unknown): boolean {
  const shape = error as SdkErrorShape | undefined;
  return shape?.$fault !== undefined || typeof shape?.$metadata?.httpStatusCode === 'number';
}

/** The request could not reach the service, or its answer did not come back in time. */
export function isNetworkError(error: unknown): boolean {
  const shape = error as SdkErrorShape | undefined;
  return (
    (typeof shape?.code === 'string' && NETWORK_CODES.has(shape.code)) || NETWORK_NAMES.has(errorName(error))
  );
}

/**
 * The SDK adds `$metadata` once a request is on its way (its retry step); an error without it, and neither a
 * service nor a network error, was raised while the request was being built: serializing, signing, our input.
 */
export function isLocalError(error: unknown): boolean {
  return (
    !isServiceError(error) &&
    !isNetworkError(error) &&
    (error as SdkErrorShape | undefined)?.$metadata === undefined
  );
}

/** A failed send as the delivery policy reads it; `permanent` names the service errors no retry can fix. */
export function deliveryFailure(error: unknown, permanent: ReadonlySet<string>): DeliveryFailure {
  if (isLocalError(error)) return 'defect';
  return isServiceError(error) && permanent.has(errorName(error)) ? 'permanent' : 'temporary';
}

/**
 * An SDK client that is replaced after any error raised on our side of the wire: the query serializer (SES, SNS) keeps
 * a half-built request when encoding throws and prepends it to the next one (docs/delivery.md). A failed call becomes
 * a DeliveryError of the kind `classify` reads in it.
 */
export class IsolatedClient<C extends { destroy(): void }> {
  private client: C;

  constructor(private readonly create: () => C) {
    this.client = create();
  }

  async call<T>(send: (client: C) => Promise<T>, classify: (error: unknown) => DeliveryFailure): Promise<T> {
    try {
      return await send(this.client);
    } catch (error) {
      const kind = classify(error);
      if (kind === 'defect') {
        this.client.destroy();
        this.client = this.create();
      }
      throw new DeliveryError(errorName(error), kind);
    }
  }
}
