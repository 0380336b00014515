// Pure: which direction our audio m-line asks for, from the hold flag and the far end's SDP.

export type MediaDirection = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

const DIRECTIONS: readonly MediaDirection[] = ['sendrecv', 'sendonly', 'recvonly', 'inactive'];

/**
 * The direction of the first audio m-section of an SDP (session-level attribute as the default,
 * `sendrecv` when neither says). Null when there is no SDP or no audio section.
 */
export function sdpAudioDirection(sdp: string | null | undefined): MediaDirection | null {
  if (!sdp) return null;
  let session: MediaDirection = 'sendrecv';
  let inAudio = false;
  let audio: MediaDirection | null = null;
  let seenAudio = false;
  for (const raw of sdp.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('m=')) {
      if (seenAudio) break;
      inAudio = line.startsWith('m=audio ');
      seenAudio = inAudio;
      continue;
    }
    const match = /^a=(sendrecv|sendonly|recvonly|inactive)$/.exec(line);
    if (!match) continue;
    const dir = match[1] as MediaDirection;
    if (!seenAudio) session = dir;
    else if (inAudio) audio = dir;
  }
  return seenAudio ? (audio ?? session) : null;
}

/**
 * Our transceiver direction for a `local` request (media-bridge.ts): `hold` → sendonly, or
 * inactive when the far end already sends nothing to us (its side is sendonly or inactive);
 * no hold → sendrecv (the negotiated answer still narrows it when the far end holds us).
 */
export function directionForHold(hold: boolean, remote: MediaDirection | null): MediaDirection {
  if (!hold) return 'sendrecv';
  return remote === 'sendonly' || remote === 'inactive' ? 'inactive' : 'sendonly';
}

export function isMediaDirection(value: unknown): value is MediaDirection {
  return typeof value === 'string' && (DIRECTIONS as readonly string[]).includes(value);
}
