import type { Conversation, Message, MyChatSettings } from '../../../shared/domain/model';

/**
 * Whether something that just arrived deserves a desktop notification. One pure function so every
 * rule can be read in one place and tested as a table; DesktopServices only gathers the facts.
 */

export type NotifyKind = 'message' | 'reaction';

export interface NotifyFacts {
  kind: NotifyKind;
  /** The app's own switch (Settings → Notifications). */
  appNotifications: boolean;
  /** The user's Genesys chat settings; only consulted for Genesys conversations. */
  genesys: Pick<MyChatSettings, 'muted' | 'mentionsOnly' | 'notifyOnReactions'>;
  conversation: Pick<Conversation, 'id' | 'source' | 'kind' | 'muted' | 'mutedUntil'>;
  message: Pick<Message, 'isOwn' | 'isEvent' | 'deleted' | 'mentions' | 'time'>;
  /** For a reaction: whether the user reacted (on another device, say) rather than someone else. */
  reactorIsSelf?: boolean;
  /** The user's own person ids on every account (mentions name people by these). */
  selfPersonIds: ReadonlySet<string>;
  /** The conversation on screen in a focused window, if any. */
  inView: string | null;
  /** Anything older is history arriving late (first sync, backfill, waking from sleep), not news. */
  notBefore: number;
  now: number;
}

export type NotifySkip =
  | 'app-off'
  | 'own'
  | 'not-a-message'
  | 'old'
  | 'in-view'
  | 'conversation-muted'
  | 'genesys-muted'
  | 'reactions-off'
  | 'not-mentioned';

export type NotifyDecision = { notify: true } | { notify: false; reason: NotifySkip };

const skip = (reason: NotifySkip): NotifyDecision => ({ notify: false, reason });

export function isMutedNow(c: Pick<Conversation, 'muted' | 'mutedUntil'>, now: number): boolean {
  if (!c.muted) return false;
  // A mute with an end time that has passed is over even if the next sync has not cleared the flag.
  return c.mutedUntil === null || c.mutedUntil === undefined || c.mutedUntil > now;
}

export function shouldNotify(f: NotifyFacts): NotifyDecision {
  if (!f.appNotifications) return skip('app-off');
  if (f.kind === 'message' && f.message.isOwn) return skip('own');
  if (f.kind === 'reaction' && (!f.message.isOwn || f.reactorIsSelf)) return skip('own');
  if (f.message.isEvent || f.message.deleted) return skip('not-a-message');
  if (f.kind === 'message' && f.message.time < f.notBefore) return skip('old');
  if (f.inView !== null && f.inView === f.conversation.id) return skip('in-view');
  if (isMutedNow(f.conversation, f.now)) return skip('conversation-muted');

  if (f.conversation.source === 'genesys') {
    if (f.genesys.muted) return skip('genesys-muted');
    if (f.kind === 'reaction') return f.genesys.notifyOnReactions ? { notify: true } : skip('reactions-off');
    // A 1:1 is addressed to the user by definition; "mentions only" is about rooms.
    if (f.genesys.mentionsOnly && f.conversation.kind !== 'dm' && !f.message.mentions.some((p) => f.selfPersonIds.has(p))) {
      return skip('not-mentioned');
    }
    return { notify: true };
  }
  // Unipile has no setting for reactions, so they stay quiet rather than be impossible to turn off.
  if (f.kind === 'reaction') return skip('reactions-off');
  return { notify: true };
}

export interface NotificationText {
  title: string;
  body: string;
}

const MAX_TITLE = 120;
const MAX_BODY = 240;

/** One line, no control characters (some notification daemons render markup or break on them), bounded. */
export function clean(text: string, max: number): string {
  const flat = text
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

function describeMessage(m: Pick<Message, 'text' | 'attachments'>): string {
  const text = (m.text ?? '').trim();
  if (text) return text;
  const n = m.attachments.length;
  if (n === 0) return 'New message';
  if (n === 1) return m.attachments[0]?.kind === 'image' ? 'Sent a photo' : 'Sent an attachment';
  return `Sent ${n} attachments`;
}

export interface MessageNotificationInput {
  conversation: Pick<Conversation, 'title' | 'kind'>;
  message: Pick<Message, 'senderName' | 'text' | 'attachments'>;
  /** How many arrived in this conversation at once (the newest is shown). */
  count: number;
  preview: boolean;
}

/** Who wrote where; the text only when the user allows previews. */
export function messageNotificationText({ conversation, message, count, preview }: MessageNotificationInput): NotificationText {
  const sender = message.senderName?.trim() || 'Someone';
  const title = conversation.kind === 'dm' ? sender : `${sender} in ${conversation.title || 'a conversation'}`;
  let body = preview ? describeMessage(message) : 'New message';
  if (count > 1) body = preview ? `${body} (+${count - 1} more)` : `${count} new messages`;
  return { title: clean(title, MAX_TITLE), body: clean(body, MAX_BODY) };
}

export interface ReactionNotificationInput {
  conversation: Pick<Conversation, 'title'>;
  reactor: string | null;
  emoji: string;
  message: Pick<Message, 'text' | 'attachments'>;
  preview: boolean;
}

export function reactionNotificationText({ conversation, reactor, emoji, message, preview }: ReactionNotificationInput): NotificationText {
  const who = reactor?.trim() || 'Someone';
  const title = `${who} reacted ${emoji} in ${conversation.title || 'a conversation'}`;
  const body = preview ? `To: ${describeMessage(message)}` : 'To your message';
  return { title: clean(title, MAX_TITLE), body: clean(body, MAX_BODY) };
}
