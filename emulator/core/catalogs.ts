import genesysJson from '../../shared/catalog/genesys-chat.tools.json';
import unipileJson from '../../shared/catalog/unipile-messaging.tools.json';
import type { Catalog } from './types';

/** The published catalogs, exactly as bundled in shared/catalog. */
export const GENESYS_CATALOG: Catalog = genesysJson as Catalog;
export const UNIPILE_CATALOG: Catalog = unipileJson as Catalog;
