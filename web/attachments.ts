// Attaching files to a request, from the form's success view and from the status page: the same checks as the API
// (how many, how big, which types), then POST /requests/{id}/attachments for presigned S3 POSTs and one upload per
// file, with progress and the outcome announced; and the status page's list of files with their download links.
import type { Locale } from '#domain/ticket.js';
import type { Message } from './completion.js';
import { fill, STRINGS } from './i18n.js';
import { apiBase, h } from './shared.js';
import type { AttachmentView, Credentials, TicketView } from './ticket-api.js';

/** The API's limits: uploads per request (in all), bytes per file. */
export const MAX_UPLOADS = 5;
export const MAX_BYTES = 5 * 1024 * 1024;

/** The allow-listed types, each with the extensions that stand for it when the browser gives no type. */
const TYPES: Readonly<Record<string, readonly string[]>> = {
  'image/png': ['.png'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/gif': ['.gif'],
  'image/webp': ['.webp'],
  'application/pdf': ['.pdf'],
  'text/plain': ['.txt'],
  'text/csv': ['.csv'],
  'application/msword': ['.doc'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['.docx'],
  'application/vnd.ms-excel': ['.xls'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'],
  'application/vnd.oasis.opendocument.text': ['.odt'],
  'application/vnd.oasis.opendocument.spreadsheet': ['.ods'],
};

/** For the file picker: every allowed extension and type. */
export const ACCEPT = [...Object.values(TYPES).flat(), ...Object.keys(TYPES)].join(',');

/** The allowed type of a file: its own, or (when the browser knows none) the one its extension stands for. */
export function allowedType(file: { readonly name: string; readonly type: string }): string | undefined {
  if (file.type) return file.type in TYPES ? file.type : undefined;
  const extension = /\.[^.]+$/.exec(file.name.toLowerCase())?.[0] ?? '';
  return Object.keys(TYPES).find((type) => TYPES[type]?.includes(extension));
}

/** "12 KB", "5,7 MB": sizes as people read them. */
export function readableSize(bytes: number, locale: Locale): string {
  const number = (n: number) =>
    new Intl.NumberFormat(locale === 'es' ? 'es-CO' : 'en-US', { maximumFractionDigits: 1 }).format(n);
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${number(bytes / 1024)} KB`;
  return `${number(bytes / (1024 * 1024))} MB`;
}

/** What is wrong with a selection, one line per problem (empty: it may be uploaded). */
export function selectionProblems(files: readonly File[], left: number, locale: Locale): string[] {
  const t = STRINGS[locale].attachments;
  if (files.length === 0) return [t.choose];
  const problems = files.length > left ? [fill(t.tooMany, { chosen: files.length, n: left })] : [];
  for (const file of files) {
    if (!allowedType(file)) problems.push(fill(t.badType, { name: file.name }));
    else if (file.size > MAX_BYTES)
      problems.push(fill(t.tooBig, { name: file.name, size: readableSize(file.size, locale) }));
    else if (file.size === 0) problems.push(fill(t.empty, { name: file.name }));
  }
  return problems;
}

interface Upload {
  readonly url: string;
  readonly fields: Readonly<Record<string, string>>;
}

type UploadsOutcome = { readonly uploads: readonly Upload[] } | { readonly refused: string };

/** POST /requests/{id}/attachments: a presigned POST per file, or the API's reason (each field by the file's name). */
async function requestUploads(
  credentials: Credentials,
  files: readonly File[],
  locale: Locale,
): Promise<UploadsOutcome> {
  const response = await fetch(
    `${apiBase()}/requests/${encodeURIComponent(credentials.id)}/attachments?locale=${locale}`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${credentials.token}` },
      body: JSON.stringify({
        files: files.map((file) => ({ name: file.name, type: allowedType(file), size: file.size })),
      }),
    },
  );
  const answer = (await response.json()) as {
    uploads?: Upload[];
    error?: { message?: string; detail?: string; fields?: { path: string; message: string }[] };
  };
  if (response.ok && answer.uploads?.length === files.length) return { uploads: answer.uploads };
  const error = answer.error;
  const fields = error?.fields?.map((f) => {
    const file = files[Number(/^files\.(\d+)/.exec(f.path)?.[1] ?? Number.NaN)];
    return file ? `${file.name}: ${f.message}` : f.message;
  });
  const reason = error?.detail ?? fields?.join(' ') ?? error?.message;
  // An answer without a reason of the API's own (a gateway's, say) is told like no answer at all.
  if (!reason) throw new Error(`attachments answered ${response.status}`);
  return { refused: reason };
}

/** One presigned POST: its fields first, the file last; S3 answers 204 (or 201). */
async function send(upload: Upload, file: File): Promise<boolean> {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append('file', file, file.name);
  try {
    return (await fetch(upload.url, { method: 'POST', body: form })).ok;
  } catch {
    return false;
  }
}

/** Uploads `files` one by one, saying which, and how it went: how many went up, and the line to show. */
async function upload(
  credentials: Credentials,
  files: readonly File[],
  locale: Locale,
  progress: (text: string) => void,
): Promise<{ uploaded: number; message: Message }> {
  const t = STRINGS[locale].attachments;
  progress(t.preparing);
  let outcome: UploadsOutcome;
  try {
    outcome = await requestUploads(credentials, files, locale);
  } catch {
    return { uploaded: 0, message: { role: 'alert', text: t.network } };
  }
  if ('refused' in outcome) {
    return { uploaded: 0, message: { role: 'alert', text: fill(t.refused, { reason: outcome.refused }) } };
  }
  for (const [index, file] of files.entries()) {
    progress(fill(t.uploading, { n: index + 1, total: files.length }));
    const presigned = outcome.uploads[index];
    if (!presigned || !(await send(presigned, file))) {
      const text = fill(t.partial, { done: index, total: files.length, name: file.name });
      return { uploaded: index, message: { role: 'alert', text } };
    }
  }
  const text = files.length === 1 ? t.doneOne : fill(t.doneOther, { n: files.length });
  return { uploaded: files.length, message: { role: 'status', text } };
}

