import { useEffect, useLayoutEffect, useMemo, useRef, useState, type ClipboardEvent, type DragEvent, type KeyboardEvent } from 'react';
import type { ConversationId, MessageId, PersonId } from '../../../../shared/domain/ids';
import type { Conversation, Message } from '../../../../shared/domain/model';
import { Avatar } from '../../components/Avatar';
import { Button, IconButton } from '../../components/Button';
import { EmojiPicker } from '../../components/EmojiPicker';
import { Icon } from '../../components/Icon';
import { formatBytes } from '../../components/format';
import { parseConversationId } from '../../../../shared/domain/idParse';
import { useStore, type StoreState } from '../../store';
import { servesFocusRequest } from '../../store/uiSlice';
import { composerKey, EMPTY_COMPOSER, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, type ComposerAttachment } from '../../store/composerSlice';
import { senderLabel } from '../../store/timelineSlice';
import { findMessage, runAction } from '../timeline/messageActions';
import { insertMention, matchCandidates, mentionQuery, type Candidate, type MentionQuery } from './mentions';
import './composer.css';

/** Why files cannot be attached here, or null when they can. */
export function attachBlockedReason(c: Conversation | undefined): string | null {
  if (!c) return 'No conversation is open.';
  if (c.readOnly) return 'This conversation is read-only.';
  if (c.source === 'genesys') return 'Genesys chat cannot send files from Switchboard.';
  if (c.disabled?.includes('attachments')) return 'Files cannot be sent in this conversation.';
  return null;
}

let attachSeq = 0;
function readFile(file: File): Promise<ComposerAttachment> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve({ id: `a${++attachSeq}`, name: file.name || 'pasted-file', mimeType: file.type || 'application/octet-stream', size: file.size, base64: url.slice(url.indexOf(',') + 1) });
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}

/**
 * People to @-mention: the conversation's members, then whoever wrote in the loaded messages. Both, so
 * the list does not change under the user's fingers when the members arrive (they are read once the
 * user stays on the conversation), and someone who wrote but is missing from the list can be named.
 */
function useCandidates(conversationId: ConversationId): Candidate[] {
  const members = useStore((s) => s.members[conversationId]);
  const messages = useStore((s) => s.timelines[conversationId]?.messages);
  const names = useStore((s) => s.personNames);
  const selfIds = useStore((s) => s.selfIds);
  return useMemo(() => {
    const out = new Map<string, string>();
    for (const p of members ?? []) if (!p.isSelf && !selfIds[p.id]) out.set(p.id, p.name);
    if (messages) {
      for (let i = messages.length - 1; i >= 0; i--) {
        const m = messages[i]!;
        if (!m.senderId || m.isOwn || out.has(m.senderId) || selfIds[m.senderId]) continue;
        const name = senderLabel(m, names, null);
        if (name !== 'Someone') out.set(m.senderId, name);
      }
    }
    return [...out].map(([id, name]) => ({ id, name }));
  }, [members, messages, names, selfIds]);
}

/** A message of the open thread (a reply quoted in the thread's composer may not be in the timeline's window). */
function threadMessage(t: { root: Message | null; replies: Message[] } | null | undefined, id: MessageId): Message | undefined {
  return t?.root?.id === id ? t.root : t?.replies.find((m) => m.id === id);
}

function ModeBanner({ label, text, onCancel, wrap = false }: { label: string; text: string; onCancel: () => void; wrap?: boolean }) {
  return (
    <div className={wrap ? 'composer-mode composer-mode-wrap' : 'composer-mode'} data-testid="composer-mode">
      <div className="composer-mode-text">
        <strong>{label}</strong>
        {text && <span>{text}</span>}
      </div>
      <IconButton label="Cancel (Esc)" size="sm" onClick={onCancel}>
        <Icon name="close" size={14} />
      </IconButton>
    </div>
  );
}

export interface ComposerBoxProps {
  conversationId: ConversationId;
  /** Replies go to this thread (the thread panel's composer). */
  threadRootId?: MessageId | null;
  /** Which focus region this composer answers to (main: 'composer'; thread panel: 'panel'). */
  region?: 'composer' | 'panel';
  placeholder?: string;
}

