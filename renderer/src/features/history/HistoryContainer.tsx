import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../app/routes.ts';
import { useCalls } from '../../app/stores-context.tsx';
import { useAgentName } from '../shared/use-agent-name.ts';
import { CallDetail } from './CallDetail.tsx';
import { HistoryTable } from './HistoryTable.tsx';

export function HistoryContainer({ callId }: { callId: number | null }) {
  const { t } = useTranslation();
  const history = useCalls((s) => s.history);
  const detail = useCalls((s) => s.detail);
  const loadHistory = useCalls((s) => s.loadHistory);
  const openCall = useCalls((s) => s.openCall);
  const closeCall = useCalls((s) => s.closeCall);
  const agentName = useAgentName();

  useEffect(() => {
    void loadHistory();
  }, [loadHistory]);

  useEffect(() => {
    if (callId === null) closeCall();
    else void openCall(callId);
  }, [callId, openCall, closeCall]);

  const close = useCallback(() => navigate('history'), []);

  return (
    <section className="view" aria-labelledby="history-title" data-testid="history-view">
      <header className="view-header">
        <h1 id="history-title" tabIndex={-1}>
          {t('history.title')}
        </h1>
      </header>
      <div className={callId !== null ? 'split with-detail' : 'split'}>
        <HistoryTable
          history={history}
          selectedId={callId}
          compact={callId !== null}
          agentName={agentName}
          onQuery={(patch) => void loadHistory(patch)}
          onOpen={(id) => navigate('history', id)}
          onRefresh={() => void loadHistory()}
        />
        {callId !== null && <CallDetail detail={detail} agentName={agentName} onClose={close} />}
      </div>
    </section>
  );
}
