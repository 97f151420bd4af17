import { NETWORK_NAMES, type Network } from '../../../../shared/domain/networks';

/**
 * How each network is named in the palette and search (filters, rows, screen-reader text): the
 * names the rest of the app uses, with Genesys's full product name where it stands alone in a list.
 */
export const NETWORK_LABELS: Record<Network, string> = { ...NETWORK_NAMES, genesys: 'Genesys Cloud' };