/**
 * The message composer: Enter sends, Shift+Enter breaks the line, ↑ in an empty composer edits
 * your last message, Esc leaves an edit or reply, @ completes people, files by picker, paste or
 * drop where the network takes them. Reusable in the thread panel (`threadRootId`).
 */
export function ComposerBox({ conversationId, threadRootId = null, region = 'composer', placeholder }: ComposerBoxProps) {
  const key = composerKey(conversationId, threadRootId);
  const state = useStore((s) => s.composers[key] ?? EMPTY_COMPOSER);
  const conv = useStore((s) => s.conversations[conversationId]);
  const quoted = useStore((s) => (state.quoteId ? (s.timelines[conversationId]?.messages.find((m) => m.id === state.quoteId) ?? (threadRootId ? threadMessage(s.thread?.value, state.quoteId) : undefined)) : undefined));
  const quotedName = useStore((s) => (quoted ? senderLabel(quoted, s.personNames, conv?.kind === 'dm' ? conv.title : null) : ''));
  const focusRequest = useStore((s) => s.focusRequest);
  const candidates = useCandidates(conversationId);
  const area = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const emojiButton = useRef<HTMLButtonElement>(null);
  const [caret, setCaret] = useState(0);
  const [mention, setMention] = useState<{ q: MentionQuery; active: number } | null>(null);
  const [emojiAt, setEmojiAt] = useState<{ x: number; y: number } | null>(null);
  const [dragging, setDragging] = useState(false);
  const [localError, setLocalError] = useState<string | null>(null);
  const pendingCaret = useRef<number | null>(null);

  const blocked = conv?.readOnly ? 'This conversation is read-only.' : null;
  const mentionable = conv?.network === 'genesys';
  const attachBlocked = attachBlockedReason(conv);
  const matches = useMemo(() => (mention ? matchCandidates(candidates, mention.q.query) : []), [mention, candidates]);

  // The box grows with the text by itself (`field-sizing: content` in composer.css): measuring it here
  // forced a layout of the whole window on every keystroke and every conversation switch.
  useLayoutEffect(() => {
    const el = area.current;
    if (!el) return;
    if (pendingCaret.current !== null) {
      el.setSelectionRange(pendingCaret.current, pendingCaret.current);
      pendingCaret.current = null;
    }
  }, [state.text]);

  useEffect(() => {
    // A request for a message (back from a popup on it) is served by the list that shows the message.
    if (servesFocusRequest(focusRequest, region) && !focusRequest.message) area.current?.focus({ preventScroll: true });
  }, [focusRequest, region]);
  const caretPlaced = useRef(false);

  // Editing or quoting moves the caret to the end, ready to type.
  useEffect(() => {
    if (!state.editingId && !state.quoteId) return;
    const el = area.current;
    if (el && document.activeElement === el) el.setSelectionRange(el.value.length, el.value.length);
  }, [state.editingId, state.quoteId]);

  const s = () => useStore.getState();
  const setText = (text: string, nextCaret?: number) => {
    if (nextCaret !== undefined) pendingCaret.current = nextCaret;
    s().setComposerText(key, text);
  };

  const updateMention = (text: string, pos: number) => {
    // Only Genesys carries mentions (a list of people to notify). Elsewhere a completed "@Name" would
    // look like a mention in the composer and reach no one, so '@' stays a character there.
    const q = mentionable ? mentionQuery(text, pos) : null;
    setMention(q ? { q, active: 0 } : null);
  };

  const chooseMention = (c: Candidate) => {
    if (!mention) return;
    const res = insertMention(state.text, mention.q, caret, c.name);
    s().addMention(key, { id: c.id as PersonId, name: c.name });
    setMention(null);
    setText(res.text, res.caret);
    setCaret(res.caret);
  };

  const addFiles = async (files: File[]) => {
    if (files.length === 0) return;
    if (attachBlocked) {
      setLocalError(attachBlocked);
      return;
    }
    const tooBig = files.filter((f) => f.size > MAX_ATTACHMENT_BYTES);
    // An empty file cannot be sent by any network: said now, not as a failed message later.
    const empty = files.filter((f) => f.size === 0);
    // Every file left out is named with its reason (a big one and an empty one in the same drop: both).
    const reasons: string[] = [];
    if (tooBig.length) reasons.push(`${tooBig.map((f) => `“${f.name}” is ${formatBytes(f.size)}`).join(', ')}: the limit is ${formatBytes(MAX_ATTACHMENT_BYTES)} per file.`);
    if (empty.length) reasons.push(`${empty.map((f) => `“${f.name}”`).join(', ')} ${empty.length === 1 ? 'is' : 'are'} empty: there is nothing to send.`);
    const ok = files.filter((f) => f.size > 0 && f.size <= MAX_ATTACHMENT_BYTES);
    const room = MAX_ATTACHMENTS - (s().composers[key]?.attachments.length ?? 0);
    if (ok.length > room) {
      const left = ok.slice(Math.max(0, room));
      reasons.push(`${left.map((f) => `“${f.name}”`).join(', ')} ${left.length === 1 ? 'was' : 'were'} left out: at most ${MAX_ATTACHMENTS} files per message.`);
    }
    setLocalError(reasons.length ? reasons.join(' ') : null);
    try {
      const read = await Promise.all(ok.slice(0, Math.max(0, room)).map(readFile));
      if (read.length) s().addAttachments(key, read);
    } catch (err) {
      setLocalError(err instanceof Error ? err.message : String(err));
    }
  };

  // The removed file's button goes with it: the keyboard moves to the next file's (else the previous
  // one's, else the text box) rather than falling to the page.
  const removeFile = (id: string, button: HTMLElement) => {
    const buttons = [...(button.closest('.composer-files')?.querySelectorAll<HTMLElement>('.composer-file button') ?? [])];
    const at = buttons.indexOf(button);
    const next = buttons[at + 1] ?? buttons[at - 1] ?? null;
    const hadFocus = document.activeElement === button;
    s().removeAttachment(key, id);
    // What was said about the last files added no longer describes what is attached.
    setLocalError(null);
    if (!hadFocus) return;
    if (next) next.focus();
    else area.current?.focus({ preventScroll: true });
  };

  const send = async () => {
    setMention(null);
    if (state.editingId && state.text.trim() === '') {
      // An edit emptied of its text means the message should go: ask, as the Delete key does (an
      // edit to nothing cannot be sent). The edit ends either way; Cancel keeps the message as it was.
      const m = findMessage(state.editingId) ?? (threadRootId ? threadMessage(s().thread?.value, state.editingId) : undefined);
      if (m) {
        s().cancelComposerMode(key);
        runAction('delete', m, { threadContext: threadRootId });
        return;
      }
    }
    const err = await s().submitComposer(key);
    if (!err) setLocalError(null);
  };

  const editLast = () => {
    const inWindow = s().timelines[conversationId]?.messages ?? [];
    // In a thread, its replies as the panel read them too (older ones need not be in the timeline's window).
    const t = threadRootId && s().thread?.key === threadRootId ? s().thread?.value : null;
    const seen = new Set(inWindow.map((m) => m.id));
    const messages = t ? [...inWindow, ...[...(t.root ? [t.root] : []), ...t.replies].filter((m) => !seen.has(m.id))].sort((a, b) => a.time - b.time) : inWindow;
    const inThread = (m: Message) => (threadRootId ? m.threadRootId === threadRootId || m.id === threadRootId : !m.threadRootId || m.threadRootId === m.id);
    const last = [...messages].reverse().find((m) => m.isOwn && !m.deleted && !m.isEvent && m.delivery !== 'failed' && inThread(m));
    if (!last) return false;
    if (conv?.disabled?.includes('edit')) {
      s().pushToast({ kind: 'info', message: 'Editing is not available in this conversation.' });
      return true;
    }
    s().startEdit(key, last);
    s().selectMessage(last.id);
    return true;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.nativeEvent.isComposing) return;
    if (mention && matches.length > 0) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const d = e.key === 'ArrowDown' ? 1 : -1;
        setMention({ ...mention, active: (mention.active + d + matches.length) % matches.length });
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        chooseMention(matches[mention.active] ?? matches[0]!);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        setMention(null);
        return;
      }
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      void send();
      return;
    }
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void send();
      return;
    }
    if (e.key === 'ArrowUp' && !e.altKey && !e.shiftKey && !e.ctrlKey && !e.metaKey && state.text === '' && !state.editingId) {
      if (editLast()) e.preventDefault();
      return;
    }
    if (e.key === 'Escape') {
      if (s().cancelComposerMode(key)) {
        e.preventDefault();
        e.stopPropagation();
      }
    }
  };

  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    const files = [...e.clipboardData.files];
    if (files.length) {
      e.preventDefault();
      void addFiles(files);
    }
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void addFiles([...e.dataTransfer.files]);
  };

  const error = localError ?? state.error?.message ?? null;
  /** Leaves the edit or reply from its banner's button: the keyboard goes back to the text, not to the page. */
  const cancelMode = () => {
    s().cancelComposerMode(key);
    area.current?.focus({ preventScroll: true });
  };
  const mode = state.editingId ? (
    <ModeBanner label="Editing your message" text="Enter saves · Esc cancels" wrap onCancel={cancelMode} />
  ) : state.quoteId ? (
    <ModeBanner label={`Replying to ${quotedName || 'a message'}`} text={quoted?.text ?? ''} onCancel={cancelMode} />
  ) : null;
  /**
   * Esc on the composer's own buttons (the banner's ✕, attach, emoji) cancels the edit or reply, as it
   * does in the text box. Before, it went on to the window's Esc, which closed the thread panel around
   * a thread composer and left its edit pending for the next time the thread was opened.
   */
  const onBoxKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Escape' || e.defaultPrevented || e.target === area.current || !e.currentTarget.contains(e.target as Node)) return;
    if (!state.editingId && !state.quoteId) return;
    e.preventDefault();
    e.stopPropagation();
    cancelMode();
  };
  const canSend = !blocked && !state.sending && (state.text.trim() !== '' || state.attachments.length > 0);
  const listId = `mentions-${region}`;

  return (
    <div
      className={`composer ${dragging ? 'composer-drop' : ''} ${state.editingId ? 'composer-editing' : ''}`}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) {
          e.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      onKeyDown={onBoxKeyDown}
    >
      {mode}
      {mention && matches.length > 0 && (
        <div id={listId} role="listbox" aria-label="People to mention" className="mention-list">
          {matches.map((c, i) => (
            <div
              key={c.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === mention.active}
              className={`mention-option ${i === mention.active ? 'mention-active' : ''}`}
              onMouseDown={(e) => {
                e.preventDefault();
                chooseMention(c);
              }}
            >
              <Avatar name={c.name} seed={c.id} size={20} />
              {c.name}
            </div>
          ))}
        </div>
      )}
      {state.attachments.length > 0 && (
        <ul className="composer-files" aria-label="Files to send">
          {state.attachments.map((a) => (
            <li key={a.id} className="composer-file">
              <Icon name="file" size={14} />
              <span className="composer-file-name">{a.name}</span>
              <span className="composer-file-size">{formatBytes(a.size)}</span>
              <IconButton label={`Remove ${a.name}`} size="sm" onClick={(e) => removeFile(a.id, e.currentTarget)}>
                <Icon name="close" size={12} />
              </IconButton>
            </li>
          ))}
        </ul>
      )}
      <div className="composer-row">
        <IconButton
          label="Attach files"
          title={attachBlocked ?? 'Attach files (or paste, or drop them here)'}
          disabled={!!attachBlocked}
          onClick={() => fileInput.current?.click()}
        >
          <Icon name="paperclip" />
        </IconButton>
        <input
          ref={fileInput}
          type="file"
          multiple
          hidden
          tabIndex={-1}
          aria-hidden="true"
          onChange={(e) => {
            void addFiles([...(e.target.files ?? [])]);
            e.target.value = '';
          }}
        />
        <textarea
          ref={area}
          className="composer-input"
          rows={1}
          value={state.text}
          disabled={!!blocked}
          placeholder={blocked ?? placeholder ?? `Message ${conv?.title ?? ''}`.trim()}
          aria-label={threadRootId ? 'Reply in thread' : `Message ${conv?.title ?? ''}`.trim()}
          aria-autocomplete="list"
          aria-controls={mention && matches.length ? listId : undefined}
          aria-expanded={mention && matches.length ? true : undefined}
          aria-activedescendant={mention && matches.length ? `${listId}-${mention.active}` : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${listId}-error` : undefined}
          spellCheck
          onChange={(e) => {
            const pos = e.target.selectionStart ?? e.target.value.length;
            setCaret(pos);
            setText(e.target.value);
            updateMention(e.target.value, pos);
            if (localError) setLocalError(null);
          }}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart ?? 0)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          onFocus={(e) => {
            s().setRegion(region);
            // Back in a conversation with a draft, the caret goes after it (a new box puts it at the
            // start, and the next key went before the text); later focus keeps the user's own caret.
            if (!caretPlaced.current) {
              caretPlaced.current = true;
              const end = e.currentTarget.value.length;
              e.currentTarget.setSelectionRange(end, end);
            }
          }}
          onBlur={() => setMention(null)}
        />
        <IconButton
          ref={emojiButton}
          label="Insert emoji"
          disabled={!!blocked}
          onClick={() => {
            const r = emojiButton.current?.getBoundingClientRect();
            setEmojiAt(r ? { x: r.right - 296, y: r.top - 270 } : { x: 300, y: 300 });
          }}
        >
          <Icon name="smile" />
        </IconButton>
        <IconButton label={state.editingId ? 'Save edit (Enter)' : 'Send (Enter)'} className="composer-send" disabled={!canSend} onClick={() => void send()}>
          <Icon name={state.editingId ? 'check' : 'send'} />
        </IconButton>
      </div>
      {error && (
        <p id={`${listId}-error`} className="composer-error" role="alert">
          {error}
        </p>
      )}
      {emojiAt && (
        <EmojiPicker
          at={emojiAt}
          label="Insert an emoji"
          onClose={() => {
            setEmojiAt(null);
            area.current?.focus();
          }}
          onPick={(emoji) => {
            const el = area.current;
            const start = el?.selectionStart ?? state.text.length;
            const end = el?.selectionEnd ?? start;
            setEmojiAt(null);
            setText(state.text.slice(0, start) + emoji + state.text.slice(end), start + emoji.length);
            el?.focus();
          }}
        />
      )}
    </div>
  );
}

/**
 * Whether the user is known not to be a member of this Genesys room, as last learnt: its details,
 * leaving, joining, or a send the room refused (forbidden: not a participant).
 */
export function notAMember(s: Pick<StoreState, 'membership'>, id: ConversationId): boolean {
  return parseConversationId(id)?.kind === 'room' && s.membership[id] === false;
}

/** In place of the composer where the user is not a member: one line and the way in (`region`: the thread panel's too). */
export function JoinNotice({ conversationId, region = 'composer' }: { conversationId: ConversationId; region?: 'composer' | 'panel' }) {
  const focusRequest = useStore((s) => s.focusRequest);
  const button = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (region === 'composer' && servesFocusRequest(focusRequest, 'composer')) button.current?.focus({ preventScroll: true });
  }, [focusRequest, region]);
  const join = async () => {
    const p = parseConversationId(conversationId);
    if (p?.kind !== 'room' || busy) return;
    setBusy(true);
    const res = await useStore.getState().joinRoom(p.roomJid);
    setBusy(false);
    if (!res.ok) {
      setError(res.error.message);
      return;
    }
    useStore.getState().pushToast({ kind: 'success', message: 'You joined the room.' });
    // The composer takes this notice's place: the keyboard goes there, ready to write.
    useStore.getState().focusRegion(region);
  };
  return (
    <div className="composer composer-notice" data-testid="join-notice" onFocus={() => useStore.getState().setRegion(region)}>
      <p className="composer-notice-row">
        <span>You’re not a member of this room</span>
        <span aria-hidden="true"> · </span>
        <Button ref={button} size="sm" variant="primary" disabled={busy} onClick={() => void join()} data-testid="join-notice-join">
          {busy ? 'Joining…' : 'Join room'}
        </Button>
      </p>
      {error && (
        <p className="composer-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** The main composer, bound to the open conversation; a "Join room" notice where the user is not a member. */
export function Composer() {
  const id = useStore((s) => s.activeConversationId);
  const outside = useStore((s) => (id ? notAMember(s, id) : false));
  if (!id) return null;
  return (
    <div className="composer-region" aria-label="Composer" role="region">
      {outside ? <JoinNotice key={id} conversationId={id} /> : <ComposerBox key={id} conversationId={id} />}
    </div>
  );
}
