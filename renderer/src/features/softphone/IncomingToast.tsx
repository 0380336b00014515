import { BellRing, Phone, PhoneOff } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { LineState } from '../../../../shared/sip/line-state.ts';
import { ShortcutButton } from '../../app/ui/ShortcutButton.tsx';
import { useFormat } from '../../app/use-format.ts';
import { remoteName } from './LineCard.tsx';
import { ariaShortcut, shortcutLabel } from './shortcuts.ts';

export interface IncomingToastsProps {
  /** Inbound lines that are ringing, oldest first. */
  lines: LineState[];
  /** Another call is in progress: these are waiting calls. */
  waiting: boolean;
  onAnswer(lineId: string): void;
  onDecline(lineId: string): void;
}

/** Top-right notices for ringing calls, on every view. Presentational. */
export function IncomingToasts({ lines, waiting, onAnswer, onDecline }: IncomingToastsProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <div className="toasts" role="region" aria-label={t('toast.region')} aria-live="assertive">
      {lines.map((line) => {
        const who = remoteName(line, (raw) => fmt.phone(raw));
        const answer = t('line.actions.answer');
        const decline = t('line.actions.decline');
        return (
          <div key={line.line_id} className="toast" role="alertdialog" aria-labelledby={`toast-${line.line_id}`} data-testid="incoming-toast" data-line-id={line.line_id} data-call-sid={line.call_sid}>
            <BellRing className="icon toast-icon" size={22} aria-hidden="true" />
            <div className="toast-body">
              <p className="toast-kind">{waiting ? t('toast.waiting') : t('toast.incoming')}</p>
              <p className="toast-name" id={`toast-${line.line_id}`} data-testid="toast-caller">
                {who.name || t('line.unknownCaller')}
              </p>
              {who.number && <p className="toast-number phone">{who.number}</p>}
            </div>
            <div className="toast-actions">
              <ShortcutButton
                tone="action-answer"
                icon={Phone}
                label={answer}
                title={t('line.tooltip', { label: answer, shortcut: shortcutLabel('answer') })}
                keyshortcuts={ariaShortcut('answer')}
                testId="toast-answer"
                onClick={() => onAnswer(line.line_id)}
              />
              <ShortcutButton
                tone="action-end"
                icon={PhoneOff}
                label={decline}
                title={t('line.tooltip', { label: decline, shortcut: shortcutLabel('decline') })}
                keyshortcuts={ariaShortcut('decline')}
                testId="toast-decline"
                onClick={() => onDecline(line.line_id)}
              />
            </div>
          </div>
        );
      })}
    </div>
  );
}
