// Mounted by the shell on every view: the call the queue offers to this agent (a toast with a
// countdown), and the queue's shortcuts — accept, pass, toggle available/away.
import { CircleAlert, X } from 'lucide-react';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueue, useSession, useStores } from '../../app/stores-context.tsx';
import { useNow } from '../../app/use-now.ts';
import { offerFor } from '../../state/queue.store.ts';
import { offerDeadline, OfferToast } from './OfferToast.tsx';
import { onGlobalHotkey } from '../../app/hotkeys/desktop-hotkeys.ts';
import { queueShortcutFor, runQueueShortcut } from './queue-shortcuts.ts';
import './queue.css';

export function QueueOverlay() {
  const { t } = useTranslation();
  const { queue: queueStore, lines: linesStore } = useStores();
  const agentId = useSession((s) => s.session?.agent.id ?? null);
  const offer = useQueue((s) => offerFor(s.entries, agentId));
  const busy = useQueue((s) => (offer ? (s.busy[offer.id] ?? null) : null));
  const actionError = useQueue((s) => s.actionError);
  const accept = useQueue((s) => s.accept);
  const decline = useQueue((s) => s.decline);
  const dismissError = useQueue((s) => s.dismissError);
  const deadline = useQueue((s) => (offer ? offerDeadline(offer, s.offeredSeenAt[offer.id]) : null));

  useEffect(() => {
    if (agentId === null) return;
    const onKey = (event: KeyboardEvent): void => {
      if (event.repeat || event.defaultPrevented) return;
      const ringing = linesStore.getState().lines.some((l) => l.state === 'incoming');
      const action = queueShortcutFor(event, ringing);
      if (action && runQueueShortcut(queueStore.getState(), agentId, action)) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    const offGlobal = onGlobalHotkey((key) => {
      const ringing = linesStore.getState().lines.some((l) => l.state === 'incoming');
      const action = key === 'toggle-availability' ? key : ringing ? null : key === 'answer' ? 'accept-offer' : key === 'decline' ? 'decline-offer' : null;
      if (action) runQueueShortcut(queueStore.getState(), agentId, action);
    });
    return () => {
      window.removeEventListener('keydown', onKey);
      offGlobal();
    };
  }, [agentId, queueStore, linesStore]);

  if (!offer && !actionError) return null;
  return (
    <div className="toasts offer-toasts" role="region" aria-label={t('offer.region')} aria-live="assertive">
      {offer && <OfferCountdown key={offer.id}>{(now) => <OfferToast entry={offer} now={now} deadline={deadline} busy={busy} onAccept={() => void accept(offer.id)} onDecline={() => void decline(offer.id)} />}</OfferCountdown>}
      {actionError && (
        <div className="toast offer-error" role="alert" data-testid="queue-action-error">
          <CircleAlert className="icon toast-icon" size={22} aria-hidden="true" />
          <p className="toast-body">{t('offer.error', { message: actionError.message })}</p>
          <button type="button" className="button ghost small icon-only offer-error-close" onClick={dismissError} aria-label={t('offer.dismiss')} title={t('offer.dismiss')}>
            <X className="icon" size={16} aria-hidden="true" />
          </button>
        </div>
      )}
    </div>
  );
}

/** Ticks once a second only while an offer is on screen. */
function OfferCountdown({ children }: { children: (now: number) => ReactNode }) {
  const now = useNow();
  return <>{children(now)}</>;
}
