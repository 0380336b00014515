import { CircleX, KeyRound, Save } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MONITOR_MODES, MONITOR_VIAS, type MonitorMode, type MonitorSettingsUpdate, type MonitorSettingsView, type MonitorVia } from '../../../../shared/contracts/monitor-client.ts';
import type { RequestError } from '../../state/errors.ts';

export interface MonitorSettingsCardProps {
  settings: MonitorSettingsView | null;
  editable: boolean;
  busy: boolean;
  error: RequestError | null;
  onSave(update: MonitorSettingsUpdate): Promise<boolean>;
}

type PerMode = Record<MonitorMode, string>;

/**
 * How supervisors reach agents' calls in this tenant: through the seats (peer, any SIP server)
 * or through the PBX's ChanSpy feature codes (Asterisk/FreePBX), and the office monitor secret
 * (only its fingerprint is shown, to compare two desktops').
 */
export function MonitorSettingsCard({ settings, editable, busy, error, onSave }: MonitorSettingsCardProps) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <section className="card" aria-labelledby={titleId} aria-busy={busy || undefined} data-testid="monitor-settings">
      <h2 id={titleId}>{t('monitor.settings.title')}</h2>
      <p className="muted small">{t('monitor.settings.hint')}</p>
      {!settings && !error && <p className="muted">{t('monitor.settings.loading')}</p>}
      {/* The core's answer resets the form (a new key per saved state). */}
      {settings && <SettingsForm key={JSON.stringify(settings)} settings={settings} editable={editable} busy={busy} onSave={onSave} />}
      {error && (
        <p className="inline-error" role="alert">
          <CircleX className="icon" size={18} aria-hidden="true" />
          <span>{t('monitor.settings.error', { message: error.message })}</span>
        </p>
      )}
    </section>
  );
}

function SettingsForm({ settings, editable, busy, onSave }: Omit<MonitorSettingsCardProps, 'settings' | 'error'> & { settings: MonitorSettingsView }) {
  const { t } = useTranslation();
  const formId = useId();
  const secretId = useId();
  const [via, setVia] = useState<MonitorVia>(settings.via);
  const [codes, setCodes] = useState<PerMode>(settings.pbx_codes);
  const [dtmf, setDtmf] = useState<PerMode>(settings.pbx_dtmf);
  const [secret, setSecret] = useState('');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const update: MonitorSettingsUpdate = { via, pbx_codes: codes, pbx_dtmf: dtmf, ...(secret !== '' ? { secret } : {}) };
    void onSave(update).then((ok) => ok && setSecret(''));
  };

  const perMode = (label: string, values: PerMode, set: (v: PerMode) => void, pattern: string, testId: string) => (
    <fieldset className="field-set" disabled={!editable || busy}>
      <legend className="field-label">{label}</legend>
      <div className="monitor-modes">
        {MONITOR_MODES.map((m) => (
          <label key={m} className="field">
            <span className="field-hint">{t(`monitor.mode.${m}`)}</span>
            <input value={values[m]} pattern={pattern} required size={6} onChange={(e) => set({ ...values, [m]: e.target.value.trim() })} data-testid={`${testId}-${m}`} />
          </label>
        ))}
      </div>
    </fieldset>
  );

  return (
    <form className="setting-rows" onSubmit={submit}>
      <fieldset className="field-set" disabled={!editable || busy}>
        <legend className="field-label">{t('monitor.settings.via')}</legend>
        {MONITOR_VIAS.map((v) => (
          <label key={v} className="radio">
            <input type="radio" name={`${formId}-via`} value={v} checked={via === v} onChange={() => setVia(v)} data-testid={`monitor-via-${v}`} />
            <span>{t(`monitor.settings.viaOption.${v}`)}</span>
          </label>
        ))}
      </fieldset>
      {via === 'pbx' && perMode(t('monitor.settings.codes'), codes, setCodes, '[0-9*#]{1,12}', 'monitor-code')}
      {via === 'pbx' && perMode(t('monitor.settings.dtmf'), dtmf, setDtmf, '[0-9*#]', 'monitor-dtmf')}
      <div className="field">
        <span className="field-label">{t('monitor.settings.secret')}</span>
        <span className="muted small" data-testid="monitor-secret-fingerprint">
          {settings.secret_fingerprint ? t('monitor.settings.fingerprint', { fingerprint: settings.secret_fingerprint }) : t('monitor.settings.noSecret')}
        </span>
      </div>
      {editable && (
        <label className="field" htmlFor={secretId}>
          <span className="field-label">{t('monitor.settings.setSecret')}</span>
          <input id={secretId} type="password" autoComplete="new-password" minLength={16} value={secret} onChange={(e) => setSecret(e.target.value)} />
          <span className="field-hint">{t('monitor.settings.setSecretHint')}</span>
        </label>
      )}
      {editable && (
        <div className="button-row">
          <button type="submit" className="button primary small" disabled={busy}>
            <Save className="icon" size={16} aria-hidden="true" />
            <span>{t('monitor.settings.save')}</span>
          </button>
          <button type="button" className="button small" disabled={busy} onClick={() => void onSave({ regenerate_secret: true })} title={t('monitor.settings.regenerateHint')}>
            <KeyRound className="icon" size={16} aria-hidden="true" />
            <span>{t('monitor.settings.regenerate')}</span>
          </button>
        </div>
      )}
    </form>
  );
}
