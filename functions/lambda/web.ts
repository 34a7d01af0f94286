// Lambda entry: the web form and status page (GET /, /status, /assets/{file}). Its bundle carries the built pages
// in web/ beside it (see scripts/web-build.ts); settings and the token secret are read at cold start.
import { fileURLToPath } from 'node:url';
import { HmacFormTokens } from '../adapters/hmac-tokens.js';
import { loadConfig } from '../config.js';
import { readWebAssets, webHandler } from '../http/web.js';
import { withSecrets } from '../secrets.js';

const config = loadConfig(await withSecrets(process.env), [
  'TOKEN_SECRET',
  'FORM_MIN_FILL_MS',
  'PRIVACY_POLICY_URL',
  'PRIVACY_POLICY_VERSION',
]);

export const handler = webHandler({
  assets: readWebAssets(fileURLToPath(new URL('./web/', import.meta.url))),
  formTokens: new HmacFormTokens(config.TOKEN_SECRET, config.FORM_MIN_FILL_MS),
  clock: { now: () => Date.now() },
  apiBase: '',
  privacyPolicyUrl: config.PRIVACY_POLICY_URL,
  privacyPolicyVersion: config.PRIVACY_POLICY_VERSION,
});
