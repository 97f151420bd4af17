import { describe, expect, it } from 'vitest';
import { message } from '../../testing/fakeBackend';
import { newestFirst } from './PinsPanel';

describe('newestFirst', () => {
  it('orders pins by their message, newest first, with a pin whose message is gone last', () => {
    const G = 'g:room:r1';
    const old = { messageId: 'a', message: message(G, { time: 1_000 }) };
    const mid = { messageId: 'b', message: message(G, { time: 2_000 }) };
    const latest = { messageId: 'c', message: message(G, { time: 3_000 }) };
    const gone = { messageId: 'd', message: null };
    expect(newestFirst([mid, gone, latest, old]).map((p) => p.messageId)).toEqual(['c', 'b', 'a', 'd']);
  });
});
