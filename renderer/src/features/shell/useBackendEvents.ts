import { useEffect } from 'react';
import type { ConversationId, MessageId } from '../../../../shared/domain/ids';
import type { AppCommand } from '../../../../shared/ipc/contract';
import { getApi, onHostConnection } from '../../platform';
import { useStore } from '../../store';
import { runCommand } from '../keyboard/commands';
import { takeStartupPrefetch } from '../../startup';

/** Coalesce bursts (initial sync emits hundreds of events) into one re-read per frame-ish. */
const FLUSH_MS = 60;

/** Everything the workspace shows, read again (start, app:ready, account:changed). */
export function reloadAll(): void {
  const s = useStore.getState();
  // The first page may be in flight already (main.tsx asks before the first render).
  if (!takeStartupPrefetch('inbox')) void s.loadInbox();
  void s.refreshSyncStatus();
  void s.loadOutbox();
  const id = s.activeConversationId;
  if (id) {
    void s.loadTimeline(id);
    void s.loadPins(id);
    void s.loadMembers(id);
  }
}

/**
 * Backend events → store: re-read what is on screen when the cache changed, follow sync
 * status, reload everything when the workspace changes, and route navigation and menu
 * commands through the same actions the keyboard uses.
 */
export function useBackendEvents(): void {
  useEffect(() => {
    const api = getApi();
    const changedConversations = new Set<ConversationId>();
    const changedMessages = new Map<ConversationId, Set<MessageId>>();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      const s = useStore.getState();
      if (changedConversations.size) {
        const ids = [...changedConversations];
        changedConversations.clear();
        // The palette holds its own copy of every conversation; while it is open, keep it current.
        if (s.overlay?.kind === 'palette') void s.refreshPaletteConversations(ids);
        void s.refreshInbox(ids).then(() => {
          const st = useStore.getState();
          const active = st.activeConversationId;
          if (active && ids.includes(active)) {
            void st.loadPins(active);
            // A new message in the conversation the user is looking at is read already.
            const c = st.conversations[active];
            if (c && c.unreadCount > 0 && st.windowVisible && st.keptUnread !== active) void st.markConversationRead(active, true);
          }
        });
      }
      for (const [cid, ids] of changedMessages) {
        if (s.timelines[cid]) void s.refreshMessages(cid, [...ids]);
      }
      changedMessages.clear();
    };
    const schedule = () => {
      timer ??= setTimeout(flush, FLUSH_MS);
    };
    const offs = [
      api.on('app:ready', () => {
        void useStore.getState().loadInfo();
        reloadAll();
      }),
      api.on('account:changed', (status) => {
        const s = useStore.getState();
        // The old workspace's conversations are gone; a Settings page the user is on stays.
        const view = s.view;
        s.applyAccountStatus?.(status);
        s.resetTimelines();
        s.openConversation(null);
        if (view.kind === 'settings') s.setView(view);
        void s.loadInfo();
        reloadAll();
      }),
      api.on('conversations:changed', ({ ids }) => {
        for (const id of ids) changedConversations.add(id);
        schedule();
      }),
      api.on('messages:changed', ({ conversationId, ids }) => {
        let set = changedMessages.get(conversationId);
        if (!set) changedMessages.set(conversationId, (set = new Set()));
        for (const id of ids) set.add(id);
        schedule();
      }),
      api.on('sync:status', (status) => useStore.getState().setSyncStatus(status)),
      // Another window (or the tray) changed a preference: follow it, theme included.
      api.on('prefs:changed', (prefs) => useStore.getState().applyPrefs(prefs)),
      api.on('app:navigate', ({ conversationId, messageId }) => {
        const s = useStore.getState();
        s.openConversation(conversationId, messageId ? { messageId } : undefined);
        s.focusRegion(messageId ? 'timeline' : 'composer');
      }),
      api.on('app:command', ({ command }) => runCommand(command as AppCommand)),
    ];
    return () => {
      if (timer) clearTimeout(timer);
      for (const off of offs) off();
    };
  }, []);
}

/** How long the link may be down before the page first asks whether the host still takes it, and how the asking slows, ms. */
const PROBE_AFTER_MS = 3000;
const PROBE_MAX_MS = 15_000;

/**
 * The window's link to the host → the status bar. While it is down nothing the window shows is
 * current and nothing it sends arrives, so it says so instead of "Online". A host that answers the
 * page's own address with 401/403 restarted (the web host's address carries a new token each run):
 * reconnecting can never work, and the user is told to open the new address. The page asks again
 * until it has an answer: a host that takes longer than one wait to come back is still found.
 */
export function useHostLink(): void {
  useEffect(() => {
    let probe: ReturnType<typeof setTimeout> | undefined;
    // Each change of the link starts a new round of asking; an answer from an older round is dropped.
    let round = 0;
    const ask = (wait: number, mine = round) => {
      if (mine !== round) return;
      probe = setTimeout(() => {
        void fetch(window.location.href, { method: 'HEAD', cache: 'no-store' })
          .then((res) => {
            if (mine !== round || useStore.getState().hostLink !== 'lost') return;
            if (res.status === 401 || res.status === 403) useStore.getState().setHostLink('refused');
            // The same address answers: the socket's own reconnect will find it; ask again meanwhile.
            else ask(Math.min(PROBE_MAX_MS, wait * 2), mine);
          })
          .catch(() => {
            // Nothing listens yet (the host is restarting, or stopped): ask again, less often.
            if (useStore.getState().hostLink === 'lost') ask(Math.min(PROBE_MAX_MS, wait * 2), mine);
          });
      }, wait);
    };
    const off = onHostConnection((open) => {
      round++;
      clearTimeout(probe);
      const s = useStore.getState();
      if (open) {
        // Back: whatever changed meanwhile is read again.
        if (s.hostLink !== 'open') reloadAll();
        s.setHostLink('open');
        return;
      }
      s.setHostLink('lost');
      ask(PROBE_AFTER_MS);
    });
    return () => {
      round++;
      clearTimeout(probe);
      off();
    };
  }, []);
}
