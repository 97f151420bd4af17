import type { ComponentType } from 'react';
import { AddParticipantDialog, JoinRoomDialog, NewChatDialog, NewRoomDialog, OpenDmDialog } from '../rooms/RoomDialogs';

/**
 * Dialogs opened through `openOverlay({ kind: 'dialog', id, args })`. Each feature registers its
 * own here (one line each), so the shell needs no knowledge of them.
 */
export interface DialogProps {
  args: Record<string, unknown> | undefined;
  onClose: () => void;
}

export const DIALOGS: Record<string, ComponentType<DialogProps>> = {
  newRoom: NewRoomDialog,
  joinRoom: JoinRoomDialog,
  openDm: OpenDmDialog,
  newChat: NewChatDialog,
  addParticipant: AddParticipantDialog,
};
