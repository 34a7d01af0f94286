// The twin killed mid-load (SIGKILL to its Node processes, as a crash of our code would) and started again on the
// same data: every request that got a 201 has its ticket, and each of its notifications ends up recorded as sent
// exactly once (the restarted stream consumer reads the stream again and skips what was sent). DynamoDB Local is
// stopped cleanly beside it: in AWS the database is a managed service that does not crash with our functions, and
// DynamoDB Local does not keep its last acknowledged writes through a SIGKILL (CI runs lost the last accepted ticket
// that way), which would test the emulator, not the router.
import { type ChildProcess, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePorts } from '../../scripts/twin/emulators.js';
import { apiKeyFor, spawnStart, validSubmission, waitFor } from './support.js';

const dataDir = mkdtempSync(join(tmpdir(), 'crash-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.pid) kill(child);
  rmSync(dataDir, { recursive: true, force: true });
});

function kill(child: ChildProcess): void {
  try {
    process.kill(-(child.pid as number), 'SIGKILL');
  } catch {
    // already gone
  }
}

/** The processes of `child`'s group, Java (DynamoDB Local) apart from the rest. */
function groupOf(child: ChildProcess): { java: number[]; others: number[] } {
  const rows = execFileSync('ps', ['-e', '-o', 'pid=,pgid=,comm=']).toString().trim().split('\n');
  const members = rows
    .map((row) => row.trim().split(/\s+/))
    .filter(([, pgid]) => Number(pgid) === child.pid)
    .map(([pid, , comm]) => ({ pid: Number(pid), java: (comm ?? '').includes('java') }));
  return {
    java: members.filter((m) => m.java).map((m) => m.pid),
    others: members.filter((m) => !m.java).map((m) => m.pid),
  };
}

/** Our processes die at once (SIGKILL); DynamoDB Local is asked to stop and awaited. */
async function crash(child: ChildProcess): Promise<void> {
  const { java, others } = groupOf(child);
  for (const pid of others) signal(pid, 'SIGKILL');
  for (const pid of java) signal(pid, 'SIGTERM');
  await waitFor(async () => java.every((pid) => !alive(pid)), {
    timeoutMs: 30_000,
    what: 'DynamoDB Local to stop',
  });
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function start(env: Record<string, string>): Promise<ChildProcess> {
  const { child } = await spawnStart(
    { ...env, DATA_DIR: dataDir, RATE_LIMIT_PER_5MIN: '0', ACK_LIMIT_PER_HOUR: '0' },
    { detached: true },
  );
  children.push(child);
  return child;
}

describe('a crash under load', () => {
  it('loses no accepted request, and every notification of one is recorded as sent once', async () => {
    const [api, dynamo, ses] = await freePorts(3);
    const ports = { PORT: String(api), DYNAMODB_PORT: String(dynamo), SES_PORT: String(ses) };
    const base = `http://localhost:${ports.PORT}`;
    const first = await start({ ...ports, NOW: '2026-11-23T10:00:00-05:00' });
    // Six submitters as one trusted integration (an API key), the per-IP and per-recipient limits off (start()).
    const apiKey = await apiKeyFor(ports.DYNAMODB_PORT, 'crash');

    const accepted: { id: string; statusUrl: string }[] = [];
    let cut = 0;
    let crashed = false;
    const worker = async () => {
      while (!crashed) {
        try {
          const response = await fetch(`${base}/requests`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
            body: JSON.stringify(validSubmission()),
          });
          if (response.status === 201) accepted.push((await response.json()) as (typeof accepted)[number]);
        } catch {
          cut++; // in flight when the twin died
        }
      }
    };
    const workers = Array.from({ length: 6 }, worker);
    await waitFor(async () => accepted.length >= 15, { timeoutMs: 60_000, what: '15 accepted submissions' });
    crashed = true;
    await crash(first);
    await Promise.all(workers);
    expect(accepted.length).toBeGreaterThanOrEqual(15);
    // The kill landed mid-load: requests were in flight and got no answer.
    expect(cut).toBeGreaterThan(0);

    // Five minutes later by the twin's clock: leases taken before the crash have expired.
    await start({ ...ports, NOW: '2026-11-23T10:05:00-05:00' });
    for (const { id, statusUrl } of accepted) {
      // What the last look saw, for the failure message: a lost ticket (404) reads differently from a late mail.
      let seen = 'nothing yet';
      const history = await waitFor(
        async () => {
          const response = await fetch(statusUrl);
          if (response.status !== 200) {
            seen = `status ${response.status}`;
            return undefined;
          }
          const view = (await response.json()) as { history: { event: string; note?: string }[] };
          const notified = view.history.filter((h) => h.event === 'notified');
          seen = view.history.map((h) => h.event).join(', ');
          return notified.length >= 2 && view.history;
        },
        // An attempt that fails right after the restart (the emulators still warming up on a loaded machine) is
        // retried a minute later by the twin's clock: the wait covers that backoff and the redrive's 5-second timer.
        { timeoutMs: 150_000, what: `both notifications of ${id} recorded as sent` },
      ).catch((error: Error) => {
        throw new Error(`${error.message} (last seen: ${seen})`);
      });
      const notified = history.filter((h) => h.event === 'notified').map((h) => h.note ?? '');
      expect(notified.filter((n) => n.startsWith('Aviso enviado a'))).toHaveLength(1);
      expect(notified.filter((n) => n.startsWith('Acuse de recibo'))).toHaveLength(1);
    }
  }, 420_000); // its own waits allow a minute for the load and, after the restart, one retry's backoff
});
