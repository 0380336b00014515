import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../app/routes.ts';
import { useCalls } from '../../app/stores-context.tsx';
import { useNow } from '../../app/use-now.ts';
import { isActiveCall } from '../../state/calls.store.ts';
import { AiCallControlsContainer } from '../ai-controls/AiCallControlsContainer.tsx';
import { MonitorControlsContainer } from '../monitor/MonitorControlsContainer.tsx';
import { useAgentName } from '../shared/use-agent-name.ts';
import { CallTranscript } from '../transcript/CallTranscript.tsx';
import { elapsedSeconds, LiveCallsTable } from './LiveCallsTable.tsx';
import { LiveCallPanel } from './LiveCallPanel.tsx';
import { TranscriptPreview } from './TranscriptPreview.tsx';
import { useAssistantName } from './use-assistant-name.ts';

/** Calls in progress; opening one follows it beside the list (`#/live/<id>`). */
export function LiveCallsContainer({ callId }: { callId: number | null }) {
  const { t } = useTranslation();
  const live = useCalls((s) => s.live);
  const loadLive = useCalls((s) => s.loadLive);
  const detail = useCalls((s) => s.detail);
  const openCall = useCalls((s) => s.openCall);
  const closeCall = useCalls((s) => s.closeCall);
  const agentName = useAgentName();
  const assistantName = useAssistantName();
  const now = useNow();

  useEffect(() => {
    void loadLive();
  }, [loadLive]);

  // The followed call stays on screen after it ends (its record keeps arriving by call events).
  useEffect(() => {
    if (callId === null) closeCall();
    else void openCall(callId);
  }, [callId, openCall, closeCall]);

  const close = useCallback(() => navigate('live'), []);
  const call = detail.id === callId ? (live.calls.find((c) => c.id === callId) ?? detail.call) : null;
  const active = call !== null && isActiveCall(call);

  return (
    <section className="view" aria-labelledby="live-title" data-testid="live-view">
      <header className="view-header">
        <h1 id="live-title" tabIndex={-1}>
          {t('live.title')}
        </h1>
        <p className="view-meta" aria-live="polite" data-testid="live-call-count">
          {t('live.count', { count: live.calls.length })}
        </p>
      </header>
      <div className={callId !== null ? 'split with-detail live-split' : 'split'}>
        <LiveCallsTable
          live={live}
          now={now}
          agentName={agentName}
          assistantName={assistantName}
          followedId={callId}
          onFollow={(id) => navigate('live', id)}
          preview={(c) => <TranscriptPreview callId={c.id} />}
        />
        {callId !== null && (
          <LiveCallPanel
            call={call}
            active={active}
            loading={detail.loading}
            error={detail.error}
            agentName={call ? agentName(call.agent_id) : null}
            elapsed={call ? elapsedSeconds(call, now) : 0}
            controls={
              call && active && call.handled_by === 'ai_agent' ? (
                <AiCallControlsContainer callId={call.id} />
              ) : call && call.handled_by === 'human' ? (
                <MonitorControlsContainer call={call} active={active} agentName={agentName(call.agent_id)} />
              ) : null
            }
            transcript={<CallTranscript key={callId} callId={callId} variant="full" live={active} />}
            onClose={close}
          />
        )}
      </div>
    </section>
  );
}
