import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { routeCommand } from '../../scripts/route.js';
import { bogota } from '../helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const run = (args: string) => routeCommand(args.split(' ').filter(Boolean), () => bogota('2026-11-22T10:00'));

describe('route command', () => {
  it('prints the decision of the contract example as one JSON object', () => {
    const result = run('--product certifactura --type incidente --priority 1 --at 2026-11-21T15:00:00-05:00');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const decision = JSON.parse(result.stdout);
    expect(decision).toMatchObject({
      product: 'certifactura',
      type: 'incidente',
      priority: 'P1',
      receivedAt: '2026-11-21T15:00:00.000-05:00',
      queue: 'support',
      destination: 'p1-line',
      mailbox: 'soporte.certifactura@certicamara.com',
      escalationLevel: 2,
      openNow: false,
      nextOpenAt: '2026-11-23T07:00:00.000-05:00',
      contactNow: { channel: 'p1-line', value: '318 717 4937', tel: '+573187174937' },
      firstResponseDueAt: '2026-11-21T15:30:00.000-05:00',
      resolutionDueAt: '2026-11-21T19:00:00.000-05:00',
      legalDueAt: null,
    });
  });

  it('defaults --at to now, and reads case-insensitive values (p1, Biometría, APELACIÓN)', () => {
    expect(JSON.parse(run('--product Biometría --type APELACIÓN').stdout)).toMatchObject({
      receivedAt: '2026-11-22T10:00:00.000-05:00',
      type: 'apelacion',
      priority: 'P3',
      escalationLevel: 2,
    });
    expect(JSON.parse(run('--product CERTIFACTURA --type Incidente --priority p1').stdout).priority).toBe(
      'P1',
    );
  });

  it.each([
    ['peticion-documentos', 'peticion-documentos'],
    ['"Petición de documentos o información"', 'peticion-documentos'],
    ['PETICION DE INFORMACION', 'peticion-documentos'],
    ['Consulta', 'consulta'],
    ['"Reclamo de datos personales"', 'datos-reclamo'],
  ])('reads --type %s (an id or a Spanish label) as %s', (input, id) => {
    const args = [
      '--product',
      'certifactura',
      '--type',
      input.replaceAll('"', ''),
      '--at',
      '2026-11-18T10:00',
    ];
    expect(JSON.parse(routeCommand(args).stdout).type).toBe(id);
  });

  it.each([
    ['2026-11-21T20:00:00Z', '2026-11-21T15:00:00.000-05:00'],
    ['2026-11-21T15:00', '2026-11-21T15:00:00.000-05:00'],
    ['2026-11-21T17:00:00-03:00', '2026-11-21T15:00:00.000-05:00'],
    ['2026-11-22T04:59:59.999Z', '2026-11-21T23:59:59.999-05:00'],
  ])('reads --at %s as %s', (at, expected) => {
    expect(JSON.parse(run(`--product certifactura --type queja --at ${at}`).stdout).receivedAt).toBe(
      expected,
    );
  });

  it.each([
    [
      '--product acme --type incidente --priority 1',
      /^route: product: unknown product "acme" \(allowed: certifactura, biometria\)\n$/,
    ],
    [
      '--product certifactura --type felicitacion --priority 1',
      /type: unknown type "felicitacion" \(allowed: incidente, requerimiento, peticion, peticion-documentos, consulta/,
    ],
    [
      '--product certifactura --type incidente --priority 7',
      /priority: "7" is not a priority .*\(allowed: 1, 2, 3, 4, P1, P2, P3, P4\)/,
    ],
    [
      '--product certifactura --type incidente --priority 1 --at mañana',
      /at: "mañana" is not an ISO-8601 instant/,
    ],
    ['--product certifactura --type incidente --priority 1 --at 1999-12-31T10:00', /at: .* in 2000–2100/],
    ['--type incidente --priority 1', /product: is required \(allowed: certifactura, biometria\)/],
    ['--product certifactura --type incidente', /priority: is required for support requests/],
    [
      '--product certifactura --type incidente --priority 1 --canal web',
      /Unknown option '--canal' \(allowed options: --product/,
    ],
    ['--product', /argument missing/],
  ])('%s → exit 2, one line on stderr, nothing on stdout', (args, message) => {
    const result = run(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('runs as `npm run --silent route`, with exit code 2 on bad input', () => {
    const ok = spawnSync(
      'npm',
      ['run', '--silent', 'route', '--', '--product', 'biometria', '--type', 'queja'],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ product: 'biometria', queue: 'pqrsa' });

    const bad = spawnSync('npm', ['run', '--silent', 'route', '--', '--product', 'x', '--type', 'queja'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^route: product: unknown product "x"/m);
  }, 60_000);

  it('answers the acceptance line of issue 16: a petición de documentos has 10 business days', () => {
    // `npm run --silent route -- --product certifactura --type peticion-documentos --at 2026-11-18T10:00-05:00`
    const args = '--product certifactura --type peticion-documentos --at 2026-11-18T10:00-05:00'.split(' ');
    const result = spawnSync('npm', ['run', '--silent', 'route', '--', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('"legalDueAt": "2026-12-02T17:00:00.000-05:00"');
    expect(routeCommand(args).stdout).toBe(result.stdout);
  }, 60_000);
});
