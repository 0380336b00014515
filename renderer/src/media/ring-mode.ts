// Pure: what the ringer should play for the seat's lines right now.
import { isLive, type LineState } from '../../../shared/sip/line-state.ts';

/** `ring` for an inbound call when idle; a quiet `call-waiting` beep when another call is up. */
export type RingMode = 'none' | 'ring' | 'call-waiting';

const BUSY_STATES: readonly LineState['state'][] = ['dialing', 'ringing', 'connecting'];

export function ringMode(lines: readonly LineState[]): RingMode {
  if (!lines.some((l) => l.state === 'incoming')) return 'none';
  const busy = lines.some((l) => isLive(l) || BUSY_STATES.includes(l.state));
  return busy ? 'call-waiting' : 'ring';
}
