import { Ear, Megaphone, MessageCircle, PhoneOff, ShieldX, UserRoundCheck, type LucideIcon } from 'lucide-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { MonitorMode } from '../../../../shared/contracts/monitor-client.ts';
import type { Call, CallEvent } from '../../../../shared/domain/call.ts';
import { useFormat } from '../../app/use-format.ts';
import { CallPanelHeader } from '../../app/ui/CallPanelHeader.tsx';
import { AnalysisMark, CallStatusBadge, DirectionLabel, HandlerLabel } from '../../app/ui/call-visuals.tsx';
import { isActiveCall, type DetailSlice } from '../../state/calls.store.ts';
import { CallTranscript } from '../transcript/CallTranscript.tsx';
import './call-detail.css';
import { monitorEvents, type MonitorEventKind, type MonitorEventView } from './monitor-event.ts';

export interface CallDetailProps {
  detail: DetailSlice;
  agentName(id: number | null): string | null;
  onClose(): void;
}

export function CallDetail({ detail, agentName, onClose }: CallDetailProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { call, events, loading, error } = detail;
  const monitoring = useMemo(() => monitorEvents(events), [events]);

  return (
    <section className="detail" aria-labelledby="call-detail-title" data-testid="call-detail" data-call-sid={call?.sid}>
      <CallPanelHeader titleId="call-detail-title" call={call} focusKey={detail.id} closeLabel={t('detail.close')} loading={loading} error={error} onClose={onClose} />

      {call && <CallFacts call={call} agentName={agentName(call.agent_id)} />}

      {call && (
        <>
          <CallTranscript key={call.id} callId={call.id} variant="full" live={isActiveCall(call)} searchable />

          <h3>{t('detail.timeline')}</h3>
          {events.length === 0 ? (
            <p className="muted">{loading ? t('detail.loading') : t('detail.noEvents')}</p>
          ) : (
            <ol className="timeline" data-testid="call-timeline">
              {events.map((e) => {
                const m = monitoring.get(e.id);
                return m ? (
                  <MonitorEventItem key={e.id} event={e} view={m} agentName={agentName} />
                ) : (
                  <li key={e.id} data-event-type={e.type}>
                    <time dateTime={e.at}>{fmt.time(e.at)}</time>
                    <code className="event-type">{e.type}</code>
                    <span className="event-actor muted">{e.actor}</span>
                  </li>
                );
              })}
            </ol>
          )}
        </>
      )}
    </section>
  );
}

const MONITOR_ICONS: Record<MonitorEventKind, LucideIcon> = { started: Ear, mode: Ear, 'take-over': UserRoundCheck, ended: PhoneOff, refused: ShieldX };
const MODE_ICONS: Record<MonitorMode, LucideIcon> = { listen: Ear, whisper: MessageCircle, barge: Megaphone };

/** A supervisor's monitoring step in words: who, which mode (or take-over), how; the raw type stays for the record. */
function MonitorEventItem({ event, view, agentName }: { event: CallEvent; view: MonitorEventView; agentName(id: number | null): string | null }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const name = view.supervisorName ?? agentName(view.supervisorId) ?? (view.supervisorId !== null ? t('detail.monitor.supervisorId', { id: view.supervisorId }) : t('detail.monitor.someone'));
  const mode = view.mode ? t(`monitor.mode.${view.mode}`) : null;
  const Icon = (view.kind === 'started' || view.kind === 'mode') && view.mode ? MODE_ICONS[view.mode] : MONITOR_ICONS[view.kind];
  const words = (() => {
    switch (view.kind) {
      case 'started':
        return mode ? t('detail.monitor.started', { name, mode }) : t('detail.monitor.startedNoMode', { name });
      case 'mode':
        return view.from ? t('detail.monitor.modeFrom', { name, mode, from: t(`monitor.mode.${view.from}`) }) : t('detail.monitor.mode', { name, mode });
      case 'take-over':
        return t('detail.monitor.takeOver', { name });
      case 'ended':
        return mode ? t('detail.monitor.ended', { name, mode }) : t('detail.monitor.endedNoMode', { name });
      case 'refused':
        return t('detail.monitor.refused', { name, code: view.code ?? '—', reason: view.reason ?? t('monitor.noReason') });
    }
  })();
  const tone = view.kind === 'refused' ? 'tone-text-bad' : view.kind === 'take-over' || (view.kind !== 'ended' && view.mode === 'barge') ? 'tone-text-warn' : 'tone-text-neutral';
  return (
    <li data-event-type={event.type} data-testid="monitor-event" data-monitor-kind={view.kind} data-monitor-mode={view.kind === 'take-over' ? 'take-over' : (view.mode ?? '')}>
      <time dateTime={event.at}>{fmt.time(event.at)}</time>
      <span className={`event-monitor ${tone}`}>
        <Icon className="icon" size={16} aria-hidden="true" />
        <span>
          <span className="event-monitor-words">{words}</span>
          {view.via && <span className="event-monitor-via"> · {t(`detail.monitor.via.${view.via}`)}</span>}
        </span>
      </span>
      <code className="event-type muted">{event.type}</code>
    </li>
  );
}

