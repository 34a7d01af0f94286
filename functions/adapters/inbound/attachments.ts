// The files a received mail carries, with names safe to store and show: no path, no control or bidirectional
// characters (the "invoice‮fdp.exe" trick), a bounded length, and a plain default when the sender gave none.

import type { Attachment } from 'mailparser';
import type { InboundAttachment } from '#domain/inbound/mail.js';

const MAX_FILENAME = 150;

/** Extensions for the default name of an unnamed part, by content type. */
const EXTENSIONS: Readonly<Record<string, string>> = {
  'application/pdf': '.pdf',
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'text/plain': '.txt',
  'message/rfc822': '.eml',
};

/** Every part mailparser reports as an attachment by disposition or by name (inline images with a name too). */
export function attachmentsOf(parts: readonly Attachment[]): InboundAttachment[] {
  return parts
    .filter((part) => part.contentDisposition === 'attachment' || Boolean(part.filename))
    .map((part, index) => {
      const contentType = part.contentType.toLowerCase();
      return {
        filename: safeFilename(part.filename, contentType, index + 1),
        contentType,
        size: part.content.byteLength,
        content: new Uint8Array(part.content.buffer, part.content.byteOffset, part.content.byteLength),
      };
    });
}

/** The name's last path segment, cleaned and bounded (its extension kept); `adjunto-<n>.<ext>` when empty. */
export function safeFilename(name: string | undefined, contentType: string, position: number): string {
  const base = (name ?? '').split(/[/\\]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const clean = base.replace(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
  const trimmed = clean.trim().replace(/^\.+/, '');
  if (!trimmed) return `adjunto-${position}${EXTENSIONS[contentType] ?? ''}`;
  if (trimmed.length <= MAX_FILENAME) return trimmed;
  const extension = /\.[a-z0-9]{1,10}$/i.exec(trimmed)?.[0] ?? '';
  return trimmed.slice(0, MAX_FILENAME - extension.length) + extension;
}
