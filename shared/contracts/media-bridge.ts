/**
 * The media bridge (DESIGN §3): sip.js in the core asks the seat's renderer, which owns the
 * RTCPeerConnection, microphone and speakers, for SDP and DTMF. Requests go core → renderer on
 * the console's event channel; the renderer answers with the `mediaReply` console method.
 */
export type MediaRequest =
  /**
   * sip.js needs our SDP. The renderer creates an answer when the peer connection holds a remote
   * offer, else an offer; it waits for ICE gathering to finish (SIP carries no trickle ICE).
   * `hold: true` → our direction sendonly (inactive if the far end is sendonly); false → sendrecv.
   */
  | { op: 'local'; request_id: string; line_id: string; hold: boolean }
  /** The far end's SDP: an offer when we have none outstanding, else the answer to ours. */
  | { op: 'remote'; request_id: string; line_id: string; sdp: string }
  /** RFC 4733 through the RTCDTMFSender; `false` in the reply if the connection cannot send them. */
  | { op: 'dtmf'; request_id: string; line_id: string; tones: string; duration_ms: number; gap_ms: number }
  /** The session is over: stop tracks, close the connection. */
  | { op: 'close'; request_id: string; line_id: string }
  /** Mute or unmute our microphone on a line (no SDP change). */
  | { op: 'mute'; request_id: string; line_id: string; muted: boolean };

export type MediaOp = MediaRequest['op'];

export type MediaReply =
  | { request_id: string; ok: true; sdp?: string; sent?: boolean }
  | { request_id: string; ok: false; error: string };

/** How long the core waits for a renderer's answer (getUserMedia + ICE gathering on a LAN). */
export const MEDIA_REQUEST_TIMEOUT_MS = 15_000;
