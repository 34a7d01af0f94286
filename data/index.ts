// The validated catalog, loaded once per process; a broken catalog throws here with the path of each bad value.
import type { Catalog } from '#domain/catalog.js';
import { rawCatalog } from './catalog.js';
import { parseCatalog } from './schema.js';

export const catalog: Catalog = parseCatalog(rawCatalog);
export { parseCatalog } from './schema.js';
