import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useCalls } from '../../app/stores-context.tsx';
import { useNow } from '../../app/use-now.ts';
import { useAgentName } from '../shared/use-agent-name.ts';
import { LiveCallsTable } from './LiveCallsTable.tsx';

export function LiveCallsContainer() {
  const { t } = useTranslation();
  const live = useCalls((s) => s.live);
  const loadLive = useCalls((s) => s.loadLive);
  const agentName = useAgentName();
  const now = useNow();

  useEffect(() => {
    void loadLive();
  }, [loadLive]);

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
      <LiveCallsTable live={live} now={now} agentName={agentName} />
    </section>
  );
}
