import { Bell, BellOff, Keyboard } from 'lucide-react';
import { Fragment, type ReactNode, type RefObject } from 'react';
import { Toggle } from '../../app/ui/Toggle.tsx';
import { useTranslation } from 'react-i18next';
import type { RequestError } from '../../state/errors.ts';
import { ClickToDialPrompt, type ClickToDialPromptProps } from './ClickToDialPrompt.tsx';
import { Dialpad, type DialpadProps } from './Dialpad.tsx';
import { LineCard, type LineCardProps } from './LineCard.tsx';
import { RecentCalls, type RecentCallsProps } from './RecentCalls.tsx';
import { LINE_SHORTCUTS, shortcutLabel } from './shortcuts.ts';

export interface SoftphoneViewProps {
  dialRef?: RefObject<HTMLInputElement | null>;
  dial: DialpadProps;
  lines: LineCardProps[];
  linesLoaded: boolean;
  linesError: RequestError | null;
  recent: RecentCallsProps;
  /** Do not disturb quick toggle; null while the seat's settings are unknown. */
  dnd?: { on: boolean; saving: boolean; onToggle(on: boolean): void } | null;
  /** A call a link asked for, waiting for the agent's go-ahead. */
  clickToDial?: ClickToDialPromptProps | null;
  /** The live transcript of one line's call, shown under that line's card. */
  transcript?: { lineId: string; content: ReactNode } | null;
}

/** The softphone: dial pad and shortcuts on the left, the lines and recent calls on the right. */
export function SoftphoneView({ dialRef, dial, lines, linesLoaded, linesError, recent, dnd, clickToDial, transcript }: SoftphoneViewProps) {
  const { t } = useTranslation();
  return (
    <section className="view softphone" aria-labelledby="softphone-title" data-testid="softphone-view">
      <header className="view-header">
        <h1 id="softphone-title" tabIndex={-1}>
          {t('softphone.title')}
        </h1>
        <p className="view-meta" aria-live="polite" data-testid="line-count">
          {t('softphone.linesCount', { count: lines.length })}
        </p>
        {dnd && (
          <div className="view-header-end">
            <Toggle
              on={dnd.on}
              label={t('softphone.dnd')}
              onText={t('settings.phone.on')}
              offText={t('settings.phone.off')}
              icon={BellOff}
              offIcon={Bell}
              testId="dnd-toggle"
              title={dnd.on ? t('softphone.dndOnTooltip') : t('softphone.dndOffTooltip')}
              busy={dnd.saving}
              compact
              onChange={dnd.onToggle}
            />
          </div>
        )}
      </header>
      <div className="softphone-grid">
        <div className="softphone-side">
          {clickToDial && <ClickToDialPrompt {...clickToDial} />}
          <Dialpad ref={dialRef} {...dial} />
          <section className="card shortcuts" aria-labelledby="shortcuts-title">
            <h2 id="shortcuts-title" className="with-icon">
              <Keyboard className="icon" size={18} aria-hidden="true" />
              {t('softphone.shortcutsTitle')}
            </h2>
            <p className="muted small">{t('softphone.shortcutsHelp')}</p>
            <dl className="shortcut-list">
              {LINE_SHORTCUTS.filter((s) => s !== 'select-previous' && s !== 'select-next' && s !== 'focus-dial').map((s) => (
                <div key={s}>
                  <dt>{t(`line.actions.${s}`)}</dt>
                  <dd>
                    <kbd>{shortcutLabel(s)}</kbd>
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        </div>
        <div className="softphone-main">
          <section className="lines" aria-label={t('softphone.lines')} data-testid="lines">
            {linesError && (
              <p className="inline-error" role="alert">
                {t('softphone.linesError', { message: linesError.message })}
              </p>
            )}
            {lines.map((props) => (
              <Fragment key={props.line.line_id}>
                <LineCard {...props} />
                {transcript?.lineId === props.line.line_id && (
                  <div className="line-transcript card" data-line-id={props.line.line_id}>
                    {transcript.content}
                  </div>
                )}
              </Fragment>
            ))}
            {lines.length === 0 && <p className="empty card">{linesLoaded ? t('softphone.noLines') : t('softphone.loadingLines')}</p>}
          </section>
          <RecentCalls {...recent} />
        </div>
      </div>
    </section>
  );
}
