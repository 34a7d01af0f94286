// The twin's stand-in for the edge's rate-based WAF rule: at most `limit` POSTs per client IP in each 5-minute
// window (fixed windows, as WAF counts), answered past that with the edge's own 429 and a Retry-After.
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { RATE_LIMITED_BODY } from '#functions/http/rate-limited.js';

export const RATE_WINDOW_MS = 5 * 60_000;

export class RateLimiter {
  private window = -1;
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly limit: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request from `client`; the 429 to answer when it is over the limit, else undefined. */
  check(client: string): APIGatewayProxyStructuredResultV2 | undefined {
    if (this.limit <= 0) return undefined;
    const now = this.now();
    const window = Math.floor(now / RATE_WINDOW_MS);
    if (window !== this.window) {
      this.window = window;
      this.counts.clear();
    }
    const count = (this.counts.get(client) ?? 0) + 1;
    this.counts.set(client, count);
    if (count <= this.limit) return undefined;
    return {
      statusCode: 429,
      headers: {
        'content-type': 'application/json',
        'retry-after': String(Math.ceil(((window + 1) * RATE_WINDOW_MS - now) / 1000)),
      },
      body: RATE_LIMITED_BODY,
    };
  }
}
