import { Captions, CaptionsOff, Info } from 'lucide-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Toggle } from '../../app/ui/Toggle.tsx';

export interface LiveTranscriptCardProps {
  on: boolean;
  /** The tenant has an AI endpoint (else capture cannot run, whatever the choice). */
  aiConfigured: boolean;
  onChange(on: boolean): void;
}

/** This console's choice to transcribe its calls as they happen. */
export function LiveTranscriptCard({ on, aiConfigured, onChange }: LiveTranscriptCardProps) {
  const { t } = useTranslation();
  const hintId = useId();
  return (
    <section className="card" aria-labelledby="settings-live-transcript" data-testid="live-transcript-settings">
      <h2 id="settings-live-transcript">{t('liveTranscript.title')}</h2>
      <div className="setting-rows">
        <div className="setting-row">
          <div className="setting-text">
            <p className="setting-hint muted small" id={hintId}>
              {t('liveTranscript.hint')}
            </p>
          </div>
          <div className="setting-control">
            <Toggle
              on={on}
              label={t('liveTranscript.toggle')}
              onText={t('settings.phone.on')}
              offText={t('settings.phone.off')}
              icon={Captions}
              offIcon={CaptionsOff}
              testId="live-transcript-toggle"
              describedBy={hintId}
              onChange={onChange}
            />
          </div>
        </div>
        {!aiConfigured && (
          <p className="with-icon muted small" data-testid="live-transcript-needs-ai">
            <Info className="icon" size={16} aria-hidden="true" />
            <span>{t('liveTranscript.needsAi')}</span>
          </p>
        )}
      </div>
    </section>
  );
}
