import { ConfirmDialog } from '../../components/Dialog';
import { EmojiPicker } from '../../components/EmojiPicker';
import { Icon, type IconName } from '../../components/Icon';
import { Menu, type MenuItem } from '../../components/Menu';
import { useStore } from '../../store';
import { failedRemedy } from '../../store/syncSlice';
import { ACTION_KEYS, ACTION_LABELS, actionContext, availability, deleteMessage, findMessage, networkHasThreads, react, runAction, type MessageAction } from './messageActions';

const ICONS: Record<MessageAction, IconName> = { react: 'smile', reply: 'reply', thread: 'thread', edit: 'edit', delete: 'trash', forward: 'forward', pin: 'pin', copy: 'copy' };
const ORDER: Array<MessageAction | 'separator'> = ['react', 'reply', 'thread', 'separator', 'edit', 'forward', 'pin', 'copy', 'separator', 'delete'];
/** A message not sent yet (pending, or failed) is only the user's own text: send it again, change it, or drop it. */
const UNSENT_ORDER: Array<MessageAction | 'retry' | 'separator'> = ['retry', 'edit', 'copy', 'separator', 'delete'];

/**
 * The popups opened on a message (menu, reaction picker, delete confirmation), one at a time,
 * whichever view opened them (timeline, thread panel, keyboard).
 */
export function MessageActionLayer() {
  const ui = useStore((s) => s.messageUi);
  const close = useStore((s) => s.closeMessageUi);
  const message = ui ? findMessage(ui.messageId) : undefined;
  const conv = useStore((s) => (message ? s.conversations[message.conversationId] : undefined));
  const pinned = useStore((s) => (message ? (s.pinnedIds[message.conversationId] ?? []).includes(message.id) : false));
  if (!ui) return null;
  if (!message) {
    // The message left the window (deleted, conversation switched): nothing to act on.
    queueMicrotask(() => close(true));
    return null;
  }

  // Opened on a message of the thread panel: act there (its composer), and give the keyboard back there.
  const thread = ui.thread;
  const backToMessage = () => {
    const st = useStore.getState();
    if (thread && st.panel?.kind === 'thread') st.focusRegion('panel', { message: message.id });
    else st.focusRegion(st.region === 'panel' ? 'panel' : 'timeline');
  };

  if (ui.kind === 'menu') {
    const a = availability(conv, message, pinned, actionContext(useStore.getState(), message, thread));
    const items: Array<MenuItem | 'separator'> = [];
    const unsent = message.delivery === 'pending' || message.delivery === 'failed';
    const outboxItem = message.delivery === 'failed' ? useStore.getState().outboxItems.find((i) => i.kind === 'send' && i.messageId === message.id) : undefined;
    for (const act of unsent ? UNSENT_ORDER : ORDER) {
      if (act === 'separator') {
        if (items.length && items[items.length - 1] !== 'separator') items.push('separator');
        continue;
      }
      if (act === 'retry') {
        if (!outboxItem) continue;
        // Retry where it can succeed; a send refused as written says to edit it instead.
        const retryable = failedRemedy(outboxItem) === 'retry';
        items.push({
          id: 'retry',
          label: 'Retry',
          icon: <Icon name="retry" size={15} />,
          disabled: !retryable,
          reason: retryable ? undefined : 'Sent as it is, it would be refused again: edit it.',
          onSelect: () => {
            void useStore.getState().retryOutbox(outboxItem.clientId);
            backToMessage();
          },
        });
        continue;
      }
      const av = a[act];
      // Actions the network never has are hidden; the ones that do not apply here say why.
      const never = (act === 'pin' && message.source !== 'genesys') || (act === 'forward' && message.source === 'genesys') || (act === 'reply' && message.source === 'genesys') || (act === 'thread' && !networkHasThreads(conv, message));
      if (!av.ok && never) continue;
      // In the thread panel the message already is in its thread: nothing to open.
      if (act === 'thread' && thread) continue;
      items.push({
        id: act,
        label: act === 'pin' ? (pinned ? 'Unpin' : 'Pin') : act === 'delete' && unsent ? 'Discard…' : ACTION_LABELS[act],
        hint: ACTION_KEYS[act],
        icon: <Icon name={ICONS[act]} size={15} />,
        disabled: !av.ok,
        reason: av.reason,
        danger: act === 'delete',
        onSelect: () => {
          if (act === 'react') {
            useStore.getState().openMessageUi(thread ? { kind: 'react', messageId: message.id, at: ui.at, thread } : { kind: 'react', messageId: message.id, at: ui.at });
            return;
          }
          runAction(act, message, { threadContext: thread ?? null });
          // These open nothing else: the keyboard goes back to the message.
          if (act === 'pin' || act === 'copy') backToMessage();
        },
      });
    }
    if (items[items.length - 1] === 'separator') items.pop();
    return (
      <Menu
        label="Message actions"
        items={items}
        at={ui.at}
        onClose={(reason) => {
          // Choosing an item opens what comes next (picker, dialog, composer) itself.
          if (useStore.getState().messageUi === ui) close(reason === 'select');
        }}
      />
    );
  }

  if (ui.kind === 'react') {
    return (
      <EmojiPicker
        at={ui.at}
        label="React with an emoji"
        onClose={() => close()}
        onPick={(emoji) => {
          const mine = message.reactions.find((r) => r.emoji === emoji)?.mine ?? false;
          close();
          if (mine && message.source === 'unipile') {
            useStore.getState().pushToast({ kind: 'info', message: `You already reacted with ${emoji} (Unipile cannot remove a reaction).` });
            return;
          }
          void react(message, emoji, !mine);
        }}
      />
    );
  }

  // What the message is called in the question: its text, else its first file's name.
  const what = message.text?.trim() || message.attachments[0]?.name || '';
  const quoted = what ? `“${what.slice(0, 140)}${what.length > 140 ? '…' : ''}”` : 'This message';
  // A message that never left (pending or failed) is only taken out of the outbox: nobody else saw it.
  const unsent = message.delivery === 'pending' || message.delivery === 'failed';
  return (
    <ConfirmDialog
      title={unsent ? 'Discard this message?' : 'Delete this message?'}
      message={unsent ? `${quoted} was not sent. It will not be sent.` : `${quoted} will be deleted for everyone. This cannot be undone.`}
      confirmLabel={unsent ? 'Discard' : 'Delete'}
      danger
      onCancel={() => close()}
      onConfirm={() => {
        close();
        void deleteMessage(message);
      }}
    />
  );
}
