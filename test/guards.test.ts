// Guards that bind all later work: no source file outside test/ grows past what a newcomer can hold in their head.
// (Repeated blocks are jscpd's, run by `npm test` before vitest: see .jscpd.json.)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('..', import.meta.url).pathname;
const GUARDED = ['domain', 'functions', 'infra', 'web', 'scripts', 'data', 'bench'];
const MAX_LINES = 400;

function typescriptFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return entry.name === 'node_modules' || entry.name === 'dist' ? [] : typescriptFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('source files', () => {
  it(`are at most ${MAX_LINES} lines each in ${GUARDED.join(', ')}`, () => {
    const files = GUARDED.flatMap(typescriptFiles);
    expect(files.length).toBeGreaterThan(50);
    const long = files
      .map((file) => ({ file, lines: readFileSync(join(ROOT, file), 'utf8').split('\n').length - 1 }))
      .filter(({ lines }) => lines > MAX_LINES);
    expect(long, 'split these files by responsibility').toEqual([]);
  });
});
