import { describe, expect, it, vi } from 'vitest';
import { createDeepLinkRouter } from './deepLinks';

function setup() {
  const focus = vi.fn();
  const navigate = vi.fn();
  const log = vi.fn();
  return { focus, navigate, log, router: createDeepLinkRouter({ focus, navigate, log }) };
}

describe('createDeepLinkRouter', () => {
  it('holds a link that arrives before the renderer listens, and delivers the latest once it does', () => {
    const { router, focus, navigate } = setup();
    expect(router.open('switchboard://conversation/u:a')).toBe(true);
    expect(router.open('switchboard://conversation/u:b')).toBe(true);
    expect(focus).toHaveBeenCalledTimes(2);
    expect(navigate).not.toHaveBeenCalled();
    router.rendererReady();
    expect(navigate.mock.calls).toEqual([[{ conversationId: 'u:b' }]]);
    router.rendererReady();
    expect(navigate).toHaveBeenCalledTimes(1);
  });

  it('navigates at once when the renderer is listening, and holds again across a reload', () => {
    const { router, navigate } = setup();
    router.rendererReady();
    router.open('switchboard://room/r@conference.x');
    expect(navigate).toHaveBeenLastCalledWith({ conversationId: 'g:room:r@conference.x' });
    router.rendererGone();
    router.go({ conversationId: 'u:c' as never, messageId: 'u:m' as never });
    expect(navigate).toHaveBeenCalledTimes(1);
    router.rendererReady();
    expect(navigate).toHaveBeenLastCalledWith({ conversationId: 'u:c', messageId: 'u:m' });
  });

  it('refuses a malformed link without focusing, logging only why', () => {
    const { router, focus, navigate, log } = setup();
    router.rendererReady();
    const secret = 'switchboard://conversation/u:abc?token=hunter2';
    expect(router.open(secret)).toBe(false);
    expect(router.open('https://example.com')).toBe(false);
    expect(router.open(undefined)).toBe(false);
    expect(focus).not.toHaveBeenCalled();
    expect(navigate).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledTimes(3);
    expect(log.mock.calls.flat().join(' ')).not.toContain('hunter2');
  });

  it('finds the link on a command line', () => {
    const { router, navigate } = setup();
    router.rendererReady();
    expect(router.openFromArgv(['/opt/Switchboard/switchboard', '--hidden'])).toBe(false);
    expect(router.openFromArgv(['/opt/Switchboard/switchboard', 'switchboard://conversation/u:x'])).toBe(true);
    expect(navigate).toHaveBeenCalledWith({ conversationId: 'u:x' });
  });
});
