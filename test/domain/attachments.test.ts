// The rules of attachments, with plain values: what a declaration may hold, how many uploads a ticket takes, which of
// a received mail's files are kept, how they are recorded, and that an erasure deletes a ticket's files.
import { describe, expect, it } from 'vitest';
import {
  ATTACHMENT_TYPES,
  addUploads,
  attachmentsOf,
  declaredFiles,
  erasingAttachments,
  keepMailFiles,
  MAX_ATTACHMENT_BYTES,
  UPLOAD_SETTLED_MS,
  uploadsToRecheck,
  withMailFiles,
} from '#domain/attachments.js';
import { ValidationError } from '#domain/errors.js';
import { transitionFor } from '#domain/escalation/transition.js';
import type { HistoryEntry } from '#domain/ticket.js';
import { bogota, pqrsaTicket, refusal } from '../helpers.js';

const NOW = bogota('2026-11-23T10:00');
const ticket = pqrsaTicket('incidente');
const png = (name = 'captura.png', size = 1000) => ({ name, type: 'image/png', size });

function issues(body: unknown): readonly { path: string; code: string | undefined }[] {
  try {
    declaredFiles(body);
  } catch (error) {
    if (error instanceof ValidationError) return error.fields.map(({ path, code }) => ({ path, code }));
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('a declaration of files', () => {
  it('takes 1 to 5 files of an allowed type, 1 byte to 5 MiB, with a one-line name of up to 150', () => {
    expect(
      declaredFiles({
        files: [png(' captura.png '), { name: 'a.pdf', type: 'application/pdf', size: MAX_ATTACHMENT_BYTES }],
      }),
    ).toEqual([png(), { name: 'a.pdf', type: 'application/pdf', size: MAX_ATTACHMENT_BYTES }]);
    expect(ATTACHMENT_TYPES).toHaveLength(13);
  });

  it('names each field that breaks a rule', () => {
    expect(issues({})).toEqual([{ path: 'files', code: 'required' }]);
    expect(issues({ files: [] })).toEqual([{ path: 'files', code: 'required' }]);
    expect(issues({ files: Array.from({ length: 6 }, () => png()) })).toEqual([
      { path: 'files', code: 'too_many' },
    ]);
    expect(
      issues({
        files: [
          { name: '', type: 'image/png', size: 1 },
          { name: 'x'.repeat(151), type: 'application/zip', size: 0 },
          { name: 'a\nb.png', type: 'image/png', size: MAX_ATTACHMENT_BYTES + 1 },
          { name: 'factura\u202efdp.exe', type: 'image/png', size: 1.5 },
          { name: '../../etc/passwd', type: 'image/png', size: 10 },
        ],
      }),
    ).toEqual([
      { path: 'files.0.name', code: 'required' },
      { path: 'files.1.name', code: 'too_long' },
      { path: 'files.1.type', code: 'invalid_value' },
      { path: 'files.1.size', code: 'invalid_type' },
      { path: 'files.2.name', code: 'control_characters' },
      { path: 'files.2.size', code: 'too_large' },
      { path: 'files.3.name', code: 'control_characters' },
      { path: 'files.3.size', code: 'invalid_type' },
      { path: 'files.4.name', code: 'control_characters' },
    ]);
  });
});

describe('uploads on a ticket', () => {
  let n = 0;
  const newId = () => `id${++n}`;

  it('are recorded in one attachment-added entry by the requester, each under the ticket’s prefix', () => {
    const step = addUploads(ticket, [], [png(), png('b.png')], NOW, newId);
    expect(step.ticket.version).toBe(ticket.version + 1);
    expect(step.notifications).toEqual([]);
    expect(step.history).toEqual([
      {
        at: NOW,
        event: 'attachment-added',
        by: 'requester',
        note: 'Archivos adjuntos: captura.png, b.png.',
        attachments: [
          {
            id: 'id1',
            name: 'captura.png',
            type: 'image/png',
            size: 1000,
            key: `attachments/${ticket.id}/id1`,
            source: 'upload',
          },
          {
            id: 'id2',
            name: 'b.png',
            type: 'image/png',
            size: 1000,
            key: `attachments/${ticket.id}/id2`,
            source: 'upload',
          },
        ],
      },
    ]);
    expect(attachmentsOf(step.history).map((a) => [a.id, a.at])).toEqual([
      ['id1', NOW],
      ['id2', NOW],
    ]);
  });

  it('are at most five in all, earlier ones counted and a mail’s not; an erased ticket takes none', () => {
    const earlier = addUploads(ticket, [], [png(), png(), png(), png()], NOW, newId).history;
    const mail: HistoryEntry = {
      at: NOW,
      event: 'message',
      by: 'requester',
      attachments: [{ id: 'm-1', name: 'f.pdf', type: 'application/pdf', size: 9, key: 'k', source: 'mail' }],
    };
    expect(addUploads(ticket, [...earlier, mail], [png()], NOW, newId).history).toHaveLength(1);
    expect(refusal(() => addUploads(ticket, earlier, [png(), png()], NOW, newId)).reason).toBe(
      'too_many_attachments',
    );
    expect(refusal(() => addUploads({ ...ticket, erasedAt: NOW }, [], [png()], NOW, newId)).reason).toBe(
      'erased',
    );
  });
});

describe('declared uploads that never arrived', () => {
  const MIN = 60_000;
  let n = 0;
  const newId = () => `lost${++n}`;
  const four = addUploads(ticket, [], [png(), png(), png(), png()], NOW, newId).history;

  it('are asked about only when the new files would pass the limit, and only once their upload can no longer arrive', () => {
    expect(uploadsToRecheck(four, 1, NOW + 60 * MIN)).toEqual([]);
    expect(uploadsToRecheck(four, 2, NOW + UPLOAD_SETTLED_MS - 1)).toEqual([]);
    expect(uploadsToRecheck(four, 2, NOW + UPLOAD_SETTLED_MS).map((a) => a.key)).toEqual(
      attachmentsOf(four).map((a) => a.key),
    );
  });

  it('do not count towards the five, the ones received still do', () => {
    const keys = attachmentsOf(four).map((a) => a.key);
    const later = NOW + 20 * MIN;
    expect(refusal(() => addUploads(ticket, four, [png(), png()], later, newId, new Set())).reason).toBe(
      'too_many_attachments',
    );
    const oneLost = new Set(keys.slice(0, 1));
    expect(addUploads(ticket, four, [png(), png()], later, newId, oneLost).history).toHaveLength(1);
    const refused = refusal(() => addUploads(ticket, four, [png(), png(), png()], later, newId, oneLost));
    expect(refused.message).toContain('ya tiene 3');
  });
});

describe('a received mail’s files', () => {
  const file = (filename: string, contentType: string, size = 100) => ({
    filename,
    contentType,
    size,
    content: new Uint8Array(size),
  });

  it('are kept when allowed (at most 10, 5 MiB each), with ids from the receipt; the rest are dropped with why', () => {
    const files = [
      file('factura.pdf', 'application/pdf'),
      file('macro.exe', 'application/octet-stream'),
      file('grande.png', 'image/png', MAX_ATTACHMENT_BYTES + 1),
      ...Array.from({ length: 10 }, (_, i) => file(`foto-${i}.jpg`, 'IMAGE/JPEG; name=x')),
    ];
    const { kept, dropped } = keepMailFiles(ticket.id, files, 'ABC-123');
    expect(kept).toHaveLength(10);
    expect(kept[0]?.record).toEqual({
      id: 'abc-123-1',
      name: 'factura.pdf',
      type: 'application/pdf',
      size: 100,
      key: `attachments/${ticket.id}/abc-123-1`,
      source: 'mail',
    });
    expect(kept[1]?.record.type).toBe('image/jpeg');
    expect(dropped).toEqual([
      { name: 'macro.exe', why: 'type' },
      { name: 'grande.png', why: 'size' },
      { name: 'foto-9.jpg', why: 'count' },
    ]);
  });

  it('are listed on the entry the mail recorded, and those dropped beside it (inside it when only staff read it)', () => {
    const message: HistoryEntry = { at: NOW, event: 'message', by: 'requester', note: 'Adjunto.' };
    const step = transitionFor(ticket, { watch: ticket.watch, history: [message] });
    const { kept, dropped } = keepMailFiles(
      ticket.id,
      [file('a.pdf', 'application/pdf'), file('b.exe', 'application/x-msdownload')],
      'r',
    );
    const after = withMailFiles(
      step,
      kept.map((k) => k.record),
      dropped,
    );
    expect(after.history[0]).toEqual({ ...message, attachments: [kept[0]?.record] });
    expect(after.history[1]).toEqual({
      at: NOW,
      event: 'attachment-added',
      by: 'system',
      note: 'Adjuntos del correo no guardados: b.exe (tipo no permitido).',
    });
    expect(withMailFiles(step, [], [])).toBe(step);
    const external: HistoryEntry = { at: NOW, event: 'external-message', by: 'x@example.com', note: 'Hola' };
    const kept2 = withMailFiles(
      transitionFor(ticket, { watch: ticket.watch, history: [external] }),
      [],
      dropped,
    );
    expect(kept2.history).toEqual([
      { ...external, note: 'Hola\n\nAdjuntos del correo no guardados: b.exe (tipo no permitido).' },
    ]);
  });
});

describe('an erasure', () => {
  it('deletes the ticket’s files once its data is erased, and only then', async () => {
    const deleted: string[] = [];
    const tickets = {
      name: 'store',
      erasePersonalData: async (id: string, _entry: HistoryEntry) => id === 'CF-2026-000001',
    };
    const erasing = erasingAttachments(tickets, { deleteAll: async (id) => void deleted.push(id) });
    expect(erasing.name).toBe('store');
    const entry: HistoryEntry = { at: NOW, event: 'personal-data-erased', by: 'system' };
    expect(await erasing.erasePersonalData('CF-2026-000001', entry)).toBe(true);
    expect(await erasing.erasePersonalData('CF-2026-000002', entry)).toBe(false);
    expect(deleted).toEqual(['CF-2026-000001']);
  });
});