function CallFacts({ call, agentName }: { call: Call; agentName: string | null }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const none = t('common.none');
  return (
    <>
      <div className="detail-badges">
        <DirectionLabel direction={call.direction} />
        <CallStatusBadge status={call.status} />
        <HandlerLabel handler={call.handled_by} agentName={agentName} />
      </div>
      <dl className="facts">
        <dt>{t('detail.fields.sid')}</dt>
        <dd>
          <code>{call.sid}</code>
        </dd>
        <dt>{t('detail.fields.started')}</dt>
        <dd>{fmt.fullDateTime(call.started_at)}</dd>
        <dt>{t('detail.fields.answered')}</dt>
        <dd>{fmt.fullDateTime(call.answered_at) || none}</dd>
        <dt>{t('detail.fields.ended')}</dt>
        <dd>{fmt.fullDateTime(call.ended_at) || none}</dd>
        <dt>{t('detail.fields.duration')}</dt>
        <dd>{call.duration_seconds === null ? none : fmt.duration(call.duration_seconds)}</dd>
        {call.end_reason && (
          <>
            <dt>{t('detail.fields.endReason')}</dt>
            <dd>{call.end_reason}</dd>
          </>
        )}
        {call.sip_code !== null && (
          <>
            <dt>{t('detail.fields.sipCode')}</dt>
            <dd>{fmt.number(call.sip_code)}</dd>
          </>
        )}
        <dt>{t('detail.fields.transfers')}</dt>
        <dd>{fmt.number(call.transfer_count)}</dd>
      </dl>
      <CallAnalysis call={call} />
    </>
  );
}

/** Summary, sentiment and disposition once the post-call analysis has written them. */
function CallAnalysis({ call }: { call: Call }) {
  const { t } = useTranslation();
  const written = call.summary !== null || call.sentiment !== null || call.disposition !== null;
  if (!written && (call.analysis_state === null || call.analysis_state === 'skipped')) return null;
  return (
    <section className="call-analysis" aria-labelledby="call-analysis-title" data-testid="call-analysis" data-state={call.analysis_state ?? 'none'}>
      <h3 id="call-analysis-title">{t('analysis.title')}</h3>
      {!written && <AnalysisMark call={call} />}
      {written && (
        <dl className="facts">
          {call.sentiment && (
            <>
              <dt>{t('analysis.sentiment')}</dt>
              <dd data-testid="call-sentiment">
                <AnalysisMark call={call} />
              </dd>
            </>
          )}
          {call.disposition && (
            <>
              <dt>{t('analysis.disposition')}</dt>
              <dd data-testid="call-disposition">
                <code>{call.disposition}</code>
              </dd>
            </>
          )}
        </dl>
      )}
      {call.summary && (
        <p className="summary" data-testid="call-summary">
          {call.summary}
        </p>
      )}
    </section>
  );
}
