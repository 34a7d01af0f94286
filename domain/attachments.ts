// Files attached to a ticket: the requester's uploads (declared, then sent straight to storage through a presigned
// POST) and a received mail's attachments. The rules are here, pure: which types and sizes are taken, how many, where
// each is kept (`attachments/<radicado>/<id>`) and how the ticket records them (a history entry's `attachments`), so
// that listing and counting never ask the store. The store itself is a port (S3 in AWS, s3rver in the twin).
import { type FieldIssue, ValidationError } from './errors.js';
import { ActionRefused } from './escalation/refusal.js';
import { type Transition, transitionFor } from './escalation/transition.js';
import type { TicketRepository } from './ports.js';
import type { AttachmentRecord, HistoryEntry, Ticket } from './ticket.js';
import type { Instant } from './time/instant.js';

/** Images, PDF, text and the office formats staff open; anything else is refused (uploads) or dropped (mail). */
export const ATTACHMENT_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
  'text/csv',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
] as const;

/** 5 MiB per file. */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
/** Uploads per ticket in all (earlier ones count); a received mail's attachments do not. */
export const MAX_UPLOADS = 5;
/** Attachments kept from one received mail; the rest are dropped and noted. */
export const MAX_MAIL_ATTACHMENTS = 10;
export const MAX_NAME_LENGTH = 150;
/** How long a presigned upload form works. */
export const UPLOAD_WINDOW_MS = 10 * 60_000;
/** How long a download link in a mail or page works; each use redirects to a URL valid for minutes. */
export const DOWNLOAD_LINK_MS = 30 * 86_400_000;

/** Where a ticket's files are kept: one prefix per ticket, so erasing them is deleting the prefix. */
export const ATTACHMENTS_PREFIX = 'attachments/';
export const attachmentPrefix = (ticketId: string) => `${ATTACHMENTS_PREFIX}${ticketId}/`;
export const attachmentKey = (ticketId: string, id: string) => `${attachmentPrefix(ticketId)}${id}`;

/** A file the requester means to upload, as declared. */
export interface DeclaredFile {
  readonly name: string;
  readonly type: string;
  readonly size: number;
}

/** An attachment as listed: its record and when it was added. */
export interface Attachment extends AttachmentRecord {
  readonly at: Instant;
}

/** Where files are kept: S3 in AWS. Keys are `attachmentKey`s. */
export interface AttachmentStore {
  /** Stores a received mail's file. */
  put(key: string, type: string, content: Uint8Array): Promise<void>;
  /** Deletes every file of a ticket (its erasure); idempotent. */
  deleteAll(ticketId: string): Promise<void>;
}

/** What a download link names: the ticket, the file's key, until when it works. */
export interface DownloadClaims {
  readonly ticketId: string;
  readonly key: string;
  readonly expiresAt: Instant;
}

/** Signed download links (`GET /attachments/{token}`): nothing stored, so a mail read next week still works. */
export interface DownloadLinks {
  issue(claims: DownloadClaims): string;
  verify(
    token: string,
    at: Instant,
  ): { ok: true; claims: DownloadClaims } | { ok: false; reason: 'invalid' | 'expired' };
}

/**
 * The download link of a ticket's file, valid DOWNLOAD_LINK_MS from `now`: `<base>/attachments/<token>` (an empty base
 * gives the path, for the API's own pages).
 */
export function downloadLink(
  links: DownloadLinks,
  publicBaseUrl: string,
  now: number,
): (ticketId: string, key: string) => string {
  return (ticketId, key) =>
    `${publicBaseUrl}/attachments/${links.issue({ ticketId, key, expiresAt: now + DOWNLOAD_LINK_MS })}`;
}

const TYPES: ReadonlySet<string> = new Set(ATTACHMENT_TYPES);
/**
 * A file name is one line of text: no control characters (tabs and line breaks included), and no bidirectional
 * controls (the "invoice\u202efdp.exe" trick).
 */
const CONTROL = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const CONTROLS = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/** Every attachment recorded in a history, oldest first. */
export function attachmentsOf(history: readonly HistoryEntry[]): readonly Attachment[] {
  return history.flatMap((h) => (h.attachments ?? []).map((a) => ({ ...a, at: h.at })));
}

