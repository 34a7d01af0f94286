// GET /, /status and /assets/{file}: the web form and the status page, with the API base, a fresh form token, the
// data-policy link and the privacy notice (es, en) filled in, and strict security headers. Assets
// have content-hashed names and never change.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock, FormTokens } from '#domain/ports.js';
import type { Locale } from '#domain/ticket.js';
import { escapeHtml } from '../notify/layout.js';
import type { Notice } from '../privacy-notice.js';
import { compressed, type HttpEvent, type HttpHandler, type HttpResult } from './kit.js';

export interface WebAsset {
  readonly body: string;
  readonly contentType: string;
  /** Pages get their placeholders filled and are never cached; assets are immutable. */
  readonly kind: 'page' | 'asset';
}

export interface WebDeps {
  readonly assets: ReadonlyMap<string, WebAsset>;
  readonly formTokens: FormTokens;
  readonly clock: Clock;
  /** The API's base URL as the browser should call it (empty: the page's own origin). */
  readonly apiBase: string;
  readonly privacyPolicyUrl: string;
  readonly privacyPolicyVersion: string;
  /** The privacy notice in force, per language (functions/privacy-notice.ts). */
  readonly notices: Readonly<Record<Locale, Notice>>;
  /**
   * The origin the pages upload attachments to (the presigned POSTs' bucket: `https://<bucket>.s3.<region>.amazonaws.com`
   * in AWS, the local S3 in the twin); without it the browser may not send files anywhere but the API.
   */
  readonly uploadOrigin?: string;
}

/** Headers every HTML page gets, beside its own Content-Security-Policy. */
export const PAGE_SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  // Browsers honour it over https only (the deployed API); on the twin's http://localhost it is ignored.
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
} as const;

export function webHandler(deps: WebDeps): HttpHandler {
  const connect = [
    "'self'",
    ...[deps.apiBase, deps.uploadOrigin].flatMap((u) => (u ? [new URL(u).origin] : [])),
  ].join(' ');
  const security = {
    'content-security-policy': `default-src 'none'; script-src 'self'; style-src 'self'; connect-src ${connect}; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`,
    ...PAGE_SECURITY_HEADERS,
  };
  const serve = (event: HttpEvent): HttpResult => {
    if (event.rawPath === '/form-token') {
      // For web forms of their own on allowed origins (CORS): the same proof the served form carries.
      return {
        statusCode: 200,
        headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
        body: JSON.stringify({
          token: deps.formTokens.issue(deps.clock.now()),
          policyVersion: deps.privacyPolicyVersion,
          policyUrl: deps.privacyPolicyUrl,
          notice: deps.notices,
        }),
      };
    }
    const path = event.rawPath.replace(/\/index\.html$/, '/');
    const asset = deps.assets.get(path);
    if (!asset) {
      return {
        statusCode: 404,
        headers: { 'content-type': 'text/plain; charset=utf-8', ...security },
        body: 'Not found',
      };
    }
    if (asset.kind === 'asset') {
      return {
        statusCode: 200,
        headers: {
          'content-type': asset.contentType,
          'cache-control': 'public, max-age=31536000, immutable',
          ...security,
        },
        body: asset.body,
      };
    }
    const values: Readonly<Record<string, string>> = {
      API_BASE: deps.apiBase,
      FORM_TOKEN: deps.formTokens.issue(deps.clock.now()),
      PRIVACY_URL: deps.privacyPolicyUrl,
      PRIVACY_VERSION: deps.privacyPolicyVersion,
      PRIVACY_NOTICE_ES: deps.notices.es.text,
      PRIVACY_NOTICE_EN: deps.notices.en.text,
    };
    const body = asset.body.replace(/%([A-Z_]+)%/g, (whole, key: string) =>
      key in values ? escapeHtml(values[key] ?? '') : whole,
    );
    return {
      statusCode: 200,
      headers: { 'content-type': asset.contentType, 'cache-control': 'no-store', ...security },
      body,
    };
  };
  // The form's page and script go to phones: gzipped when the browser accepts it (the API does not compress).
  return async (event) => compressed(event, serve(event));
}

/** The assets a build wrote next to the function's bundle (see scripts/web-build.ts). */
export function readWebAssets(dir: string): Map<string, WebAsset> {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<
    string,
    { file: string; contentType: string; kind: WebAsset['kind'] }
  >;
  return new Map(
    Object.entries(manifest).map(([path, entry]) => [
      path,
      { body: readFileSync(join(dir, entry.file), 'utf8'), contentType: entry.contentType, kind: entry.kind },
    ]),
  );
}
