// What a routing request is, and how forgiving input (`Petición`, `APELACIÓN`, `p1`, 3) becomes one.
import { type Catalog, PRIORITIES, type Priority, type Queue } from '../catalog.js';
import { type FieldIssue, ValidationError } from '../errors.js';
import { toWellFormed, truncateText } from '../text.js';
import { type Instant, parseInstant, SUPPORTED_YEARS } from '../time/instant.js';

export interface RouteRequest {
  /** Catalog product id, e.g. `certifactura`. */
  readonly product: string;
  /** Catalog request type id, e.g. `peticion`. */
  readonly type: string;
  readonly priority: Priority;
  /** True when no priority was given and the PQRSA default applied. */
  readonly priorityDefaulted?: boolean;
}

/** Untrusted input, as it comes from a form, a query string or the command line. */
export interface RawRouteRequest {
  readonly product?: unknown;
  readonly type?: unknown;
  readonly priority?: unknown;
}

export const PRIORITY_INPUTS: readonly string[] = ['1', '2', '3', '4', ...PRIORITIES];

/** Lower case, accents removed, inner spaces collapsed: `  APELACIÓN ` → `apelacion`. */
export function foldForMatch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim().replace(/\s+/g, ' ');
}

/** `1`…`4` or `P1`…`P4` (any case, as a number or a string); undefined for anything else. */
export function parsePriority(input: unknown): Priority | undefined {
  if (typeof input === 'number') return Number.isInteger(input) ? PRIORITIES[input - 1] : undefined;
  if (typeof input !== 'string') return undefined;
  const match = /^p?([1-4])$/i.exec(input.trim());
  return match ? (`P${match[1]}` as Priority) : undefined;
}

/** Resolves products and request types by id, label or alias, without regard to case or accents. */
export class RequestVocabulary {
  private readonly products = new Map<string, string>();
  private readonly types = new Map<string, { id: string; queue: Queue }>();
  readonly productIds: readonly string[];
  readonly typeIds: readonly string[];

  constructor(private readonly catalog: Catalog) {
    for (const product of catalog.products) {
      for (const name of [product.id, product.shortName]) this.products.set(foldForMatch(name), product.id);
    }
    for (const type of catalog.requestTypes) {
      for (const name of [type.id, type.label.es, type.label.en, ...type.aliases]) {
        this.types.set(foldForMatch(name), { id: type.id, queue: type.queue });
      }
    }
    this.productIds = catalog.products.map((p) => p.id);
    this.typeIds = catalog.requestTypes.map((t) => t.id);
  }

  productId(input: unknown): string | undefined {
    if (typeof input !== 'string') return undefined;
    return this.products.get(input) ?? this.products.get(foldForMatch(input));
  }

  requestType(input: unknown): { id: string; queue: Queue } | undefined {
    if (typeof input !== 'string') return undefined;
    return this.types.get(input) ?? this.types.get(foldForMatch(input));
  }

  /** Validates all three fields at once and reports every problem, each naming its field and the allowed values. */
  parse(raw: RawRouteRequest): RouteRequest {
    const issues: FieldIssue[] = [];
    const product = this.productId(raw.product);
    if (product === undefined) issues.push(problem('product', raw.product, this.productIds));
    const type = this.requestType(raw.type);
    if (type === undefined) issues.push(problem('type', raw.type, this.typeIds));

    let priority = parsePriority(raw.priority);
    let priorityDefaulted = false;
    if (priority === undefined) {
      if (isAbsent(raw.priority) && type?.queue === 'pqrsa') {
        priority = this.catalog.pqrsa.defaultPriority;
        priorityDefaulted = true;
      } else {
        const missing = isAbsent(raw.priority);
        issues.push({
          path: 'priority',
          code: missing ? 'required' : 'invalid_priority',
          message: missing
            ? 'is required for support requests (1 = crítica … 4)'
            : `${JSON.stringify(raw.priority)} is not a priority (1 = crítica … 4)`,
          allowed: PRIORITY_INPUTS,
        });
      }
    }
    if (issues.length > 0 || product === undefined || type === undefined || priority === undefined) {
      throw new ValidationError(issues);
    }
    return priorityDefaulted
      ? { product, type: type.id, priority, priorityDefaulted }
      : { product, type: type.id, priority };
  }

  /**
   * Validates a request and an optional time of receipt (`at`, ISO-8601; default `now`) together, reporting every
   * bad field at once: what the `route` command and the routing preview take.
   */
  parseWithTime(
    raw: RawRouteRequest & { readonly at?: unknown },
    now: Instant,
  ): { request: RouteRequest; at: Instant } {
    const issues: FieldIssue[] = [];
    let request: RouteRequest | undefined;
    try {
      request = this.parse(raw);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      issues.push(...error.fields);
    }
    const at =
      raw.at === undefined || raw.at === ''
        ? now
        : typeof raw.at === 'string'
          ? parseInstant(raw.at)
          : undefined;
    if (at === undefined) {
      issues.push({
        path: 'at',
        code: 'invalid_instant',
        message:
          `${JSON.stringify(raw.at)} is not an ISO-8601 instant in ${SUPPORTED_YEARS.from}–${SUPPORTED_YEARS.to}` +
          ' (e.g. 2026-11-21T15:00:00-05:00, 2026-11-21T20:00:00Z, or 2026-11-21T15:00 for Bogotá time)',
      });
    }
    if (issues.length > 0 || request === undefined || at === undefined) throw new ValidationError(issues);
    return { request, at };
  }
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

function problem(path: string, value: unknown, allowed: readonly string[]): FieldIssue {
  return isAbsent(value)
    ? { path, code: 'required', message: 'is required', allowed }
    : { path, code: 'unknown_value', message: `unknown ${path} ${describe(value)}`, allowed };
}

/** A short, safe rendering of a rejected value (it may be huge or deeply nested input). */
function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(truncateText(toWellFormed(value), 61, '…'));
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return Array.isArray(value) ? '(a list)' : `(${typeof value})`;
}
