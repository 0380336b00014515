import { Maximize, Minimize } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { RequestError } from '../../state/errors.ts';
import { AgentBoard } from './AgentBoard.tsx';
import type { AgentStatusControl } from './AgentStatusActions.tsx';
import { KpiTiles } from './KpiTiles.tsx';
import { SentimentAlerts } from './SentimentAlerts.tsx';
import { WaitingCalls } from './WaitingCalls.tsx';
import type { Wallboard as Model } from './wallboard-model.ts';
import './queue.css';

export interface WallboardProps {
  model: Model;
  loaded: boolean;
  error: RequestError | null;
  wallMode: boolean;
  onWallMode(on: boolean): void;
  /** Supervisors and admins: change agents' statuses from the board (never on the wall display, which is read-only). */
  agentControl?: AgentStatusControl | null;
}

/** The queue view: headline numbers, calls waiting, agents by state, sentiment alerts. Presentational. */
export function Wallboard({ model, loaded, error, wallMode, onWallMode, agentControl = null }: WallboardProps) {
  const { t } = useTranslation();
  const toggleLabel = wallMode ? t('queue.wallModeExit') : t('queue.wallMode');
  return (
    <section className="view wallboard" aria-labelledby="queue-title" data-testid="queue-view" data-wall-mode={wallMode ? 'on' : 'off'}>
      <header className="view-header">
        <h1 id="queue-title" tabIndex={-1}>
          {t('queue.title')}
        </h1>
        <p className="view-meta">{loaded ? t('queue.meta') : t('queue.loading')}</p>
        <span className="toolbar-spacer" />
        <button
          type="button"
          className="button small ghost"
          aria-pressed={wallMode}
          onClick={() => onWallMode(!wallMode)}
          title={wallMode ? t('queue.wallModeExit') : t('queue.wallModeTooltip')}
          data-testid="wall-mode"
        >
          {wallMode ? <Minimize className="icon" size={16} aria-hidden="true" /> : <Maximize className="icon" size={16} aria-hidden="true" />}
          <span>{toggleLabel}</span>
        </button>
      </header>
      {error && (
        <p className="inline-error" role="alert">
          {t('queue.error', { message: error.message })}
        </p>
      )}
      <KpiTiles kpis={model.kpis} />
      <div className="wallboard-grid">
        <WaitingCalls rows={model.waiting} serviceLevelSeconds={model.kpis.serviceLevelSeconds} />
        <AgentBoard groups={model.groups} control={wallMode ? null : agentControl} />
        <SentimentAlerts alerts={model.alerts} />
      </div>
    </section>
  );
}