/** The files of `body` (`{ files: [{ name, type, size }] }`, 1 to MAX_UPLOADS), or a ValidationError naming each. */
export function declaredFiles(body: unknown): readonly DeclaredFile[] {
  const files = (body as { files?: unknown } | null)?.files;
  const issue = (path: string, code: FieldIssue['code'], message: string, extra: Partial<FieldIssue> = {}) =>
    ({ path, code, message, ...extra }) as FieldIssue;
  if (!Array.isArray(files) || files.length === 0)
    throw new ValidationError([issue('files', 'required', 'at least one file is required')]);
  if (files.length > MAX_UPLOADS) {
    throw new ValidationError([
      issue('files', 'too_many', `at most ${MAX_UPLOADS} files`, { params: { max: MAX_UPLOADS } }),
    ]);
  }
  const issues = files.flatMap((file: unknown, n): FieldIssue[] => {
    const { name, type, size } = (file ?? {}) as Record<string, unknown>;
    const at = `files.${n}`;
    const problems: FieldIssue[] = [];
    if (typeof name !== 'string' || name.trim() === '')
      problems.push(issue(`${at}.name`, 'required', 'a file name is required'));
    else if (name.length > MAX_NAME_LENGTH) {
      const params = { max: MAX_NAME_LENGTH };
      problems.push(issue(`${at}.name`, 'too_long', `at most ${MAX_NAME_LENGTH} characters`, { params }));
    } else if (CONTROL.test(name) || /[\\/]/.test(name))
      problems.push(issue(`${at}.name`, 'control_characters', 'no control characters or slashes'));
    if (typeof type !== 'string' || !TYPES.has(type)) {
      const allowed = ATTACHMENT_TYPES;
      problems.push(issue(`${at}.type`, 'invalid_value', 'not an allowed type', { allowed }));
    }
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 1)
      problems.push(issue(`${at}.size`, 'invalid_type', 'a whole number of bytes, at least 1'));
    else if (size > MAX_ATTACHMENT_BYTES) {
      const params = { max: MAX_ATTACHMENT_BYTES };
      problems.push(issue(`${at}.size`, 'too_large', `at most ${MAX_ATTACHMENT_BYTES} bytes`, { params }));
    }
    return problems;
  });
  if (issues.length > 0) throw new ValidationError(issues);
  return (files as DeclaredFile[]).map(({ name, type, size }) => ({ name: name.trim(), type, size }));
}

const uploadsOf = (history: readonly HistoryEntry[]) =>
  attachmentsOf(history).filter((a) => a.source === 'upload');

/**
 * The earlier uploads to ask the store about before `declaring` more files would pass MAX_UPLOADS: those whose upload
 * window has closed, since a declared file that never arrived by then never will (a dropped connection, a closed
 * tab) and should not use up the requester's allowance. None when the new files fit anyway, so the usual upload asks
 * the store nothing.
 */
export function uploadsToRecheck(
  history: readonly HistoryEntry[],
  declaring: number,
  now: Instant,
): readonly Attachment[] {
  const earlier = uploadsOf(history);
  if (earlier.length + declaring <= MAX_UPLOADS) return [];
  return earlier.filter((a) => uploadWindowClosed(a, now));
}

/**
 * How long after its declaration a requester's upload can still arrive: its presigned POST is signed a moment after
 * the declaration is recorded, and an upload S3 accepted just before the POST expired may take a while to finish.
 */
export const UPLOAD_SETTLED_MS = UPLOAD_WINDOW_MS + 5 * 60_000;

/**
 * Whether a requester's declared upload can no longer arrive (UPLOAD_SETTLED_MS after its declaration). A file the
 * store does not hold by then never will (mailed files are stored before they are recorded, so theirs never closes).
 */
export function uploadWindowClosed(attachment: Attachment, now: Instant): boolean {
  return attachment.source === 'upload' && attachment.at + UPLOAD_SETTLED_MS <= now;
}

/**
 * The transition recording the requester's declared uploads: one `attachment-added` entry listing them (ids from
 * `newId`). Refused on an erased ticket, and past MAX_UPLOADS uploads in all. `lapsed` are the keys of earlier
 * declared uploads the store never received within their window (see uploadsToRecheck): they do not count.
 */
export function addUploads(
  ticket: Ticket,
  history: readonly HistoryEntry[],
  files: readonly DeclaredFile[],
  now: Instant,
  newId: () => string,
  lapsed: ReadonlySet<string> = new Set(),
): Transition {
  if (ticket.erasedAt !== undefined)
    throw new ActionRefused('erased', 'Los datos de la solicitud fueron suprimidos.');
  const earlier = uploadsOf(history).filter((a) => !lapsed.has(a.key)).length;
  if (earlier + files.length > MAX_UPLOADS) {
    throw new ActionRefused(
      'too_many_attachments',
      `Una solicitud admite como máximo ${MAX_UPLOADS} archivos adjuntos (ya tiene ${earlier}).`,
    );
  }
  const attachments = files.map((f): AttachmentRecord => {
    const id = newId();
    return {
      id,
      name: f.name,
      type: f.type,
      size: f.size,
      key: attachmentKey(ticket.id, id),
      source: 'upload',
    };
  });
  const names = attachments.map((a) => a.name).join(', ');
  const note = `Archivo${attachments.length > 1 ? 's' : ''} adjunto${attachments.length > 1 ? 's' : ''}: ${names}.`;
  return transitionFor(ticket, {
    watch: ticket.watch,
    history: [{ at: now, event: 'attachment-added', by: 'requester', note, attachments }],
  });
}

