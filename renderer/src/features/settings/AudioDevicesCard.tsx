import { BellRing, Volume2 } from 'lucide-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { AudioDevice, DeviceRole } from '../../media/devices.store.ts';
import type { MicLevelState } from '../../media/mic-level.ts';

export interface AudioDevicesCardProps {
  inputs: AudioDevice[];
  outputs: AudioDevice[];
  microphoneId: string | null;
  speakerId: string | null;
  ringId: string | null;
  canChooseOutput: boolean;
  level: MicLevelState;
  onChoose(role: DeviceRole, deviceId: string | null): void;
  onTestSpeaker(): void;
  onTestRing(): void;
}

/** Microphone, call audio and ringtone devices, a live mic level and test sounds. Presentational. */
export function AudioDevicesCard(props: AudioDevicesCardProps) {
  const { inputs, outputs, microphoneId, speakerId, ringId, canChooseOutput, level, onChoose } = props;
  const { t } = useTranslation();
  const micId = useId();
  const speakerSelectId = useId();
  const ringSelectId = useId();
  const levelId = useId();
  const name = (d: AudioDevice, i: number): string =>
    d.label || t(d.kind === 'audioinput' ? 'settings.audio.unnamedInput' : 'settings.audio.unnamedOutput', { n: i + 1 });
  // A saved choice that is not plugged in now still shows (it is used again when it returns).
  const withMissing = (list: AudioDevice[], id: string | null): AudioDevice[] =>
    id === null || list.some((d) => d.deviceId === id) ? list : [...list, { deviceId: id, label: id.slice(0, 12), kind: list[0]?.kind ?? 'audiooutput' }];

  const levelText =
    level.status === 'error'
      ? t('settings.audio.levelError', { message: level.message })
      : level.status === 'starting'
        ? t('settings.audio.levelStarting')
        : `${Math.round(level.level * 100)} %`;

  return (
    <section className="card" aria-labelledby="settings-audio" data-testid="audio-settings">
      <h2 id="settings-audio">{t('settings.audio.title')}</h2>
      <p className="muted small">{t('settings.audio.hint')}</p>
      <div className="audio-fields">
        <label className="field" htmlFor={micId}>
          <span className="field-label">{t('settings.audio.microphone')}</span>
          <select id={micId} value={microphoneId ?? ''} onChange={(e) => onChoose('microphone', e.target.value || null)} data-testid="audio-input-select">
            <option value="">{t('settings.audio.systemDefault')}</option>
            {withMissing(inputs, microphoneId).map((d, i) => (
              <option key={d.deviceId} value={d.deviceId}>
                {name(d, i)}
              </option>
            ))}
          </select>
        </label>
        <div className="field">
          <span className="field-label" id={levelId}>
            {t('settings.audio.level')}
          </span>
          <div className="mic-level">
            <meter
              min={0}
              max={1}
              low={0.15}
              high={0.85}
              optimum={0.5}
              value={level.level}
              aria-labelledby={levelId}
              aria-valuetext={levelText}
              data-testid="mic-level"
              data-status={level.status}
              data-level={level.level.toFixed(2)}
            />
            <span className="muted small" aria-hidden="true">
              {levelText}
            </span>
          </div>
        </div>

        <label className="field" htmlFor={speakerSelectId}>
          <span className="field-label">{t('settings.audio.speaker')}</span>
          <select
            id={speakerSelectId}
            value={speakerId ?? ''}
            disabled={!canChooseOutput}
            onChange={(e) => onChoose('speaker', e.target.value || null)}
            data-testid="audio-output-select"
          >
            <option value="">{t('settings.audio.systemDefault')}</option>
            {withMissing(outputs, speakerId).map((d, i) => (
              <option key={d.deviceId} value={d.deviceId}>
                {name(d, i)}
              </option>
            ))}
          </select>
        </label>
        <label className="field" htmlFor={ringSelectId}>
          <span className="field-label">{t('settings.audio.ring')}</span>
          <select id={ringSelectId} value={ringId ?? ''} disabled={!canChooseOutput} onChange={(e) => onChoose('ring', e.target.value || null)} data-testid="ring-output-select">
            <option value="">{t('settings.audio.ringSame')}</option>
            {withMissing(outputs, ringId).map((d, i) => (
              <option key={d.deviceId} value={d.deviceId}>
                {name(d, i)}
              </option>
            ))}
          </select>
        </label>
        {!canChooseOutput && <p className="muted small">{t('settings.audio.noOutputChoice')}</p>}
        <div className="button-row">
          <button type="button" className="button" onClick={props.onTestSpeaker} data-testid="test-tone">
            <Volume2 className="icon" size={18} aria-hidden="true" />
            <span>{t('settings.audio.testSpeaker')}</span>
          </button>
          <button type="button" className="button" onClick={props.onTestRing} data-testid="test-ring">
            <BellRing className="icon" size={18} aria-hidden="true" />
            <span>{t('settings.audio.testRing')}</span>
          </button>
        </div>
      </div>
    </section>
  );
}
