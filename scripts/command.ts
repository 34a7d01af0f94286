// What a command-line script answers (route, api-key, reindex): tested as a function, printed when run as a script.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `command` with the process's arguments and prints its result, when `moduleUrl` is the script node started. */
export async function runWhenInvoked(
  moduleUrl: string,
  command: (argv: readonly string[]) => CommandResult | Promise<CommandResult>,
): Promise<void> {
  const script = process.argv[1];
  if (!script || realpathSync(script) !== fileURLToPath(moduleUrl)) return;
  const result = await command(process.argv.slice(2));
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.code;
}
