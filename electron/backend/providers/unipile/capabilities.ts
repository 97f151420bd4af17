import type { Conversation, Network } from '../../../../shared/domain';
import { CHAT_ACTIONS, type AccountType, type ChatAction } from './args';

/**
 * What each network lets the user do through Unipile, so the UI can hide an
 * action instead of letting it fail. Sources, newest first: the catalog's own
 * tool descriptions ("(WhatsApp only)", edit windows), then the reference's §6
 * matrix. Cells the sources leave open follow the emulator's documented choices
 * so demo mode and the real service are held to the same table; README.md lists
 * which cells are guesses. A chat's own `disabledFeatures` narrows this further.
 */

export type UnipileNetwork = Exclude<Network, 'genesys'>;
export type DisabledFeature = NonNullable<Conversation['disabled']>[number];

export const NETWORK_BY_ACCOUNT_TYPE: Record<AccountType, UnipileNetwork> = {
  WHATSAPP: 'whatsapp',
  LINKEDIN: 'linkedin',
  SLACK: 'slack',
  TELEGRAM: 'telegram',
  INSTAGRAM: 'instagram',
  MESSENGER: 'messenger',
  TWITTER: 'x',
};

const ACCOUNT_TYPE_BY_NETWORK = Object.fromEntries(Object.entries(NETWORK_BY_ACCOUNT_TYPE).map(([k, v]) => [v, k])) as Record<UnipileNetwork, AccountType>;

/** The network of a Unipile `account_type`, or null for one Switchboard does not know (a new provider, mail…). */
export function networkFor(accountType: string): UnipileNetwork | null {
  return (NETWORK_BY_ACCOUNT_TYPE as Record<string, UnipileNetwork | undefined>)[accountType.toUpperCase()] ?? null;
}

export function accountTypeFor(network: UnipileNetwork): AccountType {
  return ACCOUNT_TYPE_BY_NETWORK[network];
}

