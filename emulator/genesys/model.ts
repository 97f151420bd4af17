import type { Lang } from './corpus';

/** People and conversations are addressed by a small integer index inside the emulator. */
export interface Person {
  idx: number;
  id: string;
  jid: string;
  name: string;
  lang: Lang;
}

export interface Reaction {
  emoji: string;
  /** Person indices in the order they reacted. */
  users: number[];
}

/**
 * A message in full. Seeded messages only become records when something reads or
 * mutates them; `n` is the global index the message id encodes.
 */
export interface MessageRecord {
  n: number;
  conv: Conversation;
  ts: number;
  author: number;
  body: string;
  mentions: number[];
  /** Global index of the thread root; equal to `n` for a message that is not a reply. */
  root: number;
  edited: boolean;
  dateModified?: number;
  reactions: Reaction[];
  deleted: boolean;
}

interface ConversationBase {
  /** Global index of the first seeded message; seeded messages are `seedBase … seedBase+seedCount-1`. */
  seedBase: number;
  seedCount: number;
  /** Who wrote the seeded history (a snapshot: later joins and removals do not rewrite it). Me first when present. */
  seedAuthors: readonly number[];
  lang: Lang;
  /** Seeded threads start every `threadPeriod` messages (see seeded.ts). */
  threadPeriod: number;
  /** Global indices of messages posted after generation, oldest first. */
  runtime: number[];
  /** Pinned message ids in pin order. */
  pins: string[];
}

export interface Room extends ConversationBase {
  kind: 'room';
  jid: string;
  subject: string;
  description?: string;
  dateCreated: number;
  /** Insertion-ordered sets of person indices. */
  owners: Set<number>;
  members: Set<number>;
  participantLimit: number;
}

export interface OneOnOne extends ConversationBase {
  kind: 'oneOnOne';
  /** The other person (the caller is always the first party). */
  other: number;
}

export type Conversation = Room | OneOnOne;

export type NotificationWhen = 'Always' | 'OnlyWhenInactive';

export interface OrgChatSettings {
  messageRetentionPeriodDays: number;
  reactionsEnabled: boolean;
}

export interface MyChatSettings {
  muted: boolean;
  mentionsOnly: boolean;
  notifyOnReactions: boolean;
}
