// Capacity units a DynamoDB client consumes, from ReturnConsumedCapacity (DynamoDB Local reports it exactly, by item
// size), and the itemised write cost of one submission through its whole delivery, of a staff reply on it, and of a
// PQRSA from submission to its answer: the benchmark prints it, a test keeps it within budget, and docs/records.md
// shows it (`npm run bench -- --only capacity`).
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { InboundMail, MailVerdicts } from '#domain/inbound/mail.js';
import { type ReceiveDeps, receiveMail } from '#domain/inbound/receive.js';
import { submitRequest } from '#domain/intake/submit.js';
import { deliverNew, redriveNotifications } from '#domain/notify/deliver.js';
import type { Clock, Mailer, Pager } from '#domain/ports.js';
import type { Ticket } from '#domain/ticket.js';
import { documentClient } from '#functions/adapters/clients.js';
import { DynamoStore } from '#functions/adapters/dynamo-store.js';
import { HmacFormTokens } from '#functions/adapters/hmac-tokens.js';
import { HmacReplyAddresses } from '#functions/adapters/reply-addresses.js';
import { keyedRequesterHash } from '#functions/adapters/requester-hash.js';
import { tableDefinition } from '#functions/adapters/table.js';
import { defaultIntakeNotice } from '#functions/privacy-notice.js';
import { staffDirectory } from '#functions/receive-wiring.js';
import { deliveryDeps, intakeRouting } from '#functions/wiring.js';

/** The write budget of a submission with its two mails delivered (docs/records.md). */
export const WCU_BUDGET_PER_SUBMISSION = 20;

/** One call's consumed capacity: on the table, and on each index it wrote. */
export interface Consumed {
  readonly command: string;
  readonly table: number;
  readonly indexes: Readonly<Record<string, number>>;
}

export interface CapacityMeter {
  /** Write units consumed since the last reset (table and indexes). */
  readonly writes: number;
  /** Read units consumed since the last reset. */
  readonly reads: number;
  /** Every write call since the last reset, in order. */
  readonly log: readonly Consumed[];
  reset(): void;
}

interface RawConsumed {
  readonly CapacityUnits?: number;
  readonly Table?: { readonly CapacityUnits?: number };
  readonly GlobalSecondaryIndexes?: Record<string, { readonly CapacityUnits?: number }>;
}

