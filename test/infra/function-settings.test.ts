// Each function's settings in infra/functions.ts are exactly what its Lambda entry reads: every entry is started
// here with the environment the table gives it, and the names it asks the settings reader (functions/config.ts)
// for are recorded. No synth: the synthesized environments are checked against the table in stacks.test.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SettingName } from '../../functions/config.js';
import { readDeployConfig } from '../../infra/config.js';
import { entryPath, FUNCTION_ENTRIES, PROJECT_ROOT } from '../../infra/constructs/bundling.js';
import {
  type DeployedValues,
  environmentOf,
  FUNCTIONS,
  isSecret,
  SETTING_SOURCES,
  variableOf,
} from '../../infra/functions.js';

const asked = vi.hoisted(() => new Set<string>());
vi.mock('../../functions/config.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../functions/config.js')>();
  const loadConfig: typeof actual.loadConfig = (env, names) => {
    for (const name of names) asked.add(name);
    return actual.loadConfig(env, names);
  };
  return { ...actual, loadConfig };
});

afterEach(() => {
  vi.unstubAllEnvs();
  asked.clear();
});

const deployed: DeployedValues = {
  config: readDeployConfig(
    (key) =>
      ({
        senderAddress: 'notificaciones@certicamara.com',
        allowedOrigins: 'https://soporte.certicamara.com',
      })[key],
    {},
  ),
  tableName: 'tickets',
  publicBaseUrl: 'https://api.example.com',
  mailConfigurationSet: 'mail-events',
  pagerTopicArn: 'arn:aws:sns:us-east-1:111111111111:p1-alerts-dev',
  receivedMailBucket: 'received-mail',
};

/** The settings the stack never sets (the runtime's, the twin's, a default), which any entry may read. */
const unset = (name: SettingName) => 'unset' in SETTING_SOURCES[name];

describe('the function table', () => {
  it('declares every Lambda entry, and no other', () => {
    expect(Object.keys(FUNCTIONS).sort()).toEqual([...FUNCTION_ENTRIES].sort());
    const entries = readdirSync(join(PROJECT_ROOT, 'functions/lambda')).filter((f) => f.endsWith('.ts'));
    expect(entries.map((f) => f.replace(/\.ts$/, '')).sort()).toEqual([...FUNCTION_ENTRIES].sort());
  });

  it.each(Object.entries(FUNCTIONS))(
    'gives %s exactly the settings its entry reads at cold start',
    async (name, spec) => {
      // The table's environment, each secret's value standing in for its ARN (as functions/secrets.ts reads it).
      const env = environmentOf(spec, deployed, (secret) => `arn:aws:secretsmanager:::secret:${secret}`);
      for (const setting of spec.settings.filter(isSecret)) {
        delete env[variableOf(setting)];
        env[setting] = 's'.repeat(40);
      }
      for (const [key, value] of Object.entries({ ...env, AWS_REGION: 'us-east-1' })) vi.stubEnv(key, value);
      await import(/* @vite-ignore */ entryPath(name as (typeof FUNCTION_ENTRIES)[number])).catch(
        (error: unknown) => {
          // The web entry's pages travel beside its bundle (web/): from the sources they are missing, after its
          // settings were read and checked.
          if (!(name === 'web' && /manifest\.json/.test(String(error)))) throw error;
        },
      );
      const read = [...asked].filter((setting) => !unset(setting as SettingName));
      expect(read.sort(), `${name}: the settings its entry reads, but for the unset ones`).toEqual(
        [...spec.settings].sort(),
      );
    },
  );

  it('lists no setting twice, and none the stack never sets', () => {
    for (const [name, spec] of Object.entries(FUNCTIONS)) {
      expect(new Set(spec.settings).size, name).toBe(spec.settings.length);
      expect(spec.settings.filter(unset), name).toEqual([]);
    }
  });
});

describe('the functions', () => {
  it('read the environment only through the settings reader (so the names recorded above are all it reads)', () => {
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return sources(path);
        return entry.name.endsWith('.ts') ? [path] : [];
      });
    const direct = sources(join(PROJECT_ROOT, 'functions')).flatMap((path) =>
      readFileSync(path, 'utf8')
        .split('\n')
        .filter((line) => /process\.env(?!\s*[,)])/.test(line))
        .map((line) => `${path.slice(PROJECT_ROOT.length)}: ${line.trim()}`),
    );
    // process.env is only ever handed whole to loadConfig or loadSecrets, never read by name.
    expect(direct).toEqual([]);
  });
});
