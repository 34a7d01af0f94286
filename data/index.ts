// The validated catalog, loaded once per process; a broken catalog throws here with the path of each bad value.
// Lambda bundles are built with `__CATALOG_VALIDATED__` defined (infra/constructs/bundling.ts): the CDK app validates
// the very same catalog when it synthesizes (infra/app.ts), so a broken catalog never deploys, and the functions
// skip a check that would cost every cold start ~20 ms. A test keeps the validated catalog identical to the raw one.
import type { Catalog } from '#domain/catalog.js';
import { rawCatalog } from './catalog.js';
import { parseCatalog } from './schema.js';

declare const __CATALOG_VALIDATED__: boolean | undefined;

export const catalog: Catalog =
  typeof __CATALOG_VALIDATED__ !== 'undefined' && __CATALOG_VALIDATED__
    ? rawCatalog
    : parseCatalog(rawCatalog);
export { parseCatalog } from './schema.js';
