import { Bot, Check, ListOrdered, PhoneForwarded, PhoneOutgoing, X, type LucideIcon } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { QueueEntry, QueueEntryKind } from '../../../../shared/domain/queue.ts';
import { ShortcutButton } from '../../app/ui/ShortcutButton.tsx';
import { useFormat } from '../../app/use-format.ts';
import type { OfferAction } from '../../state/queue.store.ts';
import { queueAriaShortcut, queueShortcutLabel } from './queue-shortcuts.ts';

const KIND_ICONS: Record<QueueEntryKind, LucideIcon> = {
  inbound: PhoneForwarded,
  ai_handoff: Bot,
  callback: PhoneOutgoing,
};

/** How long the agent has to accept, in seconds (the tenant's offer timeout); null when unknown. */
export function offerSeconds(entry: Pick<QueueEntry, 'offered_at' | 'offer_expires_at'>): number | null {
  if (!entry.offered_at || !entry.offer_expires_at) return null;
  return (Date.parse(entry.offer_expires_at) - Date.parse(entry.offered_at)) / 1000;
}

/**
 * When the offer runs out on this machine's clock: the offer's length counted from when this
 * console heard of it (events take milliseconds; the hub's clock may be seconds off), else
 * the hub's expiry as it stands.
 */
export function offerDeadline(entry: Pick<QueueEntry, 'offered_at' | 'offer_expires_at'>, seenAt: number | undefined): number | null {
  const total = offerSeconds(entry);
  if (seenAt !== undefined && total !== null) return seenAt + total * 1000;
  return entry.offer_expires_at ? Date.parse(entry.offer_expires_at) : null;
}

export interface OfferToastProps {
  entry: QueueEntry;
  /** Milliseconds since the epoch, for the countdown and the wait. */
  now: number;
  /** When the offer runs out, on this machine's clock (the hub's may differ by a few seconds). */
  deadline: number | null;
  busy: OfferAction | null;
  onAccept(): void;
  onDecline(): void;
}

/** A call the queue offers to this agent: who, how long they waited, accept or pass before the time runs out. Presentational. */
export function OfferToast({ entry, now, deadline, busy, onAccept, onDecline }: OfferToastProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const Icon = KIND_ICONS[entry.kind];
  const total = offerSeconds(entry);
  // `now` ticks once a second, so it may trail the offer's arrival by up to a second.
  const left = deadline === null ? null : Math.min(total ?? Infinity, Math.max(0, Math.ceil((deadline - now) / 1000)));
  const waited = Math.max(0, (now - Date.parse(entry.enqueued_at)) / 1000);
  const caller = entry.kind === 'callback' ? entry.to_number : entry.from_number;
  const reason = typeof entry.metadata.reason === 'string' ? entry.metadata.reason : null;
  const accept = t('offer.accept');
  const decline = t('offer.decline');
  const titleId = `offer-${entry.id}`;
  return (
    <div className="toast offer-toast" role="alertdialog" aria-labelledby={titleId} data-testid="offer-toast" data-entry-id={entry.id} data-kind={entry.kind}>
      <Icon className="icon toast-icon" size={22} aria-hidden="true" />
      <div className="toast-body">
        <p className="toast-kind">{t(`offer.kind.${entry.kind}`)}</p>
        <p className="toast-name phone" id={titleId}>
          {fmt.phone(caller) || t('call.unknownNumber')}
        </p>
        <p className="toast-number">
          <ListOrdered className="icon" size={14} aria-hidden="true" /> {t('offer.waited', { time: fmt.duration(waited) })}
          {entry.required_skills.length > 0 && <> · {t('offer.skills', { skills: entry.required_skills.join(', ') })}</>}
        </p>
        {reason && <p className="toast-number">{t('offer.reason', { reason })}</p>}
      </div>
      {left !== null && (
        <div className="offer-countdown" data-testid="offer-countdown" data-seconds={left}>
          <progress max={total ?? left} value={left} aria-hidden="true" />
          <span role="timer" aria-live="off">
            {t('offer.countdown', { seconds: fmt.number(left) })}
          </span>
        </div>
      )}
      <div className="toast-actions">
        <ShortcutButton
          tone="action-answer"
          icon={Check}
          label={accept}
          title={t('offer.tooltip', { label: accept, shortcut: queueShortcutLabel('accept-offer') })}
          keyshortcuts={queueAriaShortcut('accept-offer')}
          disabled={busy !== null}
          testId="offer-accept"
          onClick={onAccept}
        />
        <ShortcutButton
          tone="action-end"
          icon={X}
          label={decline}
          title={t('offer.tooltip', { label: decline, shortcut: queueShortcutLabel('decline-offer') })}
          keyshortcuts={queueAriaShortcut('decline-offer')}
          disabled={busy !== null}
          testId="offer-decline"
          onClick={onDecline}
        />
      </div>
    </div>
  );
}
