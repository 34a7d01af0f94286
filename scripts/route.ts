// `npm run --silent route -- --product certifactura --type incidente --priority 1 [--at ISO]`: prints the routing
// decision as one JSON object. Bad input: exit code 2 and one line on stderr naming the field and what is allowed.
import { parseArgs } from 'node:util';
import { catalog } from '#data/index.js';
import { formatFieldIssue, ValidationError } from '#domain/errors.js';
import { decisionToJson } from '#domain/routing/decision.js';
import { RoutingEngine } from '#domain/routing/engine.js';
import type { RequestVocabulary } from '#domain/routing/request.js';
import type { Instant } from '#domain/time/instant.js';
import { type CommandResult, runWhenInvoked } from './command.js';

const OPTIONS = {
  product: { type: 'string' },
  type: { type: 'string' },
  priority: { type: 'string' },
  at: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const USAGE = `usage: npm run --silent route -- --product <id> --type <type> [--priority 1-4|P1-P4] [--at <ISO-8601>]

  --product   ${catalog.products.map((p) => p.id).join(' | ')}
  --type      ${catalog.requestTypes.map((t) => t.id).join(' | ')}
              or the Spanish label, e.g. "${catalog.requestTypes.find((t) => t.id === 'peticion-documentos')?.label.es}" (case and accents ignored)
  --priority  1-4 or P1-P4 (1 = crítica); optional for PQRSA types (default ${catalog.pqrsa.defaultPriority})
  --at        when the request arrives; default now. Without an offset it is Bogotá time.
`;

const { vocabulary, router } = new RoutingEngine(catalog);

export function routeCommand(argv: readonly string[], now: () => Instant = Date.now): CommandResult {
  let values: { [K in keyof typeof OPTIONS]?: K extends 'help' ? boolean : string };
  try {
    ({ values } = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    const known = Object.keys(OPTIONS)
      .map((o) => `--${o}`)
      .join(', ');
    return usageError(`${(error as Error).message.split('\n')[0]} (allowed options: ${known})`);
  }
  if (values.help) return { code: 0, stdout: USAGE, stderr: '' };

  let parsed: ReturnType<RequestVocabulary['parseWithTime']>;
  try {
    parsed = vocabulary.parseWithTime(values, now());
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return usageError(error.fields.map(formatFieldIssue).join('; '));
  }
  const decision = decisionToJson(router.decide(parsed.request, parsed.at));
  return { code: 0, stdout: `${JSON.stringify(decision, null, 2)}\n`, stderr: '' };
}

function usageError(message: string): CommandResult {
  return { code: 2, stdout: '', stderr: `route: ${message.replace(/\s*\n\s*/g, ' ')}\n` };
}

await runWhenInvoked(import.meta.url, (argv) => routeCommand(argv));
