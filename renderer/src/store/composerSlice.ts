import type { ConversationId, MessageId, PersonId } from '../../../shared/domain/ids';
import type { Message } from '../../../shared/domain/model';
import { windowClosed } from '../../../shared/domain/messageWindows';
import type { WireError } from '../../../shared/ipc/result';
import { safeInvoke } from './safeInvoke';
import type { SliceCreator } from './uiSlice';

/**
 * What is being written, per conversation (and per thread: key `conversationId#rootId`).
 *
 * The main composer's draft is saved to the cache ~300 ms after the last keystroke and
 * flushed on conversation switch, so a draft survives a restart. Editing a message and
 * replying (quote) are modes of the same composer: Esc leaves them.
 */
export interface ComposerAttachment {
  id: string;
  name: string;
  mimeType: string;
  size: number;
  base64: string;
}

export interface ComposerMention {
  id: PersonId;
  name: string;
}

export interface ComposerState {
  text: string;
  quoteId?: MessageId;
  editingId?: MessageId;
  /** What was being written before an edit started (its text, and the message it replied to), back after Esc or the save. */
  stash?: { text: string; quoteId?: MessageId };
  attachments: ComposerAttachment[];
  mentions: ComposerMention[];
  sending: boolean;
  error: WireError | null;
  /**
   * A send whose answer was lost (the connection to the backend dropped): it may have been queued. The
   * same text sent again goes with the same client id, which the backend takes as the same message.
   */
  unsure?: { clientId: string; text: string };
}

/** Errors that leave unknown whether the backend got the request. */
const UNSURE: ReadonlySet<string> = new Set(['network', 'timeout']);

function newClientId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `c${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`;
}

export interface ComposerSlice {
  composers: Record<string, ComposerState>;

  loadDraft: (conversationId: ConversationId) => Promise<void>;
  setComposerText: (key: string, text: string) => void;
  /** Save the draft now (conversation switch, window hidden). */
  flushDraft: (key: string) => Promise<void>;
  startReply: (key: string, messageId: MessageId) => void;
  /**
   * Puts the message in the composer to edit it; false (and the reason as a toast) when its network's time
   * limit on edits has passed: every way into an edit comes here, ↑ in an empty composer too.
   */
  startEdit: (key: string, message: EditTarget) => boolean;
  /** Esc: leave edit or reply; true when there was something to cancel. */
  cancelComposerMode: (key: string) => boolean;
  addAttachments: (key: string, files: ComposerAttachment[]) => void;
  removeAttachment: (key: string, id: string) => void;
  addMention: (key: string, mention: ComposerMention) => void;
  /** Send, or save the edit. Resolves to the error (kept on screen) or null. */
  submitComposer: (key: string) => Promise<WireError | null>;
}

/** What an edit starts from: the message as the timeline has it. */
export type EditTarget = Pick<Message, 'id' | 'conversationId' | 'text' | 'time' | 'delivery'>;

export const DRAFT_DEBOUNCE_MS = 300;
/** Unipile's upload guideline; the contract refuses more. */
export const MAX_ATTACHMENT_BYTES = 15 * 1024 * 1024;
export const MAX_ATTACHMENTS = 10;

export const EMPTY_COMPOSER: ComposerState = Object.freeze({ text: '', attachments: [], mentions: [], sending: false, error: null }) as ComposerState;

export function composerKey(conversationId: ConversationId, threadRootId?: MessageId | null): string {
  return threadRootId ? `${conversationId}#${threadRootId}` : conversationId;
}
export function parseComposerKey(key: string): { conversationId: ConversationId; threadRootId?: MessageId } {
  const at = key.indexOf('#');
  return at < 0 ? { conversationId: key as ConversationId } : { conversationId: key.slice(0, at) as ConversationId, threadRootId: key.slice(at + 1) as MessageId };
}

