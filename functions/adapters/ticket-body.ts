// The part of a ticket that never changes once it is recorded (what was asked, by whom, and how it was routed, with
// its first history entry) is most of its size. It is stored as one binary attribute, deflated against a preset
// dictionary of typical bodies (the DynamoDB guide suggests compressing large values): a body of ~1.5 KB becomes
// ~150 bytes, so the ticket item stays under 1 KB and each write of it costs one unit instead of two or three.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { HistoryEntry, TicketDraft } from '#domain/ticket.js';
import { DICTIONARY_V1 } from './ticket-body-dictionary.js';

export type TicketBody = Pick<
  TicketDraft,
  | 'product'
  | 'type'
  | 'priority'
  | 'queue'
  | 'subject'
  | 'description'
  | 'requester'
  | 'consent'
  | 'locale'
  | 'receivedAt'
  | 'routing'
> & { readonly received: HistoryEntry };

/** Format versions: the first byte of a packed body says which dictionary it was deflated with. */
const DICTIONARIES: Readonly<Record<number, Buffer>> = { 1: Buffer.from(DICTIONARY_V1) };
const CURRENT = 1;

export function packBody(body: TicketBody): Uint8Array {
  const deflated = deflateRawSync(Buffer.from(JSON.stringify(body)), {
    level: 9,
    dictionary: DICTIONARIES[CURRENT],
  });
  return Buffer.concat([Uint8Array.of(CURRENT), deflated]);
}

export function unpackBody(bytes: Uint8Array): TicketBody {
  const dictionary = DICTIONARIES[bytes[0] ?? -1];
  if (!dictionary) throw new Error(`ticket body of unknown format ${bytes[0]}`);
  const json = inflateRawSync(bytes.subarray(1), { dictionary }).toString('utf8');
  return JSON.parse(json) as TicketBody;
}