export interface UploadOptions {
  readonly credentials: Credentials;
  readonly locale: Locale;
  /** How many more files the request takes. */
  readonly left: number;
  /** The outcome of the last upload, shown under the control. */
  readonly message?: Message | undefined;
  /** Called once the uploads are over (some may have failed); the page shows `message` where it wants. */
  readonly onFinished: (outcome: { readonly uploaded: number; readonly message: Message }) => void;
}

/** The file picker with its label, limits and button; problems are announced and nothing is sent until fixed. */
export function uploadControl(options: UploadOptions): HTMLElement {
  const t = STRINGS[options.locale].attachments;
  const last = options.message
    ? h(
        'p',
        { role: options.message.role, 'data-testid': 'attach-message', tabindex: '-1' },
        options.message.text,
      )
    : null;
  if (options.left <= 0) return h('div', { class: 'attach' }, last, h('p', { class: 'hint' }, t.full));
  const input = h('input', {
    id: 'attach-input',
    name: 'files',
    type: 'file',
    multiple: '',
    accept: ACCEPT,
    'aria-describedby': 'attach-hint attach-problems',
  }) as HTMLInputElement;
  const button = h('button', { type: 'submit' }, t.button) as HTMLButtonElement;
  const problems = h('div', { id: 'attach-problems', role: 'alert', 'data-testid': 'attach-problems' });
  const progress = h('p', { class: 'hint', role: 'status', 'data-testid': 'attach-progress' });
  const form = h(
    'form',
    { class: 'attach', 'data-testid': 'attach' },
    h('label', { for: 'attach-input' }, t.label),
    h('p', { class: 'hint', id: 'attach-hint' }, fill(t.hint, { n: options.left })),
    input,
    problems,
    button,
    progress,
    last,
  );
  const check = (): File[] | undefined => {
    const files = [...(input.files ?? [])];
    const found = selectionProblems(files, options.left, options.locale);
    if (found.length > 0) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
    problems.replaceChildren(
      ...(found.length > 0 ? [h('p', {}, t.fix), h('ul', {}, ...found.map((p) => h('li', {}, p)))] : []),
    );
    return found.length > 0 ? undefined : files;
  };
  input.addEventListener('change', () => void check());
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const files = check();
    if (!files) return;
    input.disabled = button.disabled = true;
    form.setAttribute('aria-busy', 'true');
    void upload(options.credentials, files, options.locale, (text) => {
      progress.textContent = text;
    }).then(options.onFinished);
  });
  return form;
}

/** Keyboard focus on how the last upload went: the control that had it was replaced. */
export function focusOutcome(): void {
  document.querySelector<HTMLElement>('[data-testid="attach-message"]')?.focus();
}

/** The form's success view: the control, again after each upload with what is left and how the last one went. */
export function attachAfterSubmitting(credentials: Credentials, locale: Locale): HTMLElement {
  const area = h('section', { class: 'attachments', 'data-testid': 'attachments' });
  const show = (left: number, message?: Message) =>
    area.replaceChildren(
      uploadControl({
        credentials,
        locale,
        left,
        message,
        onFinished: ({ uploaded, message: next }) => {
          show(left - uploaded, next);
          focusOutcome();
        },
      }),
    );
  show(MAX_UPLOADS);
  return area;
}

/** The id and token of a status page link (`…/status#id=…&token=…`). */
export function credentialsOf(statusPageUrl: string): Credentials | undefined {
  const params = new URLSearchParams(new URL(statusPageUrl, location.href).hash.slice(1));
  const id = params.get('id');
  const token = params.get('token');
  return id && token ? { id, token } : undefined;
}

/** Uploads are taken while the request is open and its personal data has not been erased. */
function openToUploads(v: TicketView): boolean {
  const erased = v.history.some((e) => e.event === 'personal-data-erased' || e.event === 'data-suppressed');
  return v.status !== 'resolved' && !v.closedAs && !erased;
}

/** The status page's "Archivos": each file with its link, size, where it came from and when; then the control. */
export function attachmentsSection(
  v: TicketView,
  when: (iso: string) => string,
  options: Omit<UploadOptions, 'left'>,
): HTMLElement | null {
  const t = STRINGS[options.locale].attachments;
  const files: readonly AttachmentView[] = v.attachments ?? [];
  const open = openToUploads(v);
  if (files.length === 0 && !open && !options.message) return null;
  const left = MAX_UPLOADS - files.filter((f) => f.source === 'upload').length;
  const item = (f: AttachmentView) =>
    h(
      'li',
      {},
      h('a', { href: f.url }, f.name),
      ` · ${readableSize(f.size, options.locale)} · ${f.source === 'mail' ? t.fromMail : t.fromYou} · `,
      h('time', { datetime: f.at }, when(f.at)),
    );
  return h(
    'section',
    { class: 'attachments', 'data-testid': 'attachments', 'aria-labelledby': 'attachments-title' },
    h('h3', { id: 'attachments-title' }, t.title),
    files.length > 0 ? h('ul', { 'data-testid': 'attachment-list' }, ...files.map(item)) : null,
    open
      ? uploadControl({ ...options, left })
      : options.message
        ? h('p', { role: options.message.role }, options.message.text)
        : null,
  );
}
