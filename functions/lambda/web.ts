// Lambda entry: the web form and status page (GET /, /status, /assets/{file}, /form-token). Its bundle carries the
// built pages in web/ beside it (see scripts/web-build.ts). It holds one secret, the form token's, read through a
// short cache on every invocation so a rotation reaches it within minutes.
import { fileURLToPath } from 'node:url';
import { readWebAssets, webHandler } from '../http/web.js';
import { noticesInForce } from '../privacy-notice.js';
import { withRotatingSecrets } from '../secrets.js';
import { formTokens, WEB_SETTINGS } from '../wiring.js';

export const handler = await withRotatingSecrets(WEB_SETTINGS, (config, rings) =>
  webHandler({
    assets: readWebAssets(fileURLToPath(new URL('./web/', import.meta.url))),
    formTokens: formTokens(config, rings),
    clock: { now: () => Date.now() },
    apiBase: '',
    privacyPolicyUrl: config.PRIVACY_POLICY_URL,
    privacyPolicyVersion: config.PRIVACY_POLICY_VERSION,
    notices: noticesInForce(config),
    // The bucket's virtual-hosted origin, which the SDK's presigned POST uses: the pages may upload to it.
    uploadOrigin: `https://${config.INBOUND_BUCKET}.s3.${config.AWS_REGION}.amazonaws.com`,
  }),
);
