// An admin action's acknowledgement (when it succeeded, or why it failed) and the room it was
// about: plain types shared by the action hook, the room store and the panels.
export type Ack = { ok: true; at: number; subject: string; note?: string } | { ok: false; at: number; subject: string; message: string };

/** An acknowledgement and the room ("mode|groupId") it was about. */
export interface RoomAck {
  ack: Ack;
  room: string | null;
}
