// Contacts the catalog publishes that no seed page does, each with the reason it is there. Every other e-mail address
// and phone number in the catalog must come from a seed page: test/data/seeds.test.ts fails on one that does not, so
// a contact cannot be invented in the catalog by mistake. Keep this list short, and cite where each contact is
// published.

export interface ContactAddition {
  /** An e-mail address, or a phone number in E.164 (`+576017442727`). */
  readonly contact: string;
  /** Why the catalog has it, and where it is published. */
  readonly reason: string;
}

export const contactAdditions: readonly ContactAddition[] = [];
