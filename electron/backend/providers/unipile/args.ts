/**
 * Tool arguments, named exactly as in the catalog (shared/catalog/unipile-messaging.tools.json)
 * so a drift report maps one-to-one onto these types. PCID is not here: the
 * ToolCaller adds it. The only widening is for file fields, which also take raw
 * bytes (see uploads.ts).
 */

export const ACCOUNT_TYPES = ['WHATSAPP', 'LINKEDIN', 'SLACK', 'TWITTER', 'MESSENGER', 'INSTAGRAM', 'TELEGRAM'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

export const CHAT_ACTIONS = ['setReadStatus', 'setMuteStatus', 'setArchiveStatus', 'setPinnedStatus', 'addParticipant', 'removeParticipant', 'setLabel', 'getInviteLink'] as const;
export type ChatAction = (typeof CHAT_ACTIONS)[number];

/** A file to upload: raw bytes (sent as base64), base64 text, or a `data:<mime>;base64,` URL (see uploads.ts). */
export type FileInput = string | Uint8Array;

interface CursorPaging {
  cursor?: string;
  /** 1..250 (the server rejects anything else). */
  limit?: number;
}
interface TimeWindow {
  /** Exclusive; `YYYY-MM-DDTHH:MM:SS.sssZ`. */
  before?: string;
  /** Exclusive; `YYYY-MM-DDTHH:MM:SS.sssZ`. */
  after?: string;
}

export interface AddReactionArgs {
  message_id: string;
  reaction: string;
}
export interface DeleteChatArgs {
  chat_id: string;
}
export interface DeleteMessageArgs {
  message_id: string;
}
export interface ForwardMessageArgs {
  message_id: string;
  /** The target chat. */
  chat_id: string;
}
export interface GetAttendeeByIdArgs {
  id: string;
  account_id?: string;
}
export interface GetAttendeeProfilePictureArgs {
  /** An attendee id, or a chat id for a group's picture. */
  id: string;
}
export interface GetChatArgs {
  /** Unipile id, or provider id together with account_id. */
  chat_id: string;
  account_id?: string;
}
export interface GetMessageArgs {
  message_id: string;
}
export interface GetMessageAttachmentArgs {
  attachment_id: string;
  message_id: string;
}
export interface ListAllAttendeesArgs extends CursorPaging {
  account_id?: string;
}
export interface ListAllChatsArgs extends CursorPaging, TimeWindow {
  unread?: boolean;
  account_type?: AccountType;
  /** One id or a comma-separated list. */
  account_id?: string;
}
export interface ListAllMessagesArgs extends CursorPaging, TimeWindow {
  sender_id?: string;
  account_id?: string;
}
export interface ListAttendeesArgs {
  chat_id: string;
}
export interface ListChatMessagesArgs extends CursorPaging, TimeWindow {
  chat_id: string;
  sender_id?: string;
}
export interface ListChatsByAttendeeArgs extends CursorPaging, TimeWindow {
  /** Unipile id or provider id; may be a comma-separated list. */
  attendee_id: string;
  account_id?: string;
}
export interface ListMessagesByAttendeeArgs extends CursorPaging, TimeWindow {
  /** Unipile attendee id or provider id. */
  sender_id: string;
  account_id?: string;
}
export interface PatchChatArgs {
  chat_id: string;
  action?: ChatAction;
  /** Boolean for the status actions, a provider id or label for the others, absent for getInviteLink. */
  value?: boolean | string;
}
export interface PatchMessageArgs {
  message_id: string;
  text?: string;
}
export interface SendMessageInChatArgs {
  chat_id: string;
  account_id?: string;
  attachments?: FileInput[];
  quote_id?: string;
  text?: string;
  /** Slack only. */
  thread_id?: string;
  /** WhatsApp only; milliseconds, as a string (catalog type). */
  typing_duration?: string;
  video_message?: FileInput;
  voice_message?: FileInput;
}
/** LinkedIn product options (`linkedin[...]` form fields upstream); untyped in the catalog. */
export interface LinkedInStartOptions {
  api?: 'classic' | 'recruiter' | 'sales_navigator';
  inmail?: boolean;
  topic?: 'service_request' | 'request_demo' | 'support' | 'careers' | 'other';
  applicant_id?: string;
  invitation_id?: string;
  [key: string]: unknown;
}
export interface StartNewChatArgs {
  account_id: string;
  /** Provider ids (Instagram: provider_messaging_id). Several make a group. */
  attendees_ids: string[];
  attachments?: FileInput[];
  linkedin?: LinkedInStartOptions;
  subject?: string;
  text?: string;
  video_message?: FileInput;
  voice_message?: FileInput;
}
export interface SyncChatHistoryArgs {
  chat_id: string;
}
