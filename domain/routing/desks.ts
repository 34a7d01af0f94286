// The desks of each product, compiled from its channels: per queue the mailbox, hours, phone and escalation ladder,
// and the product's P1 line.
import type {
  Catalog,
  CatalogPhone,
  ChannelKind,
  PhoneContact,
  Priority,
  Product,
  Queue,
} from '../catalog.js';
import { PRIORITIES } from '../catalog.js';
import { CatalogError, ValidationError } from '../errors.js';
import type { Timetable } from '../time/timetable.js';
import type { ContactNow, EscalationContact } from './decision.js';

/** One queue of one product: where its mail goes, its hours, its phone and its escalation ladder. */
export interface Desk {
  readonly queue: Queue;
  readonly timetable: Timetable;
  readonly mailbox: string;
  readonly mailContact: ContactNow;
  readonly phone?: {
    readonly contact: ContactNow;
    readonly phone: PhoneContact;
    readonly timetable: Timetable;
  };
  readonly escalation: readonly [EscalationContact, EscalationContact, EscalationContact];
}

/** A product with its two desks and the P1 line (the 7×24 phone for critical cases, whatever the hour). */
export interface CompiledProduct {
  readonly product: Product;
  readonly support: Desk;
  readonly pqrsa: Desk;
  readonly p1Line: {
    readonly contact: ContactNow;
    readonly types: ReadonlySet<string>;
    readonly priorities: ReadonlySet<Priority>;
  };
}

/** Every product's desks, by product id. */
export class Desks {
  constructor(private readonly products: ReadonlyMap<string, CompiledProduct>) {}

  /** The desk (hours, mailbox, phone, escalation ladder) of a product's queue. */
  desk(productId: string, queue: Queue): Desk {
    const product = this.products.get(productId);
    if (!product) throw new ValidationError([{ path: 'product', message: 'unknown product' }]);
    return queue === 'support' ? product.support : product.pqrsa;
  }
}

export function compileProduct(
  product: Product,
  catalog: Catalog,
  timetables: ReadonlyMap<string, Timetable>,
): CompiledProduct {
  const channel = (kind: ChannelKind) => product.channels.find((c) => c.kind === kind);
  const timetableOf = (scheduleId: string) => {
    const timetable = timetables.get(scheduleId);
    if (!timetable) throw new CatalogError([`products.${product.id}: unknown schedule "${scheduleId}"`]);
    return timetable;
  };
  const phoneOf = (kind: ChannelKind, as: ContactNow['channel']) => {
    const c = channel(kind);
    if (c?.contact.type !== 'phone') return undefined;
    const phone = dialable(c.contact);
    return { contact: phoneContactNow(phone, as), phone, timetable: timetableOf(c.schedule) };
  };
  const mailOf = (kind: ChannelKind) => {
    const c = channel(kind);
    if (c?.contact.type !== 'email') {
      throw new CatalogError([`products.${product.id}: needs a ${kind} channel with an e-mail contact`]);
    }
    return { email: c.contact.email, timetable: timetableOf(c.schedule) };
  };
  const p1 = channel('p1-line');
  const p1Line = p1 && phoneOf('p1-line', 'p1-line');
  if (!p1 || !p1Line)
    throw new CatalogError([`products.${product.id}: needs a p1-line channel with a phone`]);

  const [level1, level2, level3] = product.escalation;
  const ladder = [escalationContact(level1), escalationContact(level2), escalationContact(level3)] as const;
  const supportMail = mailOf('email');
  const pqrsaMail = mailOf('pqrsa-email');
  const pqrsaPhone = phoneOf('pqrsa-phone', 'phone');
  const pqrsaLevel1: EscalationContact = {
    level: 1,
    name: catalog.pqrsa.name,
    emails: [pqrsaMail.email],
    phones: pqrsaPhone ? [pqrsaPhone.phone] : [],
  };
  return {
    product,
    support: desk('support', supportMail, phoneOf('phone', 'phone'), ladder),
    pqrsa: desk('pqrsa', pqrsaMail, pqrsaPhone, [pqrsaLevel1, ladder[1], ladder[2]]),
    p1Line: {
      contact: p1Line.contact,
      types: new Set(p1.serves.types),
      priorities: new Set(p1.serves.priorities ?? PRIORITIES),
    },
  };
}

function desk(
  queue: Queue,
  mail: { email: string; timetable: Timetable },
  phone: Desk['phone'],
  escalation: Desk['escalation'],
): Desk {
  return {
    queue,
    timetable: mail.timetable,
    mailbox: mail.email,
    mailContact: { channel: 'email', value: mail.email },
    ...(phone ? { phone } : {}),
    escalation,
  };
}

function escalationContact(step: Product['escalation'][number]): EscalationContact {
  return { level: step.level, name: step.name, emails: step.emails, phones: step.phones.map(dialable) };
}

/** The contact routing hands out; the seed's text (`asPublished`) stays in the catalog. */
function dialable({ display, tel, options, ext }: CatalogPhone): PhoneContact {
  return { display, tel, ...(options ? { options } : {}), ...(ext ? { ext } : {}) };
}

function phoneContactNow(phone: PhoneContact, channel: ContactNow['channel']): ContactNow {
  return {
    channel,
    value: phone.display,
    tel: phone.tel,
    ...(phone.options && phone.options.length > 0 ? { options: phone.options } : {}),
  };
}
