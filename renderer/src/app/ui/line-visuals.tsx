// The one visual language for a phone line's state (icon + tone + words), as for calls.
import { ArrowRightLeft, BellRing, CirclePause, LoaderCircle, PhoneCall, PhoneIncoming, PhoneOff, PhoneOutgoing, type LucideIcon } from 'lucide-react';
import type { LineStateName } from '../../../../shared/sip/line-state.ts';
import type { Tone } from './StateBadge.tsx';

export const LINE_STATE_VISUALS: Record<LineStateName, { icon: LucideIcon; tone: Tone; spin?: boolean }> = {
  dialing: { icon: PhoneOutgoing, tone: 'info' },
  ringing: { icon: BellRing, tone: 'info' },
  incoming: { icon: PhoneIncoming, tone: 'warn' },
  connecting: { icon: LoaderCircle, tone: 'info', spin: true },
  talking: { icon: PhoneCall, tone: 'good' },
  'on-hold': { icon: CirclePause, tone: 'warn' },
  'remote-hold': { icon: CirclePause, tone: 'muted' },
  transferring: { icon: ArrowRightLeft, tone: 'info' },
  ended: { icon: PhoneOff, tone: 'muted' },
};
