// The one e-mail layout: a structured document rendered as HTML and plain text. Every value is escaped here, so
// callers pass user-supplied text as it is.
import type { Locale } from '#domain/ticket.js';

export interface EmailDocument {
  readonly lang: Locale;
  /** Shown by mail clients next to the subject. */
  readonly preheader: string;
  readonly title: string;
  readonly alert?: { readonly tone: 'critical' | 'info'; readonly text: string };
  readonly intro: readonly string[];
  readonly facts: readonly (readonly [label: string, value: string])[];
  /** A section is a block of text, or a list whose items may each link somewhere (a file to download). */
  readonly sections: readonly { readonly heading: string; readonly text: string | readonly ListItem[] }[];
  readonly actions: readonly { readonly label: string; readonly href: string }[];
  readonly footer: readonly string[];
}

/** A list item: text, or text that links to `href` (rendered as a link in HTML, `text: href` in plain text). */
export type ListItem = string | { readonly text: string; readonly href: string };

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Links may only be web, phone or mail links; anything else is dropped. */
function safeHref(href: string): string | undefined {
  return /^(https?:\/\/|tel:|mailto:)/i.test(href) ? href : undefined;
}

const COLORS = { critical: '#b42318', info: '#0b5394' } as const;

export function renderEmail(doc: EmailDocument): { html: string; text: string } {
  return { html: renderHtml(doc), text: renderText(doc) };
}

function renderHtml(doc: EmailDocument): string {
  const e = escapeHtml;
  const paragraphs = (lines: readonly string[]) =>
    lines.map((l) => `<p style="margin:0 0 12px">${e(l)}</p>`).join('');
  const alert = doc.alert
    ? `<div role="alert" style="border-left:4px solid ${COLORS[doc.alert.tone]};background:#f6f8fa;padding:12px 16px;margin:0 0 16px;font-weight:bold">${e(doc.alert.text)}</div>`
    : '';
  const facts = doc.facts.length
    ? `<table role="presentation" cellpadding="6" style="border-collapse:collapse;margin:0 0 16px">${doc.facts
        .map(
          ([label, value]) =>
            `<tr><th align="left" valign="top" style="color:#555;font-weight:normal;padding-right:16px">${e(label)}</th><td>${e(value)}</td></tr>`,
        )
        .join('')}</table>`
    : '';
  const sections = doc.sections
    .map(({ heading, text }) => {
      const body =
        typeof text === 'string'
          ? `<div style="white-space:pre-wrap;border:1px solid #ddd;padding:12px">${e(text)}</div>`
          : `<ul>${text.map((t) => `<li>${htmlItem(t)}</li>`).join('')}</ul>`;
      return `<h2 style="font-size:16px;margin:16px 0 8px">${e(heading)}</h2>${body}`;
    })
    .join('');
  const actions = doc.actions
    .flatMap(({ label, href }) => {
      const safe = safeHref(href);
      return safe
        ? [
            `<p><a href="${e(safe)}" style="display:inline-block;background:#0b5394;color:#fff;padding:10px 16px;text-decoration:none;border-radius:4px">${e(label)}</a></p>`,
          ]
        : [];
    })
    .join('');
  return [
    '<!doctype html>',
    `<html lang="${doc.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${e(doc.title)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;color:#1f2328;line-height:1.5;margin:0;padding:24px">',
    `<span style="display:none">${e(doc.preheader)}</span>`,
    `<h1 style="font-size:20px;margin:0 0 16px">${e(doc.title)}</h1>`,
    alert,
    paragraphs(doc.intro),
    facts,
    sections,
    actions,
    `<hr style="border:none;border-top:1px solid #ddd;margin:24px 0 12px"><div style="color:#555;font-size:12px">${paragraphs(doc.footer)}</div>`,
    '</body></html>',
  ].join('');
}

function htmlItem(item: ListItem): string {
  if (typeof item === 'string') return escapeHtml(item);
  const safe = safeHref(item.href);
  return safe ? `<a href="${escapeHtml(safe)}">${escapeHtml(item.text)}</a>` : escapeHtml(item.text);
}

function textItem(item: ListItem): string {
  if (typeof item === 'string') return item;
  const safe = safeHref(item.href);
  return safe ? `${item.text}: ${safe}` : item.text;
}

function renderText(doc: EmailDocument): string {
  const width = Math.max(0, ...doc.facts.map(([label]) => label.length));
  const lines = [doc.title, '='.repeat(doc.title.length), ''];
  if (doc.alert) lines.push(`>> ${doc.alert.text}`, '');
  for (const p of doc.intro) lines.push(p, '');
  for (const [label, value] of doc.facts) lines.push(`${`${label}:`.padEnd(width + 2)}${value}`);
  if (doc.facts.length) lines.push('');
  for (const { heading, text } of doc.sections) {
    lines.push(heading, '-'.repeat(heading.length));
    lines.push(...(typeof text === 'string' ? [text] : text.map((t) => `- ${textItem(t)}`)), '');
  }
  for (const { label, href } of doc.actions) {
    const safe = safeHref(href);
    if (safe) lines.push(`${label}: ${safe}`, '');
  }
  lines.push('--', ...doc.footer);
  return `${lines.join('\n')}\n`;
}
