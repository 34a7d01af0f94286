// The twin's stand-in for the `p1-alerts` SNS topic: pages are kept in memory and printed.
import type { PageMessage, Pager } from '#domain/ports.js';

export class LocalPager implements Pager {
  readonly pages: PageMessage[] = [];
  constructor(private readonly print: (line: string) => void = () => undefined) {}

  async page(message: PageMessage): Promise<{ messageId: string }> {
    this.pages.push(message);
    this.print(`[p1-alerts] ${message.subject}`);
    return { messageId: `local-page-${this.pages.length}` };
  }
}
