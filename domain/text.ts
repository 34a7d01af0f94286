// Text that stays text: well-formedness (no lone UTF-16 surrogate, which no mail, URL or UTF-8 encoder accepts) and
// truncation that never splits a character a reader sees (a surrogate pair, an emoji sequence, a letter and its
// accent).

// With the `u` flag a surrogate pair reads as one code point, so only a lone surrogate is in category Cs. (A regex
// rather than String#isWellFormed: the browser form runs this too, on browsers older than that method.)
const LONE_SURROGATE = /\p{Cs}/u;
const LONE_SURROGATES = /\p{Cs}/gu;

/** Whether `text` is well-formed UTF-16: every surrogate is half of a pair, so it encodes as UTF-8. */
export function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** `text` with each lone surrogate replaced by U+FFFD, for echoing a rejected value safely. */
export function toWellFormed(text: string): string {
  return text.replace(LONE_SURROGATES, '\uFFFD');
}

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/**
 * The longest prefix of `text` made of whole grapheme clusters that fits, with `ellipsis` appended when it was cut,
 * in `max` UTF-16 code units (the unit JavaScript, SES and DynamoDB limits count in JavaScript strings). Text that was
 * well-formed stays well-formed.
 */
export function truncateText(text: string, max: number, ellipsis = ''): string {
  if (text.length <= max) return text;
  if (max < ellipsis.length) return '';
  const room = max - ellipsis.length;
  let end = 0;
  for (const { index, segment } of graphemes.segment(text)) {
    if (index + segment.length > room) break;
    end = index + segment.length;
  }
  return `${text.slice(0, end)}${ellipsis}`;
}
