// The text of an HTML-only mail: every tag dropped (HTML from a mail is never rendered), line breaks kept where the
// markup made them, entities decoded. Quoted history inside <blockquote> goes with the tag (Gmail and Apple Mail
// quote that way); what Outlook quotes without one is cut later by the reply-text rules.
import sanitizeHtml from 'sanitize-html';

/** Tags whose content is never text a person wrote for this reply: dropped with what they contain. */
const DROPPED_WITH_CONTENT = [
  'script',
  'style',
  'textarea',
  'option',
  'xmp',
  'noscript',
  'template',
  'head',
  'title',
  'blockquote',
];

/** The elements that end a line when a browser lays them out. */
const LINE_ENDS = /<br\s*\/?>|<\/(?:p|div|li|tr|h[1-6]|table|ul|ol|pre|address)\s*>/gi;

/** Plain text from HTML: no tag or attribute survives, not even as escaped text. */
export function htmlToText(html: string): string {
  // Source whitespace is not layout in HTML: collapse it first, then mark the lines the tags make.
  const marked = html.replace(/\s+/g, ' ').replace(LINE_ENDS, (tag) => `${tag}\n`);
  const escaped = sanitizeHtml(marked, {
    allowedTags: [],
    allowedAttributes: {},
    nonTextTags: DROPPED_WITH_CONTENT,
  });
  return decodeEscapes(escaped)
    .split('\n')
    .map((line) => line.trim())
    .join('\n');
}

/** sanitize-html decodes every entity and escapes only these again in its output. */
function decodeEscapes(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}
