// Radicados (reference numbers): `<prefix>-<Bogotá year of receipt>-<consecutive, at least six digits>`.

const RADICADO = /^([A-Z]{2,5})-(\d{4})-(\d{6,})$/;

export function formatRadicado(prefix: string, year: number, sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1)
    throw new RangeError(`bad radicado sequence ${sequence}`);
  return `${prefix}-${year}-${String(sequence).padStart(6, '0')}`;
}

export interface RadicadoParts {
  readonly prefix: string;
  readonly year: number;
  readonly sequence: number;
}

/** The parts of a well-formed radicado; undefined for anything else (so ids from URLs can be checked cheaply). */
export function parseRadicado(id: string): RadicadoParts | undefined {
  const match = RADICADO.exec(id);
  if (!match) return undefined;
  const [, prefix, year, sequence] = match as unknown as [string, string, string, string];
  return { prefix, year: Number(year), sequence: Number(sequence) };
}