/** Why a received mail's file was not kept. */
export type DropReason = 'type' | 'size' | 'count';

/** A received mail's file, as the parser gives it. */
export interface MailFile {
  readonly filename: string;
  readonly contentType: string;
  readonly size: number;
}

/**
 * Which of a mail's files are kept (allow-listed types, at most MAX_ATTACHMENT_BYTES each, the first
 * MAX_MAIL_ATTACHMENTS of them), each with its id (`<receiptId>-<n>`: a retried delivery writes the same keys), and
 * which are dropped and why.
 */
export function keepMailFiles<F extends MailFile>(
  ticketId: string,
  files: readonly F[],
  receiptId: string,
): {
  readonly kept: readonly { readonly file: F; readonly record: AttachmentRecord }[];
  readonly dropped: readonly { readonly name: string; readonly why: DropReason }[];
} {
  const kept: { file: F; record: AttachmentRecord }[] = [];
  const dropped: { name: string; why: DropReason }[] = [];
  files.forEach((file, n) => {
    const name = safeName(file.filename, n);
    const type = file.contentType.toLowerCase().split(';')[0]?.trim() ?? '';
    const why: DropReason | undefined = !TYPES.has(type)
      ? 'type'
      : file.size > MAX_ATTACHMENT_BYTES || file.size < 1
        ? 'size'
        : kept.length >= MAX_MAIL_ATTACHMENTS
          ? 'count'
          : undefined;
    if (why) {
      dropped.push({ name, why });
      return;
    }
    const id = `${receiptId.toLowerCase().replace(/[^a-z0-9-]/g, '')}-${n + 1}`;
    kept.push({
      file,
      record: { id, name, type, size: file.size, key: attachmentKey(ticketId, id), source: 'mail' },
    });
  });
  return { kept, dropped };
}

const DROP_TEXT: Readonly<Record<DropReason, string>> = {
  type: 'tipo no permitido',
  size: `vacío o de más de ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`,
  count: `más de ${MAX_MAIL_ATTACHMENTS} adjuntos`,
};

/** Entries only staff read: what a mail dropped is added to their own text. */
const STAFF_ONLY: ReadonlySet<HistoryEntry['event']> = new Set(['note', 'external-message']);

/**
 * `transition` with a mail's kept files on its first entry (the message, note or answer the mail recorded) and, when
 * some were dropped, what and why: in that entry's text when only staff read it, else in an `attachment-added` entry
 * by `system` (not a message: it never counts towards the loop limit, and the public text is sent as written).
 */
export function withMailFiles(
  transition: Transition,
  kept: readonly AttachmentRecord[],
  dropped: readonly { readonly name: string; readonly why: DropReason }[],
): Transition {
  const [first, ...rest] = transition.history;
  if (!first || (kept.length === 0 && dropped.length === 0)) return transition;
  const files = kept.length === 0 ? {} : { attachments: [...(first.attachments ?? []), ...kept] };
  if (dropped.length === 0) return { ...transition, history: [{ ...first, ...files }, ...rest] };
  const text = `Adjuntos del correo no guardados: ${dropped.map((d) => `${d.name} (${DROP_TEXT[d.why]})`).join(', ')}.`;
  if (STAFF_ONLY.has(first.event)) {
    const note = first.note ? `${first.note}\n\n${text}` : text;
    return { ...transition, history: [{ ...first, ...files, note }, ...rest] };
  }
  const entry: HistoryEntry = { at: first.at, event: 'attachment-added', by: 'system', note: text };
  return { ...transition, history: [{ ...first, ...files }, ...rest, entry] };
}

/** A file name fit to show and to send back in Content-Disposition: one line, no path, at most MAX_NAME_LENGTH. */
export function safeName(name: string, n: number): string {
  const base = (name.split(/[\\/]/).pop() ?? '').replace(CONTROLS, ' ').replace(/\s+/g, ' ').trim();
  return (base || `adjunto-${n + 1}`).slice(0, MAX_NAME_LENGTH);
}

/**
 * `tickets` whose erasure (after the retention period, or on request) also deletes the ticket's files, once its data
 * is erased: a failure there fails the run (alarmed), and the bucket's lifecycle expires what is left.
 */
export function erasingAttachments<T extends Pick<TicketRepository, 'erasePersonalData'>>(
  tickets: T,
  files: Pick<AttachmentStore, 'deleteAll'>,
): T {
  const erase = tickets.erasePersonalData.bind(tickets);
  const erasePersonalData: TicketRepository['erasePersonalData'] = async (ticketId, entry) => {
    const erased = await erase(ticketId, entry);
    if (erased) await files.deleteAll(ticketId);
    return erased;
  };
  return Object.assign(Object.create(tickets) as T, { erasePersonalData });
}
