// POST /requests/{id}/attachments: the requester (with the status token; a wrong one answers like an unknown id)
// declares up to 5 files and gets a presigned S3 POST for each; the ticket records them in one conditional write.
// Earlier declared files that never arrived within their upload window do not count towards the 5.
// GET /attachments/{token}: a signed download link (a mail's, a page's) redirects to a presigned GET of a few minutes,
// only once the file is there and, with malware scanning on, GuardDuty tagged it clean; otherwise a page says why.
import { randomBytes } from 'node:crypto';
import {
  addUploads,
  attachmentsOf,
  type DownloadLinks,
  declaredFiles,
  UPLOAD_WINDOW_MS,
  uploadsToRecheck,
  uploadWindowClosed,
} from '#domain/attachments.js';
import { NotFoundError } from '#domain/errors.js';
import { ActionRefused } from '#domain/escalation/refusal.js';
import type { AccessTokens, Clock, TicketRepository } from '#domain/ports.js';
import { parseRadicado } from '#domain/radicado.js';
import type { HistoryEntry } from '#domain/ticket.js';
import { formatInstant } from '#domain/time/instant.js';
import type { FileState, UploadForm } from '../adapters/s3-attachments.js';
import { escapeHtml as e } from '../notify/layout.js';
import { accessToken } from './get-request.js';
import { type HttpHandler, type HttpResult, httpHandler, json, readJsonBody } from './kit.js';
import { page } from './staff-actions.js';

export interface AttachmentDeps {
  readonly tickets: Pick<TicketRepository, 'get' | 'applyTransition'>;
  readonly tokens: AccessTokens;
  readonly links: DownloadLinks;
  readonly files: {
    uploadForm(key: string, type: string, maxBytes: number): Promise<UploadForm>;
    state(key: string): Promise<FileState>;
    downloadUrl(key: string, name: string, type: string): Promise<string>;
  };
  readonly clock: Clock;
}

/** 80 random bits, lower-case base32-like hex: an attachment's id within its ticket. */
const newId = () => randomBytes(10).toString('hex');

export function attachmentsHandler(deps: AttachmentDeps): HttpHandler {
  return httpHandler('attachments', async (event) =>
    event.requestContext.http.method === 'POST'
      ? upload(deps, event.pathParameters?.id ?? '', accessToken(event), readJsonBody(event))
      : download(deps, event.pathParameters?.token ?? ''),
  );
}

async function upload(
  deps: AttachmentDeps,
  id: string,
  token: string | undefined,
  body: unknown,
): Promise<HttpResult> {
  if (!parseRadicado(id) || token === undefined || !deps.tokens.verify(id, token)) throw new NotFoundError();
  const files = declaredFiles(body);
  const record = await deps.tickets.get(id);
  if (!record) throw new NotFoundError();
  const now = deps.clock.now();
  // Only when the new files would pass the limit: the earlier ones that never arrived do not count.
  const recheck = uploadsToRecheck(record.history, files.length, now);
  const states = await Promise.all(recheck.map(async (a) => [a.key, await deps.files.state(a.key)] as const));
  const lapsed = new Set(states.flatMap(([key, state]) => (state === 'missing' ? [key] : [])));
  const transition = addUploads(record.ticket, record.history, files, now, newId, lapsed);
  const applied = await deps.tickets.applyTransition(transition, record.ticket.version);
  if (applied !== 'applied')
    throw new ActionRefused('stale', 'La solicitud cambió mientras tanto; intente de nuevo.');
  const added = transition.history.flatMap((h) => h.attachments ?? []);
  const uploads = await Promise.all(
    added.map(async (a) => ({
      id: a.id,
      name: a.name,
      ...(await deps.files.uploadForm(a.key, a.type, a.size)),
    })),
  );
  return json(201, { uploads, expiresAt: formatInstant(now + UPLOAD_WINDOW_MS) });
}

const PAGES = {
  invalid: [
    404,
    'Enlace no válido',
    'El enlace del archivo no es válido. Ábralo desde el correo o la página de la solicitud.',
  ],
  expired: [
    410,
    'Enlace vencido',
    'El enlace del archivo venció. Abra la página de la solicitud para obtener uno nuevo.',
  ],
  missing: [
    409,
    'Archivo aún no disponible',
    'El archivo todavía no se ha recibido o se está revisando. Intente de nuevo en unos minutos.',
  ],
  scanning: [
    409,
    'Archivo en revisión',
    'El archivo se está revisando en busca de software malicioso. Intente de nuevo en unos minutos.',
  ],
  blocked: [409, 'Archivo bloqueado', 'El archivo no pasó la revisión de seguridad y no se puede descargar.'],
  lapsed: [
    410,
    'Archivo no recibido',
    'La carga de este archivo no se completó y el archivo no llegó. Puede adjuntarlo de nuevo desde la página de la solicitud.',
  ],
} as const;

function problem(kind: keyof typeof PAGES): HttpResult {
  const [status, title, text] = PAGES[kind];
  return page(status, title, [`<p>${e(text)}</p>`]);
}

async function download(deps: AttachmentDeps, token: string): Promise<HttpResult> {
  const verdict = deps.links.verify(token, deps.clock.now());
  if (!verdict.ok) return problem(verdict.reason);
  const { ticketId, key } = verdict.claims;
  const record = await deps.tickets.get(ticketId);
  const file = record?.ticket.erasedAt === undefined ? fileOf(record?.history ?? [], key) : undefined;
  if (!file) return problem('invalid');
  const state = await deps.files.state(key);
  if (state === 'missing' && uploadWindowClosed(file, deps.clock.now())) return problem('lapsed');
  if (state !== 'clean') return problem(state);
  const location = await deps.files.downloadUrl(key, file.name, file.type);
  return {
    statusCode: 302,
    headers: { location, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
  };
}

function fileOf(history: readonly HistoryEntry[], key: string) {
  return attachmentsOf(history).find((a) => a.key === key);
}
