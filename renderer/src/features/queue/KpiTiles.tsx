import { Bot, CircleCheck, Clock, Gauge, Hourglass, ListOrdered, PhoneIncoming, TriangleAlert, type LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Tone } from '../../app/ui/StateBadge.tsx';
import { useFormat } from '../../app/use-format.ts';
import type { Kpis } from './wallboard-model.ts';

/** A service level at or above this is on target; below `SL_WARN` it is bad. */
const SL_TARGET = 0.8;
const SL_WARN = 0.6;

function Tile({ icon: Icon, tone, label, value, detail, testId, ariaLabel }: { icon: LucideIcon; tone: Tone; label: string; value: ReactNode; detail?: ReactNode; testId?: string; ariaLabel?: string }) {
  return (
    <div className={`kpi tone-border-${tone}`} role="group" aria-label={ariaLabel ?? label}>
      <p className="kpi-label">
        <Icon className={`icon tone-text-${tone}`} size={18} aria-hidden="true" />
        {label}
      </p>
      <p className={`kpi-value tone-text-${tone}`} data-testid={testId}>
        {value}
      </p>
      {detail && <p className="kpi-detail">{detail}</p>}
    </div>
  );
}

/** The wallboard's headline numbers: legible from across the room, never colour alone. Presentational. */
export function KpiTiles({ kpis }: { kpis: Kpis }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const percent = (v: number | null): string => (v === null ? t('common.none') : `${fmt.number(Math.round(v * 100))}%`);
  const slTone: Tone = kpis.serviceLevel === null ? 'muted' : kpis.serviceLevel >= SL_TARGET ? 'good' : kpis.serviceLevel >= SL_WARN ? 'warn' : 'bad';
  const overThreshold = kpis.longestWaitSeconds > kpis.serviceLevelSeconds;
  const waitTone: Tone = kpis.waiting === 0 ? 'good' : overThreshold ? 'bad' : 'warn';
  return (
    <div className="kpi-grid" role="region" aria-label={t('queue.kpi.label')}>
      <Tile icon={ListOrdered} tone={waitTone} label={t('queue.kpi.waiting')} value={fmt.number(kpis.waiting)} testId="queue-waiting-count" />
      <Tile
        icon={overThreshold ? TriangleAlert : Hourglass}
        tone={waitTone}
        label={t('queue.kpi.longestWait')}
        value={kpis.waiting === 0 ? t('common.none') : fmt.duration(kpis.longestWaitSeconds)}
        testId="queue-longest-wait"
      />
      <Tile
        icon={slTone === 'good' ? CircleCheck : Gauge}
        tone={slTone}
        label={t('queue.kpi.serviceLevel')}
        value={percent(kpis.serviceLevel)}
        detail={t('queue.kpi.serviceLevelHint', { seconds: fmt.number(kpis.serviceLevelSeconds) })}
        testId="queue-service-level"
      />
      <Tile
        icon={PhoneIncoming}
        tone="neutral"
        label={t('queue.kpi.answered')}
        value={fmt.number(kpis.answered)}
        detail={t('queue.kpi.abandoned', { count: kpis.abandoned })}
        testId="queue-answered"
      />
      <Tile
        icon={Clock}
        tone="neutral"
        label={t('queue.kpi.avgHandle')}
        value={kpis.avgHandleSeconds === null ? t('common.none') : fmt.duration(kpis.avgHandleSeconds)}
        detail={t('queue.kpi.avgWait', { time: kpis.avgWaitSeconds === null ? t('common.none') : fmt.duration(kpis.avgWaitSeconds) })}
        testId="queue-avg-handle"
      />
      <Tile
        icon={Bot}
        tone="ai"
        label={t('queue.kpi.aiVsPeople')}
        value={`${fmt.number(kpis.aiCalls)} · ${fmt.number(kpis.humanCalls)}`}
        detail={t('queue.kpi.aiVsPeopleLive', { ai: fmt.number(kpis.liveAi), people: fmt.number(kpis.liveHuman) })}
        testId="queue-ai-vs-people"
      />
      <Tile
        icon={Bot}
        tone="ai"
        label={t('queue.kpi.handoffRate')}
        value={percent(kpis.handoffRate)}
        detail={t('queue.kpi.handoffHint', { count: kpis.aiHandoffs })}
        testId="queue-handoff-rate"
      />
    </div>
  );
}
