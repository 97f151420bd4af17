import { useEffect } from 'react';
import type { ConversationId } from '../../../../shared/domain/ids';
import { useStore, type StoreState } from '../../store';

/**
 * Where the keyboard starts when the window opens: in the conversation that was open when it last
 * closed or reloaded (one per workspace, demo and live apart), else in the inbox. Without it a reload
 * showed "Pick a conversation" with the focus on the page itself, and nothing for a key to act on.
 *
 * The id is kept in the window's own storage: it names a conversation, it is no secret, and the
 * backend has no business with where the window was.
 */
const key = (mode: string) => `switchboard.lastConversation.${mode}`;

export function rememberConversation(mode: string | undefined, id: ConversationId | null): void {
  if (!mode) return;
  try {
    if (id) localStorage.setItem(key(mode), id);
    else localStorage.removeItem(key(mode));
  } catch {
    // Storage refused (a private window, a full disk): the next start opens on the inbox.
  }
}

export function lastConversation(mode: string): ConversationId | null {
  try {
    return localStorage.getItem(key(mode)) as ConversationId | null;
  } catch {
    return null;
  }
}

/** Once the inbox, the workspace and the welcome question are known: reopen, or focus the inbox. */
export function useStartingPoint(): void {
  useEffect(() => {
    let done = false;
    const settle = (s: StoreState) => {
      if (done || s.inboxStatus !== 'ready' || !s.info || s.onboarding === 'unknown') return;
      done = true;
      unsubscribe();
      // The user got somewhere first, or the welcome is up: theirs to decide.
      if (s.activeConversationId || s.view.kind !== 'inbox' || s.onboarding === 'show' || s.overlay) return;
      const last = lastConversation(s.info.mode);
      // Not one with unread messages: opening it would read them (or undo "mark as unread") unasked.
      if (last && s.inboxIds.includes(last) && !((s.conversations[last]?.unreadCount ?? 0) > 0)) {
        s.openConversation(last);
        s.focusRegion('composer');
      } else if (!document.activeElement || document.activeElement === document.body) {
        s.focusRegion('inbox');
      }
    };
    const unsubscribe = useStore.subscribe(settle);
    settle(useStore.getState());
    return unsubscribe;
  }, []);
}
