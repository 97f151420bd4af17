import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { NotificationRequest } from '../backend/desktop/desktopServices';
import { createNotifier, type NotificationLike } from './notifications';

class FakeNotification extends EventEmitter implements NotificationLike {
  constructor(public options: Record<string, unknown>) {
    super();
  }
  show = vi.fn();
  close = vi.fn(() => this.emit('close'));
}

const request = (tag: string, messageId = 'u:m1'): NotificationRequest => ({
  tag: tag as never,
  title: 'Ana',
  body: 'Hi',
  target: { conversationId: tag as never, messageId: messageId as never },
});

function setup(supported = true) {
  const created: FakeNotification[] = [];
  const onClick = vi.fn();
  const notifier = createNotifier({
    create: (o) => {
      const n = new FakeNotification(o);
      created.push(n);
      return n;
    },
    isSupported: () => supported,
    icon: 'icon',
    onClick,
  });
  return { created, onClick, notifier };
}

describe('createNotifier', () => {
  it('shows a notification with the icon and opens its target on click', () => {
    const { created, onClick, notifier } = setup();
    notifier.show(request('u:chat'));
    expect(created).toHaveLength(1);
    expect(created[0]?.options).toEqual({ title: 'Ana', body: 'Hi', silent: false, icon: 'icon' });
    expect(created[0]?.show).toHaveBeenCalled();
    expect(notifier.open).toBe(1);
    created[0]?.emit('click');
    expect(onClick).toHaveBeenCalledWith({ conversationId: 'u:chat', messageId: 'u:m1' });
    expect(notifier.open).toBe(0);
  });

  it('keeps a reference until it is closed, and replaces the one for the same conversation', () => {
    const { created, notifier } = setup();
    notifier.show(request('u:a', 'u:1'));
    notifier.show(request('u:b', 'u:2'));
    expect(notifier.open).toBe(2);
    notifier.show(request('u:a', 'u:3'));
    expect(created[0]?.close).toHaveBeenCalled();
    expect(notifier.open).toBe(2);
    created[1]?.emit('close');
    expect(notifier.open).toBe(1);
    notifier.closeAll();
    expect(created[2]?.close).toHaveBeenCalled();
    expect(notifier.open).toBe(0);
  });

  it('shows nothing where notifications are not supported', () => {
    const { created, notifier } = setup(false);
    notifier.show(request('u:a'));
    expect(created).toHaveLength(0);
  });
});
