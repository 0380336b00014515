import type { MonitorMode } from './monitor-client.ts';

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
  | { op: 'mute'; request_id: string; line_id: string; muted: boolean }
  /**
   * `line_id` is a supervisor's monitor call on this seat, monitoring `target_line_id` (DESIGN §4):
   * the supervisor gets the target's far end and our microphone; the agent hears the supervisor
   * in whisper and barge; the far end hears the supervisor in barge only. Sent before the monitor
   * call is answered and again on each mode change (gain changes, no SDP change).
   */
  | { op: 'monitor'; request_id: string; line_id: string; target_line_id: string; mode: MonitorMode };

export type MediaOp = MediaRequest['op'];

export type MediaReply =
  | { request_id: string; ok: true; sdp?: string; sent?: boolean }
  | { request_id: string; ok: false; error: string };

/** How long the core waits for a renderer's answer (getUserMedia + ICE gathering on a LAN). */
export const MEDIA_REQUEST_TIMEOUT_MS = 15_000;
