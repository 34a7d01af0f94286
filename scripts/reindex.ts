// `npm run reindex -- [--dry-run] [--requester-hash]`: derives again what each ticket keeps for the indexes (its
// summary, first answer, queue and month index keys and, with --requester-hash, the keyed hash of its requester's
// address) and writes what is missing or out of date (functions/adapters/dynamo/reindex.ts). For a table written
// before the staff console, and after a new REQUESTER_HASH_SECRET (docs/operations.md). Prints counts and radicados
// only, never personal data. Safe to run again, and beside live traffic.
import { parseArgs } from 'node:util';
import { type ReindexReport, reindexTickets } from '#functions/adapters/dynamo/reindex.js';
import { TableClient } from '#functions/adapters/dynamo/table-client.js';
import { keyedRequesterHash } from '#functions/adapters/requester-hash.js';
import { secret } from '#functions/config.js';
import { loadSecrets } from '#functions/secrets.js';
import { type CommandResult, runWhenInvoked } from './command.js';
import { STAGE_TABLE_USAGE, stageTable } from './stage-table.js';

const USAGE = `usage: npm run reindex -- [--dry-run] [--requester-hash]

  --dry-run          count what is missing or out of date, write nothing
  --requester-hash   also recompute each ticket's requester hash under the key in force: REQUESTER_HASH_SECRET,
                     or the Secrets Manager secret REQUESTER_HASH_SECRET_ARN (its current version)

  ${STAGE_TABLE_USAGE}`;

type Env = Readonly<Record<string, string | undefined>>;

export async function reindexCommand(
  argv: readonly string[],
  env: Env = process.env,
  progress: (line: string) => void = (line) => process.stderr.write(line),
): Promise<CommandResult> {
  let options: { dryRun: boolean; requesterHash: boolean };
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { 'dry-run': { type: 'boolean' }, 'requester-hash': { type: 'boolean' } },
      allowPositionals: true,
    });
    if (positionals.length > 0) throw new Error(`unexpected argument ${positionals[0]}`);
    options = { dryRun: values['dry-run'] === true, requesterHash: values['requester-hash'] === true };
  } catch (error) {
    return { code: 2, stdout: '', stderr: `${(error as Error).message}\n${USAGE}\n` };
  }
  const { db, table } = stageTable(env);
  try {
    const key = options.requesterHash ? await requesterHashKey(env) : undefined;
    const report = await reindexTickets(new TableClient(db, table), {
      dryRun: options.dryRun,
      ...(key === undefined ? {} : { requesterHash: keyedRequesterHash(key) }),
      onProgress: (so) => progress(`${so.tickets} tickets read, ${so.updated} ${verb(options.dryRun)}\n`),
    });
    const { skipped } = report;
    return {
      code: skipped.length > 0 ? 1 : 0,
      stdout: summary(report, options.dryRun),
      stderr:
        skipped.length > 0
          ? `${skipped.length} tickets kept changing and were left as they were; run it again: ${skipped.join(' ')}\n`
          : '',
    };
  } catch (error) {
    // SDK and item errors name keys and settings, never an item's content.
    const { name, message } = error as Error;
    return { code: 1, stdout: '', stderr: `re-index stopped: ${name}: ${message}\n` };
  } finally {
    db.destroy();
  }
}

const verb = (dryRun: boolean) => (dryRun ? 'would be updated' : 'updated');

function summary(report: ReindexReport, dryRun: boolean): string {
  const fields = Object.entries(report.fields)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([field, n]) => `  ${field}\t${n}\n`);
  return [
    `${report.tickets} tickets read, ${report.updated} ${verb(dryRun)}${report.retried > 0 ? ` (${report.retried} read again: they changed meanwhile)` : ''}\n`,
    ...(fields.length > 0 ? ['attributes missing or out of date, by tickets:\n', ...fields] : []),
  ].join('');
}

/**
 * The key from the one place named, read as the functions read it (functions/secrets.ts: an ARN's current version) and
 * checked as their settings are. Both named is refused, since a key left in the shell would re-key the table.
 */
async function requesterHashKey(env: Env): Promise<string> {
  const { REQUESTER_HASH_SECRET: value, REQUESTER_HASH_SECRET_ARN: arn } = env;
  if (value && arn)
    throw new Error(
      'REQUESTER_HASH_SECRET and REQUESTER_HASH_SECRET_ARN are both set: name the key one way only',
    );
  if (!value && !arn)
    throw new Error('REQUESTER_HASH_SECRET or REQUESTER_HASH_SECRET_ARN is required with --requester-hash');
  const key =
    value ??
    (await loadSecrets({ REQUESTER_HASH_SECRET_ARN: arn, AWS_REGION: env.AWS_REGION })).env
      .REQUESTER_HASH_SECRET;
  const checked = secret.safeParse(key);
  if (!checked.success)
    throw new Error(
      `${value ? 'REQUESTER_HASH_SECRET' : `REQUESTER_HASH_SECRET_ARN (${arn})`}: ${checked.error.issues[0]?.message}`,
    );
  return checked.data;
}

await runWhenInvoked(import.meta.url, (argv) => reindexCommand(argv));
