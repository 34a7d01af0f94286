// The signed links of staff mail as a test follows them: the tokens a mail carries, and the confirmation page (GET)
// or the action (POST, a form) at /actions.
import type { StoredMail } from './support.js';

/** The signed links of a staff mail, in order: acknowledge (while unacknowledged), resolve, extend (a PQRSA). */
export function actionTokens(mail: StoredMail | undefined): string[] {
  return [...(mail?.body.text ?? '').matchAll(/\/actions\?token=([\w.-]+)/g)].map((m) => m[1] ?? '');
}

/** Opens a link's confirmation page (GET) or posts its form (POST); the status and the page. */
export async function followLink(
  baseUrl: string,
  method: 'GET' | 'POST',
  token: string,
  form: Record<string, string> = {},
): Promise<{ status: number; html: string }> {
  const response =
    method === 'GET'
      ? await fetch(`${baseUrl}/actions?token=${encodeURIComponent(token)}`)
      : await fetch(`${baseUrl}/actions`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ token, ...form }).toString(),
        });
  return { status: response.status, html: await response.text() };
}
