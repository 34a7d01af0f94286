// Lambda entry: POST /requests/{id}/attachments (presigned uploads) and GET /attachments/{token} (downloads). Settings
// are checked at cold start; secrets are read through a short cache on every invocation (functions/secrets.ts).
import { attachmentsHandler } from '../http/attachments.js';
import { withRotatingSecrets } from '../secrets.js';
import { ATTACHMENT_SETTINGS, attachmentDeps, store, systemClock } from '../wiring.js';

export const handler = await withRotatingSecrets(ATTACHMENT_SETTINGS, (config, rings) =>
  attachmentsHandler(attachmentDeps(config, systemClock, store(config), rings)),
);
