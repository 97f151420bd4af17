import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationId, MessageId } from '../../../../shared/domain/ids';
import type { Conversation, Message } from '../../../../shared/domain/model';
import type { OutboxItem } from '../../../../shared/ipc/contract';
import { useStore } from '../../store';
import { conversation, message } from '../../testing/fakeBackend';
import { MessageActionLayer } from './MessageActionLayer';

const initial = useStore.getState();
beforeEach(() => useStore.setState(initial, true));
afterEach(cleanup);

function openMenu(c: Conversation, m: Message, outboxItems: OutboxItem[] = []) {
  act(() => {
    useStore.getState().upsertConversation(c);
    useStore.setState({ timelines: { [c.id]: { messages: [m] } as never }, outboxItems });
    useStore.getState().openMessageUi({ kind: 'menu', messageId: m.id, at: { x: 10, y: 10 } });
  });
  render(<MessageActionLayer />);
  return screen.getByRole('menu', { name: 'Message actions' });
}
/** Each item's label, without its reason or key. */
const labels = () => screen.getAllByRole('menuitem').map((i) => i.querySelector('.menu-label')?.firstChild?.textContent);

describe('the message menu', () => {
  it('hides "Reply in thread" on networks that never have threads, like Pin; Slack keeps it', () => {
    for (const network of ['whatsapp', 'telegram', 'linkedin'] as const) {
      const c = conversation(`u:chat-${network}`, network, { network, disabled: ['threads', 'pins'] });
      openMenu(c, message(c.id));
      expect(screen.queryByRole('menuitem', { name: /Reply in thread/ }), network).toBeNull();
      expect(screen.queryByRole('menuitem', { name: /^Pin/ }), network).toBeNull();
      cleanup();
    }
    const slack = conversation('u:chat-slack', 'eng', { network: 'slack', disabled: ['pins'] });
    openMenu(slack, message(slack.id));
    expect(screen.getByRole('menuitem', { name: /Reply in thread/ })).toBeTruthy();
  });

  it('offers Retry, Edit and Discard on a failed send; Retry off (with why) where the network refused it as written', () => {
    const c = conversation('u:chat-li', 'Grace Clarke', { network: 'linkedin', disabled: ['threads', 'pins'] });
    const failed = message(c.id, { id: 'u:pending-1' as MessageId, isOwn: true, delivery: 'failed', text: 'x'.repeat(8001) });
    const item = (code: string): OutboxItem => ({ clientId: 'c1', kind: 'send', conversationId: c.id as ConversationId, messageId: failed.id, state: 'failed', attempts: 1, nextAttemptAt: null, createdAt: 1, lastError: { code, message: 'refused' } });
    openMenu(c, failed, [item('invalid_input')]);
    expect(labels()).toEqual(['Retry', 'Edit', 'Copy text', 'Discard…']);
    const retry = screen.getByRole('menuitem', { name: /Retry/ });
    expect(retry.getAttribute('aria-disabled')).toBe('true');
    expect(retry.getAttribute('title')).toMatch(/edit it/);
    expect(screen.getByRole('menuitem', { name: /Edit/ }).getAttribute('aria-disabled')).not.toBe('true');
    cleanup();
    openMenu(c, failed, [item('forbidden')]);
    expect(screen.getByRole('menuitem', { name: /Retry/ }).getAttribute('aria-disabled')).not.toBe('true');
  });
});
