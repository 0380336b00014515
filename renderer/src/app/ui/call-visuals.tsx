// The console's one visual language for calls: the same icon and tone for a state everywhere.
import {
  ArrowLeftRight,
  BellRing,
  Bot,
  CircleCheck,
  CircleSlash,
  CircleX,
  Hourglass,
  Headset,
  PhoneCall,
  PhoneIncoming,
  PhoneMissed,
  PhoneOff,
  PhoneOutgoing,
  CirclePause,
  ListOrdered,
  Minus,
  Frown,
  Meh,
  Smile,
  type LucideIcon,
} from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { Call, CallDirection, CallHandler, CallStatus, Sentiment } from '../../../../shared/domain/call.ts';
import { StateBadge, type Tone } from './StateBadge.tsx';

export const CALL_STATUS_VISUALS: Record<CallStatus, { icon: LucideIcon; tone: Tone }> = {
  queued: { icon: Hourglass, tone: 'warn' },
  ringing: { icon: BellRing, tone: 'info' },
  'in-progress': { icon: PhoneCall, tone: 'good' },
  'on-hold': { icon: CirclePause, tone: 'warn' },
  completed: { icon: CircleCheck, tone: 'neutral' },
  busy: { icon: PhoneOff, tone: 'muted' },
  'no-answer': { icon: PhoneMissed, tone: 'bad' },
  failed: { icon: CircleX, tone: 'bad' },
  canceled: { icon: CircleSlash, tone: 'muted' },
};

export const DIRECTION_ICONS: Record<CallDirection, LucideIcon> = {
  inbound: PhoneIncoming,
  outbound: PhoneOutgoing,
  internal: ArrowLeftRight,
};

export const HANDLER_VISUALS: Record<CallHandler, { icon: LucideIcon; tone: Tone }> = {
  human: { icon: Headset, tone: 'neutral' },
  ai_agent: { icon: Bot, tone: 'ai' },
  queue: { icon: ListOrdered, tone: 'warn' },
  none: { icon: Minus, tone: 'muted' },
};

export const SENTIMENT_VISUALS: Record<Sentiment, { icon: LucideIcon; tone: Tone }> = {
  positive: { icon: Smile, tone: 'good' },
  neutral: { icon: Meh, tone: 'neutral' },
  negative: { icon: Frown, tone: 'bad' },
};

export function SentimentLabel({ sentiment }: { sentiment: Sentiment }) {
  const { t } = useTranslation();
  const v = SENTIMENT_VISUALS[sentiment];
  const Icon = v.icon;
  return (
    <span className={`with-icon tone-text-${v.tone}`} data-sentiment={sentiment}>
      <Icon className="icon" size={16} aria-hidden="true" />
      <span>{t(`call.sentiment.${sentiment}`)}</span>
    </span>
  );
}

/**
 * The post-call analysis as one short mark: the sentiment once written, else where the
 * analysis stands (pending, failed); nothing for calls that are not analysed.
 */
export function AnalysisMark({ call }: { call: Pick<Call, 'analysis_state' | 'sentiment'> }) {
  const { t } = useTranslation();
  if (call.sentiment) return <SentimentLabel sentiment={call.sentiment} />;
  if (call.analysis_state === 'pending') {
    return <StateBadge icon={Hourglass} tone="muted" label={t('analysis.pending')} state="pending" />;
  }
  if (call.analysis_state === 'failed') return <StateBadge icon={CircleX} tone="bad" label={t('analysis.failed')} state="failed" />;
  return null;
}

export function CallStatusBadge({ status }: { status: CallStatus }) {
  const { t } = useTranslation();
  const v = CALL_STATUS_VISUALS[status];
  return <StateBadge icon={v.icon} tone={v.tone} label={t(`call.status.${status}`)} state={status} />;
}

export function DirectionLabel({ direction }: { direction: CallDirection }) {
  const { t } = useTranslation();
  const Icon = DIRECTION_ICONS[direction];
  return (
    <span className="with-icon" data-direction={direction}>
      <Icon className="icon" size={16} aria-hidden="true" />
      <span>{t(`call.direction.${direction}`)}</span>
    </span>
  );
}

export function HandlerLabel({ handler, agentName }: { handler: CallHandler; agentName?: string | null }) {
  const { t } = useTranslation();
  const v = HANDLER_VISUALS[handler];
  const Icon = v.icon;
  const text = handler === 'human' && agentName ? agentName : t(`call.handler.${handler}`);
  return (
    <span className={`with-icon tone-text-${v.tone}`}>
      <Icon className="icon" size={16} aria-hidden="true" />
      <span>{text}</span>
    </span>
  );
}
