import type { MessageId } from '../../../../shared/domain/ids';
import type { Conversation, Message } from '../../../../shared/domain/model';
import { composerKey } from '../../store/composerSlice';
import { safeInvoke } from '../../store/safeInvoke';
import { useStore, type StoreState } from '../../store';
import { notAMember } from '../composer/Composer';
import { NETWORK_NAMES } from '../../../../shared/domain/networks';
import { windowClosed } from '../../../../shared/domain/messageWindows';

/**
 * What can be done to one message, and doing it. The menu, the hover toolbar, the keyboard
 * (r e t p + Delete f c) and the thread panel all go through here, so availability and
 * error reporting are the same everywhere.
 */
export type MessageAction = 'react' | 'reply' | 'thread' | 'edit' | 'delete' | 'forward' | 'pin' | 'copy';

export interface Availability {
  ok: boolean;
  /** Why not (shown as the disabled item's tooltip). */
  reason?: string;
}

const unsent = (m: Message) => m.delivery === 'pending' || m.delivery === 'failed';

/** Where the message is acted on: `thread` is the root of the open thread when it is one of that thread's messages. */
export interface ActionContext {
  thread?: MessageId | null | undefined;
  /** The user is known not to be a member of the message's room (left it, or never joined): nothing can be written there. */
  notMember?: boolean;
  /** The time the networks' edit and delete windows are measured at (default: now). */
  now?: number;
}

/**
 * Whether the conversation's network has threads at all: Genesys and, of the Unipile networks, Slack.
 * Elsewhere "Reply in thread" is a feature the network never has, hidden like Pin outside Genesys.
 */
export function networkHasThreads(c: Conversation | undefined, m: Message): boolean {
  return m.source === 'genesys' || c?.network === 'slack';
}

/** The context a message is acted on in, as the store knows it now (membership of its room). */
export function actionContext(s: Pick<StoreState, 'membership'>, m: Message, thread?: MessageId | null): ActionContext {
  return { thread, notMember: notAMember(s, m.conversationId) };
}

export function availability(c: Conversation | undefined, m: Message, pinned: boolean, ctx: ActionContext = {}): Record<MessageAction, Availability> {
  const off = new Set(c?.disabled ?? []);
  const genesys = m.source === 'genesys';
  const inThread = !!ctx.thread;
  const no = (reason: string): Availability => ({ ok: false, reason });
  const yes: Availability = { ok: true };
  const gone = m.deleted ? no('The message was deleted.') : m.isEvent ? no('Not a message.') : unsent(m) ? no('Not sent yet.') : null;
  const out = ctx.notMember ? (what: string) => no(`Join the room to ${what}.`) : null;
  // Past the network's time limit (LinkedIn 1 hour…) the change would be refused: said now. A message
  // not sent yet is changed in the outbox, with no limit.
  const late = (change: 'edit' | 'delete') => {
    const closed = unsent(m) ? null : windowClosed(c, m.time, change, ctx.now ?? Date.now());
    return closed ? no(closed) : yes;
  };
  const noThreads = !genesys && off.has('threads') ? no(!networkHasThreads(c, m) ? `${c ? networkName(c) : 'This network'} has no threads.` : c?.readOnly ? 'This conversation is read-only.' : 'Threads are not available in this conversation.') : null;
  return {
    react: gone ?? out?.('react') ?? (off.has('reactions') ? no('Reactions are not available in this conversation.') : c?.readOnly ? no('This conversation is read-only.') : yes),
    reply: gone ?? out?.('reply') ?? (genesys ? no(inThread ? 'Genesys has no quoted replies: write your reply below.' : 'Genesys has no quoted replies: reply in a thread.') : off.has('reply') ? no('Replies are not available in this conversation.') : c?.readOnly ? no('This conversation is read-only.') : yes),
    thread: inThread
      ? no('You are in this thread: write your reply below.')
      : (gone ?? (m.threadRootId && m.threadRootId !== m.id ? yes : (noThreads ?? (c?.readOnly ? no('This conversation is read-only.') : yes)))),
    edit: m.deleted ? no('The message was deleted.') : !m.isOwn ? no('Only your own messages can be edited.') : out ? out('edit your messages') : off.has('edit') ? no('Editing is not available in this conversation.') : m.isEvent ? no('Not a message.') : late('edit'),
    delete: m.deleted ? no('The message was already deleted.') : !m.isOwn && !genesys ? no('Only your own messages can be deleted.') : out ? out('delete messages') : off.has('delete') ? no('Deleting is not available in this conversation.') : m.isEvent ? no('Not a message.') : late('delete'),
    forward: gone ?? (genesys ? no('Genesys messages cannot be forwarded.') : off.has('forward') ? no('Forwarding is not available in this conversation.') : yes),
    pin: gone ?? (!genesys ? no('Only Genesys conversations have pinned messages.') : out ? out(pinned ? 'unpin messages' : 'pin messages') : off.has('pins') ? no('Pins are not available in this conversation.') : yes),
    copy: m.text && !m.deleted ? yes : no('There is no text to copy.'),
  };
}

function networkName(c: Conversation): string {
  return NETWORK_NAMES[c.network];
}