/** Mentions still written in the text (a deleted `@Name` is no longer a mention). */
export function liveMentions(text: string, mentions: readonly ComposerMention[]): PersonId[] {
  const ids = mentions.filter((m) => text.includes(`@${m.name}`)).map((m) => m.id);
  return [...new Set(ids)];
}

/** Leaving an edit: what was written before it, and the reply it was. */
function unstash(s: ComposerState): Pick<ComposerState, 'text' | 'quoteId' | 'stash'> {
  return { text: s.stash?.text ?? '', quoteId: s.stash?.quoteId, stash: undefined };
}

const timers = new Map<string, ReturnType<typeof setTimeout>>();
/** What was last saved per key: a flush with nothing new makes no call. */
const saved = new Map<string, string>();

export const createComposerSlice: SliceCreator<ComposerSlice> = (set, get) => {
  const state = (key: string): ComposerState => get().composers[key] ?? EMPTY_COMPOSER;
  const put = (key: string, patch: Partial<ComposerState>, action: string) => set({ composers: { ...get().composers, [key]: { ...state(key), ...patch } } }, false, action);

  const save = async (key: string) => {
    const t = timers.get(key);
    if (t) clearTimeout(t);
    timers.delete(key);
    const { conversationId, threadRootId } = parseComposerKey(key);
    // Only the main composer's draft is stored: the cache keeps one per conversation.
    if (threadRootId) return;
    const s = state(key);
    // An edit in progress is not a draft: the draft is what was there before it.
    const text = s.editingId ? (s.stash?.text ?? '') : s.text;
    const quoteId = s.editingId ? s.stash?.quoteId : s.quoteId;
    const fingerprint = `${text}\u0000${quoteId ?? ''}`;
    if (saved.get(key) === fingerprint) return;
    saved.set(key, fingerprint);
    const res = await safeInvoke('drafts:set', { conversationId, text, ...(quoteId ? { quoteId } : {}) });
    if (!res.ok) saved.delete(key);
  };
  const schedule = (key: string) => {
    const t = timers.get(key);
    if (t) clearTimeout(t);
    timers.set(
      key,
      setTimeout(() => void save(key), DRAFT_DEBOUNCE_MS),
    );
  };

  return {
    composers: {},

    loadDraft: async (conversationId) => {
      const key = composerKey(conversationId);
      if (get().composers[key]) return;
      const res = await safeInvoke('drafts:get', { conversationId });
      // Typing started while the draft was on its way: the typing wins.
      if (get().composers[key] || !res.ok || !res.value) return;
      saved.set(key, `${res.value.text}\u0000${res.value.quoteId ?? ''}`);
      put(key, { text: res.value.text, ...(res.value.quoteId ? { quoteId: res.value.quoteId } : {}) }, 'composer/draftLoaded');
    },

    setComposerText: (key, text) => {
      if (state(key).text === text) return;
      put(key, { text, error: null }, 'composer/text');
      schedule(key);
    },

    flushDraft: async (key) => {
      if (timers.has(key)) await save(key);
    },

    startReply: (key, messageId) => {
      const s = state(key);
      // Replying from an edit leaves the edit: the text before it comes back, replying to this message now.
      put(key, s.editingId ? { quoteId: messageId, editingId: undefined, text: s.stash?.text ?? '', stash: undefined } : { quoteId: messageId }, 'composer/reply');
      schedule(key);
    },

    startEdit: (key, message) => {
      const sent = message.delivery !== 'pending' && message.delivery !== 'failed';
      const closed = sent ? windowClosed(get().conversations[message.conversationId], message.time, 'edit', Date.now()) : null;
      if (closed) {
        get().pushToast({ kind: 'info', message: closed, conversationId: message.conversationId });
        return false;
      }
      const s = state(key);
      const stash = s.editingId ? s.stash : { text: s.text, ...(s.quoteId ? { quoteId: s.quoteId } : {}) };
      put(key, { editingId: message.id, stash, text: message.text ?? '', quoteId: undefined, error: null }, 'composer/edit');
      return true;
    },

    cancelComposerMode: (key) => {
      const s = state(key);
      if (s.editingId) {
        put(key, { editingId: undefined, ...unstash(s), error: null }, 'composer/cancelEdit');
        return true;
      }
      if (s.quoteId) {
        put(key, { quoteId: undefined }, 'composer/cancelReply');
        schedule(key);
        return true;
      }
      return false;
    },

    addAttachments: (key, files) => {
      const s = state(key);
      put(key, { attachments: [...s.attachments, ...files].slice(0, MAX_ATTACHMENTS), error: null }, 'composer/attach');
    },
    removeAttachment: (key, id) => put(key, { attachments: state(key).attachments.filter((a) => a.id !== id) }, 'composer/detach'),
    addMention: (key, mention) => {
      const s = state(key);
      if (!s.mentions.some((m) => m.id === mention.id)) put(key, { mentions: [...s.mentions, mention] }, 'composer/mention');
    },

    submitComposer: async (key) => {
      const s = state(key);
      if (s.sending) return null;
      const { conversationId, threadRootId } = parseComposerKey(key);
      const text = s.text;
      if (s.editingId) {
        if (!text.trim()) return { code: 'invalid_input', message: 'A message cannot be edited to nothing; delete it instead.' };
        put(key, { sending: true }, 'composer/saveEdit');
        // People picked with @ while editing are mentioned by the edit (the backend adds them to the message's own).
        const mentions = liveMentions(text, s.mentions);
        const res = await safeInvoke('messages:edit', { messageId: s.editingId, text, ...(mentions.length ? { mentions } : {}) });
        if (!res.ok) {
          // Refused (the edit window passed while typing…): the edit and its text stay, with the reason.
          put(key, { sending: false, error: res.error }, 'composer/editFailed');
          return res.error;
        }
        put(key, { sending: false, editingId: undefined, ...unstash(s), error: null }, 'composer/edited');
        return null;
      }
      if (!text.trim() && s.attachments.length === 0) return null;
      // The draft of what is being sent is not saved behind it (the backend clears the stored draft on
      // send); if the send fails, the text stays and is saved again.
      const pendingSave = timers.get(key);
      if (pendingSave) clearTimeout(pendingSave);
      timers.delete(key);
      const clientId = s.unsure && s.unsure.text === text ? s.unsure.clientId : newClientId();
      put(key, { sending: true }, 'composer/send');
      const mentions = liveMentions(text, s.mentions);
      const res = await safeInvoke('messages:send', {
        clientId,
        conversationId,
        text,
        ...(s.quoteId ? { quoteId: s.quoteId } : {}),
        ...(threadRootId ? { threadRootId } : {}),
        ...(mentions.length ? { mentions } : {}),
        ...(s.attachments.length ? { attachments: s.attachments.map((a) => ({ name: a.name, mimeType: a.mimeType, base64: a.base64 })) } : {}),
      });
      if (!res.ok) {
        const unsure = UNSURE.has(res.error.code);
        const error: WireError = unsure
          ? { code: res.error.code, message: 'Switchboard did not confirm this message (the connection dropped). Press Enter to send it again: it will not be sent twice.' }
          : res.error;
        put(key, { sending: false, error, unsure: unsure ? { clientId, text } : undefined }, 'composer/sendFailed');
        schedule(key);
        return error;
      }
      // Whatever was typed since the send started stays; the sent text goes.
      const after = state(key);
      const t = timers.get(key);
      if (t) clearTimeout(t);
      timers.delete(key);
      // The backend cleared the stored draft on send.
      saved.set(key, '\u0000');
      put(
        key,
        { sending: false, text: after.text === text ? '' : after.text, quoteId: undefined, attachments: [], mentions: [], error: null, unsure: undefined },
        'composer/sent',
      );
      return null;
    },
  };
};
