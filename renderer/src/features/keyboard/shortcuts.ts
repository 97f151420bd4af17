/**
 * Every keyboard shortcut, as data: the shortcut sheet (Ctrl/Cmd+/), the palette's action
 * list and the menus read this table, so what the app says and what it does cannot drift.
 * `keys` use `Mod` for Ctrl (Cmd on macOS).
 */
export type ShortcutScope = 'global' | 'timeline' | 'composer' | 'inbox';

export interface Shortcut {
  id: string;
  keys: string[];
  label: string;
  scope: ShortcutScope;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { id: 'palette', keys: ['Mod+K'], label: 'Command palette: jump to a conversation, person or action', scope: 'global' },
  { id: 'search', keys: ['Mod+F', '/'], label: 'Search all cached messages', scope: 'global' },
  { id: 'shortcuts', keys: ['Mod+/'], label: 'Show keyboard shortcuts', scope: 'global' },
  { id: 'previousConversation', keys: ['Alt+ArrowUp'], label: 'Previous conversation', scope: 'global' },
  { id: 'nextConversation', keys: ['Alt+ArrowDown'], label: 'Next conversation', scope: 'global' },
  { id: 'previousUnread', keys: ['Alt+Shift+ArrowUp'], label: 'Previous unread conversation', scope: 'global' },
  { id: 'nextUnread', keys: ['Alt+Shift+ArrowDown'], label: 'Next unread conversation', scope: 'global' },
  { id: 'cycleRegions', keys: ['F6', 'Shift+F6'], label: 'Move between inbox, timeline, composer, side panel and notifications', scope: 'global' },
  { id: 'escape', keys: ['Escape'], label: 'Close the panel or dialog, cancel an edit or reply, back to the composer', scope: 'global' },
  { id: 'settings', keys: ['Mod+,'], label: 'Settings', scope: 'global' },
  { id: 'newMessage', keys: ['Mod+N'], label: 'New message: pick a conversation or a person', scope: 'global' },
  { id: 'togglePinsPanel', keys: ['Mod+Shift+P'], label: 'Pinned messages panel', scope: 'global' },
  { id: 'togglePeoplePanel', keys: ['Mod+Shift+U'], label: 'People panel', scope: 'global' },
  { id: 'toggleDetailsPanel', keys: ['Mod+Shift+I'], label: 'Conversation details panel', scope: 'global' },
  { id: 'openConversation', keys: ['Enter'], label: 'Open the highlighted conversation', scope: 'inbox' },
  { id: 'markUnread', keys: ['u'], label: 'Mark the highlighted conversation as unread (or read)', scope: 'inbox' },
  { id: 'conversationMenu', keys: ['m', 'Shift+F10'], label: 'Actions of the highlighted conversation', scope: 'inbox' },
  { id: 'selectPrevious', keys: ['ArrowUp', 'k'], label: 'Select the previous message', scope: 'timeline' },
  { id: 'selectNext', keys: ['ArrowDown', 'j'], label: 'Select the next message', scope: 'timeline' },
  { id: 'reply', keys: ['r'], label: 'Reply (quote) to the selected message', scope: 'timeline' },
  { id: 'edit', keys: ['e'], label: 'Edit the selected message (yours)', scope: 'timeline' },
  { id: 'thread', keys: ['t'], label: 'Open the thread of the selected message', scope: 'timeline' },
  { id: 'pin', keys: ['p'], label: 'Pin or unpin the selected message', scope: 'timeline' },
  { id: 'react', keys: ['+'], label: 'React to the selected message', scope: 'timeline' },
  { id: 'delete', keys: ['Delete'], label: 'Delete the selected message (asks first)', scope: 'timeline' },
  { id: 'forward', keys: ['f'], label: 'Forward the selected message', scope: 'timeline' },
  { id: 'copy', keys: ['c'], label: 'Copy the selected message text', scope: 'timeline' },
  { id: 'messageMenu', keys: ['m', 'Shift+F10'], label: 'All actions of the selected message', scope: 'timeline' },
  { id: 'jumpToLatest', keys: ['End'], label: 'Jump to the latest message', scope: 'timeline' },
  { id: 'selectFirst', keys: ['Home'], label: 'Select the first loaded message', scope: 'timeline' },
  { id: 'send', keys: ['Enter'], label: 'Send', scope: 'composer' },
  { id: 'newline', keys: ['Shift+Enter'], label: 'New line', scope: 'composer' },
  { id: 'editLast', keys: ['ArrowUp'], label: 'Edit your last message (empty composer)', scope: 'composer' },
  { id: 'mention', keys: ['@'], label: 'Mention someone in the conversation (Genesys)', scope: 'composer' },
  { id: 'cancelComposer', keys: ['Escape'], label: 'Cancel the edit or reply', scope: 'composer' },
];

/** `Mod` as the platform shows it. */
export function displayKeys(keys: string, isMac: boolean): string {
  return keys
    .replace('Mod', isMac ? '⌘' : 'Ctrl')
    .replace('ArrowUp', '↑')
    .replace('ArrowDown', '↓')
    .replace('Escape', 'Esc');
}