/** Asks every call of `db` for its consumed capacity (by index) and adds it up, reads apart from writes. */
export function meterCapacity(db: DynamoDBDocumentClient): CapacityMeter {
  let state = { writes: 0, reads: 0, log: [] as Consumed[] };
  db.middlewareStack.add(
    (next, context) => async (args) => {
      (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'INDEXES';
      const result = await next(args);
      const consumed = (result.output as { ConsumedCapacity?: RawConsumed | RawConsumed[] }).ConsumedCapacity;
      const all = Array.isArray(consumed) ? consumed : consumed ? [consumed] : [];
      const units = all.reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
      const command = (context.commandName ?? '').replace(/Command$/, '');
      // The command tells reads from writes.
      if (/^(Get|Query|Scan|BatchGet|TransactGet)/.test(command)) {
        state.reads += units;
      } else {
        state.writes += units;
        const indexes: Record<string, number> = {};
        for (const c of all)
          for (const [name, index] of Object.entries(c.GlobalSecondaryIndexes ?? {}))
            indexes[name] = (indexes[name] ?? 0) + (index.CapacityUnits ?? 0);
        const table = all.reduce((sum, c) => sum + (c.Table?.CapacityUnits ?? c.CapacityUnits ?? 0), 0);
        state.log.push({ command, table, indexes });
      }
      return result;
    },
    { step: 'initialize', name: 'consumedCapacity' },
  );
  return {
    get writes() {
      return state.writes;
    },
    get reads() {
      return state.reads;
    },
    get log() {
      return state.log;
    },
    reset() {
      state = { writes: 0, reads: 0, log: [] };
    },
  };
}

/** One row of the write-cost table: a step of a submission's life, and what its writes cost. */
export interface WriteCost {
  readonly step: string;
  /** What the step writes, in words. */
  readonly what: string;
  readonly writes: readonly Consumed[];
  readonly units: number;
}

export interface WriteCosts {
  readonly rows: readonly WriteCost[];
  readonly total: number;
  /** A staff reply by e-mail on that ticket: recorded, then sent on to the requester. */
  readonly replyRows: readonly WriteCost[];
  readonly replyTotal: number;
  /** A PQRSA (a queja) submitted, its mails delivered, answered by staff and the answer mailed. */
  readonly pqrsaRows: readonly WriteCost[];
  readonly pqrsaTotal: number;
  /** Read units of one status read (the ticket, its body and its history: one query). */
  readonly statusReadUnits: number;
}

const SUBMISSION = {
  product: 'certifactura',
  type: 'incidente',
  priority: 'P2',
  subject: 'No puedo emitir facturas desde esta mañana',
  description:
    'Al enviar una factura a la DIAN el sistema responde con un error de validación del certificado. Ya reinicié la sesión y el error persiste en todos los usuarios de la empresa.',
  requester: { name: 'María Fernanda Gómez', email: 'maria.gomez@example.com', phone: '+57 601 555 0100' },
  consent: { accepted: true, policyVersion: '2024-01' },
  locale: 'es',
} as const;

/** A queja (PQRSA queue): it also enters the month index, and every write of its state rewrites its entry there. */
const PQRSA = {
  ...SUBMISSION,
  type: 'queja',
  priority: 'P3',
  subject: 'Trato inadecuado en la línea de atención',
  description:
    'El 20 de noviembre llamé a la línea de soporte por una factura rechazada y la persona que me atendió colgó la llamada sin resolver el caso ni darme un número de radicado.',
  requester: { name: 'Carlos Andrés Ríos', email: 'carlos.rios@example.com', phone: '+57 601 555 0101' },
} as const;

/**
 * A submission's life on a table of its own, each step metered: created from the web form (its serving token and
 * an Idempotency-Key, as the browser sends them: the costliest path), its two mails claimed and sent by the stream consumer (the acknowledgement counted against its address's
 * hourly share, as in production), and the redrive's pass that finds nothing left and takes it out of the retry index.
 */
export async function measureWriteCosts(
  endpoint: string,
  clock: Clock = { now: () => Date.now() },
): Promise<WriteCosts> {
  const table = `write-costs-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  const db = documentClient({ AWS_REGION: 'local', DYNAMODB_ENDPOINT: endpoint });
  try {
    await db.send(new CreateTableCommand(tableDefinition(table)));
    const meter = meterCapacity(db);
    const store = new DynamoStore(db, table, keyedRequesterHash('h'.repeat(40)));
    const mailer: Mailer = { send: async () => ({ messageId: '0100019a-bench' }) };
    const pager: Pager = { page: async () => ({ messageId: 'bench' }) };
    const deps = {
      ...deliveryDeps(
        {
          TABLE_NAME: table,
          AWS_REGION: 'local',
          DYNAMODB_ENDPOINT: endpoint,
          PUBLIC_BASE_URL: 'https://api.example.com',
          TOKEN_SECRET: 'b'.repeat(40),
          ACTION_LINK_SECRET: 'c'.repeat(40),
          ACTION_LINK_TTL_HOURS: 168,
          PRIVACY_POLICY_VERSION: '2024-01',
          ACK_LIMIT_PER_HOUR: 3,
          MAIL_FROM: 'bench@example.com',
          SES_ENDPOINT: 'http://127.0.0.1:1',
          SES_CONFIGURATION_SET: undefined,
          PAGER_TOPIC_ARN: undefined,
          REQUESTER_HASH_SECRET: 'h'.repeat(40),
          RECEIVING_DOMAIN: 'respuestas.example.com',
        },
        clock,
        store,
        pager,
      ),
      mailer,
    };
    const rows: WriteCost[] = [];
    const step = async <T>(name: string, what: string, work: () => Promise<T>): Promise<T> => {
      meter.reset();
      const result = await work();
      rows.push({ step: name, what, writes: [...meter.log], units: meter.writes });
      return result;
    };
    const formTokens = new HmacFormTokens('f'.repeat(40), 0);
    const notice = defaultIntakeNotice();
    const intake = {
      ...intakeRouting(),
      tickets: store,
      clock,
      formTokens,
      policyVersion: '2024-01',
      notice,
    };
    const submit = async (request: typeof SUBMISSION | typeof PQRSA, key: string, indexes: string) => {
      const form = { token: formTokens.issue(clock.now() - 60_000), website: '' };
      const { ticket } = await step(
        'intake',
        `one transaction: the ticket state and body items, the idempotency record, the form token use; the state item enters ${indexes}`,
        () => submitRequest(intake, { ...request, form }, { key, fingerprint: 'bench' }, {}),
      );
      await step(
        'stream consumer',
        'per mail: its claim, then sent recorded (updates of the state item); the acknowledgement also takes its share of the address hourly limit',
        () => deliverNew(deps, ticket.id),
      );
      await step(
        'redrive, next pass',
        'finds nothing left to deliver and takes the ticket out of `byRetry`',
        () => redriveNotifications(deps),
      );
      return ticket;
    };
    const ticket = await submit(SUBMISSION, 'write-costs', '`byDueTime` and `byRetry`');
    meter.reset();
    await store.get(ticket.id);
    const statusReadUnits = meter.reads;
    const submission = rows.splice(0);
    await step(
      'reply received',
      "one transaction: the state item (acknowledged, the mail to the requester in its outbox, into `byRetry`) and the message's history item",
      () => receiveMail(replyDeps(store, clock), staffReply(ticket), PASSED),
    );
    const mailed = async (id: string) => {
      await step('its mail sent', 'its claim, then sent recorded', () => deliverNew(deps, id));
      await step('redrive, next pass', 'takes the ticket out of `byRetry`', () => redriveNotifications(deps));
    };
    await mailed(ticket.id);
    const reply = rows.splice(0);

    const queja = await submit(PQRSA, 'write-costs-pqrsa', '`byDueTime`, `byRetry` and `byMonth`');
    const { policy } = intakeRouting();
    await step(
      'answered by staff',
      "one transaction: the state item (resolved, its summary answered, the answer to the requester in its outbox, into `byRetry`; out of the `DUE` partition into `CLOSED`, its `byMonth` entry rewritten) and the answer's history item",
      async () => {
        const open = await store.get(queja.id);
        if (!open) throw new Error('the measured PQRSA is missing');
        const answer = policy.resolve(
          open.ticket,
          clock.now(),
          'Laura Gómez <laura.gomez@certicamara.com> (nivel 1)',
          'Revisamos la llamada y hablamos con la persona que lo atendió; su factura quedó corregida.',
        );
        return store.applyTransition(answer, open.ticket.version);
      },
    );
    await mailed(queja.id);
    const sum = (list: readonly WriteCost[]) => list.reduce((total, r) => total + r.units, 0);
    return {
      rows: submission,
      total: sum(submission),
      statusReadUnits,
      replyRows: reply,
      replyTotal: sum(reply),
      pqrsaRows: rows,
      pqrsaTotal: sum(rows),
    };
  } finally {
    db.destroy();
  }
}

const PASSED: MailVerdicts = { spf: 'PASS', dkim: 'PASS', dmarc: 'PASS', spam: 'PASS', virus: 'PASS' };

/** What the receiving function works with, on the measured table (the reply address under the bench's key). */
function replyDeps(store: DynamoStore, clock: Clock): ReceiveDeps {
  const { router, products, policy } = intakeRouting();
  return {
    tickets: store,
    policy,
    router,
    products,
    directory: staffDirectory([]),
    replyAddresses: REPLIES,
    clock,
  };
}

const REPLIES = new HmacReplyAddresses('c'.repeat(40), 'respuestas.example.com');

/** A staff reply from the ticket's routed mailbox to its staff reply address, as the parser gives it. */
function staffReply(ticket: Ticket): InboundMail {
  return {
    from: ticket.routing.mailbox,
    fromName: '',
    returnPath: ticket.routing.mailbox,
    recipients: [REPLIES.addressFor(ticket.id, 's')],
    subject: `RE: [${ticket.id}]`,
    messageId: 'reply@bench',
    inReplyTo: [],
    text: 'Ya corregimos la validación del certificado; intente de nuevo, por favor.',
    attachments: [],
    size: 4_000,
  };
}

/** The write-cost tables as docs/records.md shows them (Markdown), from a measurement. */
export function writeCostTable(costs: WriteCosts): string {
  return [
    costTable(costs.rows, costs.total),
    '',
    'A staff reply by e-mail on that ticket, and its mail on to the requester:',
    '',
    costTable(costs.replyRows, costs.replyTotal),
    '',
    'A PQRSA (a queja, P3) submitted the same way, answered by staff, and its answer mailed to the requester:',
    '',
    costTable(costs.pqrsaRows, costs.pqrsaTotal),
  ].join('\n');
}

function costTable(rows: readonly WriteCost[], total: number): string {
  const indexUnits = (row: WriteCost, name: string) =>
    row.writes.reduce((sum, w) => sum + (w.indexes[name] ?? 0), 0);
  const lines = [
    '| step | what is written | calls | table | `byDueTime` | `byRetry` | `byMonth` | WCU |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map((row) => {
      const calls = [...new Set(row.writes.map((w) => w.command))]
        .map((command) => `${row.writes.filter((w) => w.command === command).length} × ${command}`)
        .join(', ');
      const table = row.writes.reduce((sum, w) => sum + w.table, 0);
      return `| ${row.step} | ${row.what} | ${calls} | ${table} | ${indexUnits(row, 'byDueTime')} | ${indexUnits(row, 'byRetry')} | ${indexUnits(row, 'byMonth')} | ${row.units} |`;
    }),
    `| **total** | | | | | | | **${total}** |`,
  ];
  return lines.join('\n');
}
