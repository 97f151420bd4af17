import type { GenesysSelf } from './mappers';
import type { GenesysCallOptions, GenesysProvider } from './tools';

/**
 * None of the 34 tools says who the caller is (there is no `/users/me` in the
 * chats API, and the me-settings resource carries no id). The one reliable
 * source is a message the user sent: its `user.id` and `jid` are the user's.
 * The app calls this once after its first send and persists the result with the
 * account; demo mode knows the emulator's fixed user up front.
 */
export async function selfFromSentMessage(provider: GenesysProvider, sentMessageId: string, options?: GenesysCallOptions): Promise<GenesysSelf | null> {
  const m = await provider.getMessage({ messageId: sentMessageId }, options);
  const userId = m.user?.id?.trim();
  if (!userId) return null;
  const self: GenesysSelf = { meUserId: userId };
  if (m.jid) self.meJid = m.jid;
  return self;
}
