// The one visual language for an agent's status (icon + tone + words), wherever agents show.
import { CircleCheck, CircleSlash, Clock, Coffee, Phone, type LucideIcon } from 'lucide-react';
import type { AgentStatus } from '../../../../shared/domain/agent.ts';
import type { Tone } from './StateBadge.tsx';

export const AGENT_STATUS_VISUALS: Record<AgentStatus, { icon: LucideIcon; tone: Tone }> = {
  offline: { icon: CircleSlash, tone: 'muted' },
  available: { icon: CircleCheck, tone: 'good' },
  busy: { icon: Phone, tone: 'bad' },
  'wrap-up': { icon: Clock, tone: 'warn' },
  away: { icon: Coffee, tone: 'warn' },
};
