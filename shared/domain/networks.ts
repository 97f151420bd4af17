/**
 * The networks and their names, apart from the zod models so the renderer can
 * import them without bringing zod into its first bundle.
 */
export const NETWORKS = ['genesys', 'whatsapp', 'linkedin', 'slack', 'telegram', 'instagram', 'messenger', 'x'] as const;
export type Network = (typeof NETWORKS)[number];

/** Each network's name as people write it: the inbox, the timeline and the backend's account names. */
export const NETWORK_NAMES: Record<Network, string> = {
  genesys: 'Genesys',
  whatsapp: 'WhatsApp',
  linkedin: 'LinkedIn',
  slack: 'Slack',
  telegram: 'Telegram',
  instagram: 'Instagram',
  messenger: 'Messenger',
  x: 'X',
};