export interface NetworkCapabilities {
  network: UnipileNetwork;
  /** Quote/reply to a message (`quote_id`). */
  reply: boolean;
  reactions: boolean;
  /** A new reaction replaces the user's previous one (WhatsApp and the Meta/X networks). */
  singleReactionPerUser: boolean;
  edit: boolean;
  /** How long after sending an edit is accepted; null = no limit. */
  editWindowMs: number | null;
  deleteMessage: boolean;
  /** How long after sending "delete for everyone" is accepted; null = no limit. */
  deleteWindowMs: number | null;
  forward: boolean;
  /** Slack threads (`thread_id`, `parent`, `replies`). */
  threads: boolean;
  attachments: boolean;
  voiceMessage: boolean;
  videoMessage: boolean;
  typingIndicator: boolean;
  deleteChat: boolean;
  syncHistory: boolean;
  /** The network reports read receipts for the account's own messages. */
  readReceipts: boolean;
  /** `patch_chat` actions. */
  chatActions: Record<ChatAction, boolean>;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

type Row = Omit<NetworkCapabilities, 'network' | 'chatActions'>;
const ALL: AccountType[] = ['WHATSAPP', 'LINKEDIN', 'SLACK', 'TELEGRAM', 'INSTAGRAM', 'MESSENGER', 'TWITTER'];

/** From the patch_chat `action` description in the catalog ("(WhatsApp & LinkedIn only)" …). */
const CHAT_ACTION_SUPPORT: Record<ChatAction, readonly AccountType[]> = {
  setReadStatus: ['WHATSAPP', 'LINKEDIN'],
  setMuteStatus: ['WHATSAPP', 'LINKEDIN'],
  setArchiveStatus: ['WHATSAPP'],
  setPinnedStatus: ['WHATSAPP'],
  addParticipant: ['WHATSAPP', 'TELEGRAM'],
  removeParticipant: ['WHATSAPP', 'TELEGRAM'],
  setLabel: ['WHATSAPP'],
  getInviteLink: ['WHATSAPP', 'TELEGRAM'],
};

const on = (list: readonly AccountType[], t: AccountType) => list.includes(t);

function row(t: AccountType): Row {
  // Edit windows: WhatsApp 15 min and LinkedIn 60 min are in the catalog; Telegram's 48 h and Slack's "no limit" are the networks' own rules.
  const editWindow: Partial<Record<AccountType, number | null>> = { WHATSAPP: 15 * MINUTE, LINKEDIN: 60 * MINUTE, TELEGRAM: 48 * HOUR, SLACK: null };
  // Delete: documented for WhatsApp (for everyone, about 2 days) and LinkedIn (60 min) only.
  const deleteWindow: Partial<Record<AccountType, number | null>> = { WHATSAPP: 48 * HOUR, LINKEDIN: 60 * MINUTE };
  return {
    reply: true,
    reactions: true,
    singleReactionPerUser: on(['WHATSAPP', 'INSTAGRAM', 'MESSENGER', 'TWITTER'], t),
    edit: t in editWindow,
    editWindowMs: editWindow[t] ?? null,
    deleteMessage: t in deleteWindow,
    deleteWindowMs: deleteWindow[t] ?? null,
    forward: t === 'WHATSAPP',
    threads: t === 'SLACK',
    attachments: true,
    voiceMessage: on(['LINKEDIN', 'WHATSAPP'], t),
    videoMessage: t === 'LINKEDIN',
    typingIndicator: t === 'WHATSAPP',
    deleteChat: on(['WHATSAPP', 'LINKEDIN'], t),
    syncHistory: on(['WHATSAPP', 'LINKEDIN', 'TELEGRAM', 'SLACK'], t),
    readReceipts: t !== 'SLACK',
  };
}

const MATRIX = Object.fromEntries(
  ALL.map((t) => {
    const network = NETWORK_BY_ACCOUNT_TYPE[t];
    const chatActions = Object.fromEntries(CHAT_ACTIONS.map((a) => [a, on(CHAT_ACTION_SUPPORT[a], t)])) as Record<ChatAction, boolean>;
    return [network, Object.freeze({ network, ...row(t), chatActions: Object.freeze(chatActions) })];
  }),
) as Record<UnipileNetwork, Readonly<NetworkCapabilities>>;

export function capabilitiesFor(network: UnipileNetwork): Readonly<NetworkCapabilities> {
  return MATRIX[network];
}

export function supportsChatAction(network: UnipileNetwork, action: ChatAction): boolean {
  return MATRIX[network].chatActions[action];
}

/**
 * The domain's `disabled` list for a chat on `network`: the network's gaps plus
 * the chat's own `disabledFeatures`. Message pins are a Genesys feature; no
 * Unipile tool pins a message, so `pins` is always disabled here.
 */
export function disabledFeaturesFor(network: UnipileNetwork, chatDisabled: readonly string[] = [], readOnly = false): DisabledFeature[] {
  const c = MATRIX[network];
  const out = new Set<DisabledFeature>(['pins']);
  if (!c.reactions) out.add('reactions');
  if (!c.reply) out.add('reply');
  if (!c.edit) out.add('edit');
  if (!c.deleteMessage) out.add('delete');
  if (!c.forward) out.add('forward');
  if (!c.threads) out.add('threads');
  if (!c.attachments) out.add('attachments');
  for (const f of chatDisabled) if (f === 'reactions' || f === 'reply') out.add(f);
  // Nothing can be written into a read-only chat (announcement groups, channels, sponsored InMail);
  // reacting and forwarding out of it stay possible, as in the networks' own apps.
  if (readOnly) for (const f of ['reply', 'edit', 'delete', 'threads', 'attachments'] as const) out.add(f);
  const order: DisabledFeature[] = ['reactions', 'reply', 'edit', 'delete', 'forward', 'threads', 'attachments', 'pins'];
  return order.filter((f) => out.has(f));
}
