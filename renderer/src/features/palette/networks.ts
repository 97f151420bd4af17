import type { Network } from '../../../../shared/domain/model';

/** How each network is named in the palette and search (filters, rows, screen-reader text). */
export const NETWORK_LABELS: Record<Network, string> = {
  genesys: 'Genesys Cloud',
  whatsapp: 'WhatsApp',
  linkedin: 'LinkedIn',
  slack: 'Slack',
  telegram: 'Telegram',
  instagram: 'Instagram',
  messenger: 'Messenger',
  x: 'X',
};

export const NETWORKS = Object.keys(NETWORK_LABELS) as Network[];
