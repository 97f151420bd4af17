import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationId } from '../../../../shared/domain/index';
import { PinkfishError } from '../../pinkfish/errors';
import { mapMessage } from './mappers';
import { selfFromSentMessage } from './self';
import { loadMySettings, saveMySettings } from './settings';
import { startGenesysHarness, type GenesysHarness } from './testSupport';
import { createGenesysProvider } from './tools';

describe('helpers against the emulator', () => {
  let H: GenesysHarness;
  beforeAll(async () => {
    H = await startGenesysHarness();
  });
  afterAll(async () => {
    await H?.stop();
  });

  it('selfFromSentMessage learns who I am from a message I sent, enough to place 1:1 messages', async () => {
    const [p1] = H.others;
    const { id } = await H.g.sendUserMessage({ userId: p1!.id, message: 'hello' });
    const self = await selfFromSentMessage(H.g, id);
    expect(self).toEqual({ meUserId: H.me.id, meJid: H.me.jid });
    const theirs = (await H.g.getUserMessages({ userId: p1!.id, limit: '100' })).entities.find((m) => m.user?.id === p1!.id)!;
    expect(() => mapMessage(theirs, { meUserId: null })).toThrow(PinkfishError);
    expect(mapMessage(theirs, self!)).toMatchObject({ conversationId: conversationId.genesysDm(p1!.id), isOwn: false });
  });

  it('loadMySettings shows defaults before any exist; saveMySettings creates, then updates', async () => {
    expect(await loadMySettings(H.g)).toEqual({ muted: false, mentionsOnly: false, notifyOnReactions: true, exists: false });
    expect(await saveMySettings(H.g, { mentionsOnly: true })).toEqual({ muted: false, mentionsOnly: true, notifyOnReactions: true, mobileNotifications: 'Always', exists: true });
    expect(await saveMySettings(H.g, { muted: true, mobileNotifications: 'OnlyWhenInactive' })).toEqual({
      muted: true,
      mentionsOnly: true,
      notifyOnReactions: true,
      mobileNotifications: 'OnlyWhenInactive',
      exists: true,
    });
    expect(await loadMySettings(H.g)).toMatchObject({ muted: true, mentionsOnly: true, mobileNotifications: 'OnlyWhenInactive', exists: true });
  });

  it('saveMySettings survives a create that raced another client (409) by updating', async () => {
    await H.g.deleteMySettings();
    // The fake says "none yet" while they already exist, as if another device created them meanwhile.
    const racing = createGenesysProvider(async (tool, args, options) => {
      if (tool === 'genesys_chat_get_chats_users_me_settings') throw new PinkfishError('not_found', 'Chat settings for the current user have not been created.');
      return H.h.genesys(tool, args, options);
    });
    await H.g.createMySettings({ muted: false });
    expect(await saveMySettings(racing, { notifyOnReactions: false })).toMatchObject({ notifyOnReactions: false, exists: true });
  });

  it('loadMySettings passes other errors on', async () => {
    const failing = createGenesysProvider(async () => {
      throw new PinkfishError('forbidden', 'no');
    });
    await expect(loadMySettings(failing)).rejects.toMatchObject({ code: 'forbidden' });
  });
});
