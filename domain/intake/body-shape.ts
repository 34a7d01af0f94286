// Bounds on a parsed JSON body, checked in one loop (no recursion) before anything walks it recursively: the
// Idempotency-Key fingerprint, validation, logs. Also refuses ill-formed text anywhere in it, keys included, so a
// lone UTF-16 surrogate never reaches a record, a mail or a log.
import { type FieldIssue, ValidationError } from '../errors.js';
import { isWellFormed, toWellFormed, truncateText } from '../text.js';

/** A submission is 3 levels deep and has about 15 values; these leave room and still bound the work. */
export const BODY_BOUNDS = { maxDepth: 16, maxValues: 2_000 } as const;

/** At most this many ill-formed strings are named; one is enough to refuse the body. */
const MAX_REPORTED = 10;

/**
 * Throws a ValidationError naming the problem: the body nests deeper than BODY_BOUNDS.maxDepth (`too_deep`), holds
 * more than BODY_BOUNDS.maxValues values (`too_many_values`), or contains text with a lone surrogate
 * (`ill_formed_text`, at each such field's path).
 */
export function checkBodyShape(body: unknown): void {
  const pending: { value: unknown; path: string; depth: number }[] = [{ value: body, path: '', depth: 0 }];
  const illFormed: FieldIssue[] = [];
  let values = 0;
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, path, depth } = next;
    if (++values > BODY_BOUNDS.maxValues)
      throw beyond('too_many_values', BODY_BOUNDS.maxValues, 'has more than %d values');
    if (typeof value === 'string') {
      if (!isWellFormed(value)) illFormed.push(illFormedAt(path));
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= BODY_BOUNDS.maxDepth)
      throw beyond('too_deep', BODY_BOUNDS.maxDepth, 'nests deeper than %d levels');
    const entries: [string, unknown][] = Array.isArray(value)
      ? value.map((item, i) => [String(i), item])
      : Object.entries(value);
    for (const [key, item] of entries) {
      const itemPath = join(path, key);
      if (!isWellFormed(key)) illFormed.push(illFormedAt(itemPath));
      pending.push({ value: item, path: itemPath, depth: depth + 1 });
    }
  }
  if (illFormed.length > 0) {
    const unique = [...new Map(illFormed.map((i) => [i.path, i])).values()];
    throw new ValidationError(unique.slice(0, MAX_REPORTED));
  }
}

/** The body as a whole is beyond one of BODY_BOUNDS. */
function beyond(code: 'too_deep' | 'too_many_values', max: number, message: string): ValidationError {
  return new ValidationError([
    { path: '', code, message: message.replace('%d', String(max)), params: { max } },
  ]);
}

/** A dotted path whose parts are echoed safely: well-formed, and cut to a readable length. */
function join(path: string, key: string): string {
  const part = truncateText(toWellFormed(key), 60, '…');
  return path ? `${path}.${part}` : part;
}

function illFormedAt(path: string): FieldIssue {
  return { path, code: 'ill_formed_text', message: 'contains ill-formed text (a lone UTF-16 surrogate)' };
}