export const ACTION_LABELS: Record<MessageAction, string> = {
  react: 'React',
  reply: 'Reply',
  thread: 'Reply in thread',
  edit: 'Edit',
  delete: 'Delete…',
  forward: 'Forward…',
  pin: 'Pin',
  copy: 'Copy text',
};
export const ACTION_KEYS: Record<MessageAction, string> = { react: '+', reply: 'R', thread: 'T', edit: 'E', delete: 'Del', forward: 'F', pin: 'P', copy: 'C' };

function toastError(prefix: string, message: string) {
  useStore.getState().pushToast({ kind: 'error', message: `${prefix}: ${message}` });
}

export function findMessage(id: MessageId): Message | undefined {
  const s = useStore.getState();
  for (const key in s.timelines) {
    const m = s.timelines[key]!.messages.find((x) => x.id === id);
    if (m) return m;
  }
  // A thread's replies need not be in the timeline's window (older ones, replies the timeline folds away).
  const t = s.thread?.value;
  return t?.root?.id === id ? t.root : t?.replies.find((x) => x.id === id);
}

export async function react(m: Message, emoji: string, on: boolean): Promise<void> {
  // Not a member of its room (left it): refused here with the reason, rather than sent and failing.
  if (notAMember(useStore.getState(), m.conversationId)) {
    useStore.getState().pushToast({ kind: 'info', message: 'Join the room to react.' });
    return;
  }
  const res = await safeInvoke('messages:react', { messageId: m.id, emoji, on });
  if (!res.ok) toastError(on ? `Could not react with ${emoji}` : 'Could not remove the reaction', res.error.message);
}

export async function setPinned(m: Message, pinned: boolean): Promise<void> {
  const s = useStore.getState();
  const res = await safeInvoke('pins:set', { messageId: m.id, pinned });
  if (!res.ok) {
    toastError(pinned ? 'Could not pin the message' : 'Could not unpin the message', res.error.message);
    return;
  }
  s.pushToast({ kind: 'success', message: pinned ? 'Message pinned.' : 'Message unpinned.' });
  void useStore.getState().loadPins(m.conversationId);
}

export async function deleteMessage(m: Message): Promise<void> {
  const res = await safeInvoke('messages:delete', { messageId: m.id });
  if (!res.ok) toastError('Could not delete the message', res.error.message);
}

/** Puts text on the clipboard; false when neither the Clipboard API nor the selection route could. */
export async function copyToClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API refused (no permission): the selection route still works in a user gesture.
    const ta = document.createElement('textarea');
    ta.value = text;
    ta.setAttribute('readonly', '');
    ta.style.position = 'fixed';
    ta.style.opacity = '0';
    document.body.appendChild(ta);
    ta.select();
    const ok = document.execCommand('copy');
    ta.remove();
    return ok;
  }
}

export async function copyText(m: Message): Promise<void> {
  if (!(await copyToClipboard(m.text ?? ''))) return toastError('Could not copy', 'the clipboard is not available');
  useStore.getState().pushToast({ kind: 'success', message: 'Text copied.' });
}

/**
 * Run an action that needs no further input (the others open a picker, a dialog or the palette).
 * `threadContext`: the message is in the thread panel (that thread's root): replies and edits go to
 * the thread's composer, popups open beside the message there (`anchor`).
 */
export function runAction(action: MessageAction, m: Message, opts: { threadContext?: MessageId | null; anchor?: HTMLElement | null } = {}): void {
  const s = useStore.getState();
  const conv = s.conversations[m.conversationId];
  const pinned = (s.pinnedIds[m.conversationId] ?? []).includes(m.id);
  const thread = opts.threadContext ?? undefined;
  const a = availability(conv, m, pinned, actionContext(s, m, thread))[action];
  if (!a.ok) {
    s.pushToast({ kind: 'info', message: a.reason ?? 'Not available here.', conversationId: m.conversationId });
    return;
  }
  const key = composerKey(m.conversationId, opts.threadContext ?? null);
  switch (action) {
    case 'reply':
      s.startReply(key, m.id);
      s.focusRegion(opts.threadContext ? 'panel' : 'composer');
      return;
    case 'thread':
      s.openPanel({ kind: 'thread', rootId: m.threadRootId && m.threadRootId !== m.id ? m.threadRootId : m.id });
      return;
    case 'edit':
      s.startEdit(key, m);
      s.focusRegion(opts.threadContext ? 'panel' : 'composer');
      return;
    case 'delete':
      s.openMessageUi(thread ? { kind: 'confirmDelete', messageId: m.id, thread } : { kind: 'confirmDelete', messageId: m.id });
      return;
    case 'forward':
      s.openOverlay({ kind: 'palette', mode: 'forward', forwardMessageId: m.id });
      return;
    case 'pin':
      void setPinned(m, !pinned);
      return;
    case 'copy':
      void copyText(m);
      return;
    case 'react': {
      const el = opts.anchor ?? document.querySelector(`[data-message-id="${CSS.escape(m.id)}"]`);
      const r = el?.getBoundingClientRect();
      const at = r ? { x: Math.max(8, r.right - 320), y: r.top + 24 } : { x: 200, y: 200 };
      s.openMessageUi(thread ? { kind: 'react', messageId: m.id, at, thread } : { kind: 'react', messageId: m.id, at });
      return;
    }
  }
}
