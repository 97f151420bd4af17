/**
 * Refusals both sides recognise by their words. The backend says a room refused the user because
 * they are not in it with this sentence (pinkfish/errors.ts), and the window, which shows the room's
 * Join notice on it, must tell it apart from other refusals with the same code (`forbidden`: a
 * connection that cannot be used, a permission), which say nothing about membership.
 */
export const NOT_A_MEMBER_MESSAGE = 'You’re not a member of this room. Join it to send messages.';
