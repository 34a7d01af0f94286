// `npm start` as a user runs it: it prints its URLs, serves requests, keeps tickets across a restart, and stops on
// Ctrl-C without leaving DynamoDB Local (Java) behind.
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePorts } from '../../scripts/twin/emulators.js';
import { apiKeyFor, spawnStart, validSubmission } from './support.js';

const dataDir = mkdtempSync(join(tmpdir(), 'twin-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function start(ports: { PORT: number; DYNAMODB_PORT: number; SES_PORT: number; SMTP_PORT: number }) {
  return spawnStart({
    ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
    DATA_DIR: dataDir,
    NOW: '2026-11-22T10:00:00-05:00',
  });
}

/** Ctrl-C: the exit code, and what the twin printed (which says why, should it not be 0). */
async function stop(child: ChildProcess): Promise<number | null> {
  const closed = once(child, 'close');
  child.kill('SIGINT');
  const [code] = (await closed) as [number | null];
  return code;
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('npm start', () => {
  it('serves the API with its emulators, keeps tickets across a restart, and stops cleanly', async () => {
    const [PORT = 0, DYNAMODB_PORT = 0, SES_PORT = 0, SMTP_PORT = 0] = await freePorts(4);
    const ports = { PORT, DYNAMODB_PORT, SES_PORT, SMTP_PORT };
    const first = await start(ports);
    const base = `http://localhost:${ports.PORT}`;
    expect(first.output()).toContain(`API and form    ${base}`);
    expect(first.output()).toContain(`Staff console   ${base}/staff`);
    expect(first.output()).toContain(`Mail viewer     http://127.0.0.1:${ports.SES_PORT}`);
    expect(first.output()).toContain('Clock           started at 2026-11-22T10:00:00-05:00');
    expect(first.output()).toContain(
      `Mail in         smtp://127.0.0.1:${ports.SMTP_PORT} (any address @respuestas.localhost)`,
    );

    const created = await fetch(`${base}/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': await apiKeyFor(ports.DYNAMODB_PORT) },
      body: JSON.stringify(validSubmission({ priority: 1 })),
    });
    expect(created.status).toBe(201);
    const { id, statusUrl, routing } = (await created.json()) as {
      id: string;
      statusUrl: string;
      routing: { destination: string };
    };
    expect(routing.destination).toBe('p1-line'); // NOW is a Sunday
    const mails = async () =>
      (
        (await (await fetch(`http://127.0.0.1:${ports.SES_PORT}/store`)).json()) as {
          emails: { subject: string }[];
        }
      ).emails.filter((m) => m.subject.includes(id));
    for (let i = 0; i < 100 && (await mails()).length < 2; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await mails()).toHaveLength(2);

    expect(await stop(first.child), first.output()).toBe(0);
    expect(await listening(ports.DYNAMODB_PORT)).toBe(false);
    expect(await listening(ports.PORT)).toBe(false);
    expect(await listening(ports.SMTP_PORT)).toBe(false);

    const second = await start(ports);
    const again = await fetch(statusUrl);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { id: string }).id).toBe(id);
    // The restarted twin reads the stream from its start again; delivered notifications are not sent twice (its
    // fresh SES emulator stays empty).
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await mails()).toHaveLength(0);
    expect(await stop(second.child), second.output()).toBe(0);
    expect(await listening(ports.DYNAMODB_PORT)).toBe(false);
  });

  it('stops everything, Java included, when only the npm process gets SIGTERM or SIGINT', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const [PORT, DYNAMODB_PORT, SES_PORT] = (await freePorts(3)) as [number, number, number];
      const ports = { PORT, DYNAMODB_PORT, SES_PORT };
      const { child, output } = await spawnStart(
        { ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])), DATA_DIR: dataDir },
        { viaNpm: true },
      );
      // 'close', not 'exit': its output is all read only then.
      const closed = once(child, 'close');
      child.kill(signal);
      // The twin gives itself 10 s to stop before it exits anyway, which kills Java; Java may then take a moment
      // on a loaded machine (a CI run saw more than 8 s): the bound is generous.
      const deadline = Date.now() + 25_000;
      let up = [true];
      while (Date.now() < deadline) {
        up = await Promise.all(Object.values(ports).map(listening));
        if (!up.includes(true)) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(up, `${signal}, ports ${JSON.stringify(ports)}:\n${output()}`).toEqual([false, false, false]);
      await closed;
      expect(output(), signal).toMatch(/stopping \(.+\)…[\s\S]*(stopped in \d+ ms|not stopped within)/);
    }
  }, 150_000);
});
