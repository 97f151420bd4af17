import { useEffect, useRef } from 'react';
import type { ConversationId } from '../../../../shared/domain/ids';
import { safeInvoke } from '../../store/safeInvoke';
import { useStore } from '../../store';
import { composerKey } from '../../store/composerSlice';
import { MEMBERS_FRESH_MS } from '../../store/timelineSlice';
import { rememberConversation } from './startingPoint';

/** How many inbox neighbours to read ahead, so Alt+↑/↓ paints from memory. */
const PREFETCH = 4;
/** How long a conversation stays on screen before what only a reader of it needs is asked for, ms. */
export const SETTLE_MS = 250;

/**
 * What opening a conversation means: tell the backend (it polls what is looked at), read the
 * window and the draft, mark it read when the window is visible, and save the draft of the
 * one left behind. The neighbours in the inbox are read ahead.
 */
export function useConversationLifecycle(): void {
  const id = useStore((s) => s.activeConversationId);
  const visible = useStore((s) => s.windowVisible);
  const previous = useRef<ConversationId | null>(null);

  useEffect(() => {
    const s = useStore.getState();
    const prev = previous.current;
    previous.current = id;
    // For the next start (startingPoint.ts); not at the first run of this effect, before anything opened.
    if (id || prev) rememberConversation(s.info?.mode, id);
    if (prev && prev !== id) void s.flushDraft(composerKey(prev));
    if (prev !== id) {
      // (Unless a jump into this conversation already selected its target: its timeline was cached.)
      if (!(s.jumpTarget?.conversationId === id && s.selectedMessageId === s.jumpTarget.messageId)) s.selectMessage(null);
      // Opening a conversation (again) reads it, whatever was asked before.
      if (s.keptUnread) useStore.setState({ keptUnread: null }, false);
    }
    const tellBackend = () =>
      void safeInvoke('conversation:open', { id }).then((res) => {
        if (res.ok && res.value.conversation && useStore.getState().activeConversationId === id) useStore.getState().upsertConversation(res.value.conversation);
      });
    if (!id) {
      tellBackend();
      return;
    }
    const jump = s.jumpTarget?.conversationId === id;
    // A window read ahead paints from memory now; asking the backend (it polls what is looked at) and
    // refreshing that window wait until the user stays, so their answers do not delay the paint.
    const readAhead = !jump && s.timelines[id]?.status === 'ready';
    // A jump loads its own window around the target.
    if (!readAhead && (!jump || s.timelines[id])) void s.loadTimeline(id);
    if (!readAhead) tellBackend();
    void s.loadDraft(id);
    // After the paint, the neighbours' windows are read ahead, so the next Alt+↑/↓ paints from memory.
    // This is not cancelled by the next switch: someone pressing Alt+↓ repeatedly moves on before it
    // runs, and it is exactly then that the next windows are needed.
    let settle: ReturnType<typeof setTimeout> | undefined;
    let left = false;
    requestAnimationFrame(() => {
      setTimeout(() => {
        const st = useStore.getState();
        const at = st.inboxIds.indexOf(id);
        if (at >= 0) {
          for (let d = 1; d <= PREFETCH; d++) {
            for (const n of [st.inboxIds[at + d], st.inboxIds[at - d]]) if (n && !st.timelines[n]) void st.loadTimeline(n);
          }
        }
        // What matters only to someone who stays (the backend's poll of it, the window's refresh, pins,
        // people) waits until they do. Passing through conversations with Alt+↓ then costs no provider
        // call per conversation, and fewer answers land on the next switch's frame (on a 2-core machine
        // the ui bench's switch p95 fell from about 115 to about 97 ms; bench/README.md).
        if (left) return;
        settle = setTimeout(() => {
          const now = useStore.getState();
          if (now.activeConversationId !== id) return;
          if (readAhead) {
            tellBackend();
            void now.loadTimeline(id);
          }
          void now.loadPins(id);
          void now.loadMembers(id, { maxAgeMs: MEMBERS_FRESH_MS });
        }, SETTLE_MS);
      }, 0);
    });
    return () => {
      left = true;
      clearTimeout(settle);
    };
  }, [id]);

  useEffect(() => {
    if (!id || !visible) return;
    const c = useStore.getState().conversations[id];
    if (c && c.unreadCount > 0 && useStore.getState().keptUnread !== id) {
      void useStore
        .getState()
        .markConversationRead(id, true)
        .then((err) => err && useStore.getState().pushToast({ kind: 'error', message: `Could not mark “${c.title}” as read: ${err.message}` }));
    }
  }, [id, visible]);
}

/** Window visibility and idleness → `app:setActivity` (sync slows down when nobody looks). */
export function useActivity(): void {
  useEffect(() => {
    const IDLE_MS = 5 * 60 * 1000;
    let idle = false;
    let idleTimer: ReturnType<typeof setTimeout> | null = null;
    const setVisible = () => {
      const visible = document.visibilityState !== 'hidden';
      useStore.getState().setWindowVisible(visible);
      void safeInvoke('app:setActivity', { visible });
      if (!visible) {
        const id = useStore.getState().activeConversationId;
        if (id) void useStore.getState().flushDraft(composerKey(id));
      }
    };
    const active = () => {
      if (idle) {
        idle = false;
        void safeInvoke('app:setActivity', { idle: false });
      }
      if (idleTimer) clearTimeout(idleTimer);
      idleTimer = setTimeout(() => {
        idle = true;
        void safeInvoke('app:setActivity', { idle: true });
      }, IDLE_MS);
    };
    setVisible();
    active();
    document.addEventListener('visibilitychange', setVisible);
    window.addEventListener('keydown', active, { passive: true, capture: true });
    window.addEventListener('pointerdown', active, { passive: true, capture: true });
    window.addEventListener('focus', active);
    return () => {
      if (idleTimer) clearTimeout(idleTimer);
      document.removeEventListener('visibilitychange', setVisible);
      window.removeEventListener('keydown', active, { capture: true });
      window.removeEventListener('pointerdown', active, { capture: true });
      window.removeEventListener('focus', active);
    };
  }, []);
}
