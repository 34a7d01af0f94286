// `npm run api-key -- create|revoke|list [--name <name>]`: keys of trusted integrations that submit without the
// web form (X-Api-Key). Against the twin's table by default (DynamoDB Local on DYNAMODB_PORT, 8000); against a
// stage's table with TABLE_NAME (the stack's TableName output) and AWS_REGION, on the usual AWS credentials.
// The key is printed once, at creation: only its SHA-256 is stored.
import { parseArgs } from 'node:util';
import { DynamoApiKeys } from '#functions/adapters/api-keys.js';
import { type CommandResult, runWhenInvoked } from './command.js';
import { STAGE_TABLE_USAGE, stageTable } from './stage-table.js';

const USAGE = `usage: npm run api-key -- create --name <name> | revoke --name <name> | list

  create   prints a new key for the integration <name> (1–64 letters, digits, . - _), once
  revoke   revokes the keys in force named <name>; they stop working within a minute
  list     names, creation and revocation times (never the keys)

  ${STAGE_TABLE_USAGE}`;

export async function apiKeyCommand(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<CommandResult> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    return { code: 2, stdout: '', stderr: `${(error as Error).message}\n${USAGE}\n` };
  }
  const { command, name } = parsed;
  if (command === undefined || !['create', 'revoke', 'list'].includes(command)) {
    return { code: 2, stdout: '', stderr: `${command ? `unknown command ${command}\n` : ''}${USAGE}\n` };
  }
  if (command !== 'list' && !name)
    return { code: 2, stdout: '', stderr: `--name is required for ${command}\n` };
  const { db, table } = stageTable(env);
  const keys = new DynamoApiKeys(db, table);
  try {
    if (command === 'create') {
      const key = await keys.create(String(name));
      return { code: 0, stdout: `${key}\n`, stderr: `Key for ${name} (shown once; send it as X-Api-Key).\n` };
    }
    if (command === 'revoke') {
      const n = await keys.revoke(String(name));
      return n > 0
        ? { code: 0, stdout: `revoked ${n} key(s) named ${name}\n`, stderr: '' }
        : { code: 1, stdout: '', stderr: `no key in force is named ${name}\n` };
    }
    const rows = (await keys.list()).map((k) => `${k.name}\t${k.createdAt}\t${k.revokedAt ?? 'in force'}`);
    return { code: 0, stdout: `${['name\tcreated\trevoked', ...rows].join('\n')}\n`, stderr: '' };
  } catch (error) {
    const message = (error as Error).message;
    return {
      code: 1,
      stdout: '',
      stderr: `${message.startsWith('a key') ? message : `could not reach the table: ${(error as Error).name}`}\n`,
    };
  } finally {
    db.destroy();
  }
}

function parse(argv: readonly string[]) {
  const { positionals, values } = parseArgs({
    args: [...argv],
    options: { name: { type: 'string' } },
    allowPositionals: true,
  });
  return { command: positionals[0], name: values.name };
}

await runWhenInvoked(import.meta.url, (argv) => apiKeyCommand(argv));
