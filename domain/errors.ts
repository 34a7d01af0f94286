// The one error family of the domain. Adapters map these to HTTP statuses, CLI exit codes or log lines.

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `priority` or `requester.email`. */
  readonly path: string;
  readonly message: string;
  /** Allowed values, when the field takes one of a closed set. */
  readonly allowed?: readonly string[];
}

export abstract class DomainError extends Error {
  abstract readonly code: string;
}

/** Input that breaks a rule of the domain; names each field and what is allowed. */
export class ValidationError extends DomainError {
  readonly code = 'validation_failed';
  constructor(readonly fields: readonly FieldIssue[]) {
    super(fields.map(formatFieldIssue).join('; '));
    this.name = 'ValidationError';
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'not_found';
  constructor(message = 'not found') {
    super(message);
    this.name = 'NotFoundError';
  }
}

export class ConflictError extends DomainError {
  readonly code = 'conflict';
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** The catalog (data/) breaks an invariant; raised at load, never at request time. */
export class CatalogError extends DomainError {
  readonly code = 'catalog_invalid';
  constructor(readonly problems: readonly string[]) {
    super(`catalog is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'CatalogError';
  }
}

export function formatFieldIssue(issue: FieldIssue): string {
  const allowed = issue.allowed ? ` (allowed: ${issue.allowed.join(', ')})` : '';
  return `${issue.path}: ${issue.message}${allowed}`;
}
