import { Bell, BellOff, CircleX, Headphones, Megaphone, PhoneIncoming, PhoneOff, type LucideIcon } from 'lucide-react';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PhoneSettings } from '../../../../shared/contracts/phone-settings.ts';
import { Toggle } from '../../app/ui/Toggle.tsx';
import type { RequestError } from '../../state/errors.ts';
import { AUTO_ANSWER_DELAYS } from '../../state/phone-settings.store.ts';

export interface PhoneSettingsCardProps {
  settings: PhoneSettings | null;
  loading: boolean;
  saving: boolean;
  error: RequestError | null;
  onChange(partial: Partial<PhoneSettings>): void;
}

function Row({ label, hint, children }: { label: string; hint: string; children: (hintId: string) => ReactNode }) {
  const hintId = useId();
  return (
    <div className="setting-row" role="group" aria-label={label}>
      <div className="setting-text">
        <p className="setting-hint muted small" id={hintId}>
          {hint}
        </p>
      </div>
      <div className="setting-control">{children(hintId)}</div>
    </div>
  );
}

/** Do not disturb, auto-answer (with its delay), intercom and the monitoring notice: the seat's call handling. */
export function PhoneSettingsCard({ settings, loading, saving, error, onChange }: PhoneSettingsCardProps) {
  const { t } = useTranslation();
  const delayId = useId();
  const onOff = { onText: t('settings.phone.on'), offText: t('settings.phone.off') };
  const toggle = (key: 'do_not_disturb' | 'auto_answer' | 'allow_intercom' | 'show_monitoring', label: string, hint: string, testId: string, icon: LucideIcon, offIcon?: LucideIcon) =>
    settings && (
      <Row label={label} hint={hint}>
        {(hintId) => (
          <Toggle
            on={settings[key]}
            label={label}
            {...onOff}
            icon={icon}
            offIcon={offIcon}
            testId={testId}
            busy={saving}
            describedBy={hintId}
            onChange={(on) => onChange({ [key]: on })}
          />
        )}
      </Row>
    );

  return (
    <section className="card phone-settings" aria-labelledby="settings-phone" aria-busy={loading || undefined} data-testid="phone-settings">
      <h2 id="settings-phone">{t('settings.phone.title')}</h2>
      <p className="muted small">{t('settings.phone.hint')}</p>
      {!settings && loading && <p className="muted">{t('settings.phone.loading')}</p>}
      {!settings && !loading && error && (
        <p className="inline-error" role="alert">
          <CircleX className="icon" size={18} aria-hidden="true" />
          <span>{t('settings.phone.unavailable', { message: error.message })}</span>
        </p>
      )}
      {settings && (
        <div className="setting-rows">
          {toggle('do_not_disturb', t('settings.phone.dnd'), t('settings.phone.dndHint'), 'dnd-toggle', BellOff, Bell)}
          {toggle('auto_answer', t('settings.phone.autoAnswer'), t('settings.phone.autoAnswerHint'), 'auto-answer-toggle', PhoneIncoming, PhoneOff)}
          <label className="field setting-delay" htmlFor={delayId}>
            <span className="field-label">{t('settings.phone.delay')}</span>
            <select
              id={delayId}
              value={settings.auto_answer_delay_s}
              disabled={!settings.auto_answer}
              onChange={(e) => onChange({ auto_answer_delay_s: Number(e.target.value) })}
              data-testid="auto-answer-delay"
            >
              {[...new Set([...AUTO_ANSWER_DELAYS, settings.auto_answer_delay_s])]
                .sort((a, b) => a - b)
                .map((s) => (
                  <option key={s} value={s}>
                    {s === 0 ? t('settings.phone.delayNow') : t('settings.phone.delaySeconds', { count: s })}
                  </option>
                ))}
            </select>
          </label>
          {toggle('allow_intercom', t('settings.phone.intercom'), t('settings.phone.intercomHint'), 'allow-intercom-toggle', Megaphone)}
          {toggle('show_monitoring', t('settings.phone.showMonitoring'), t('settings.phone.showMonitoringHint'), 'show-monitoring-toggle', Headphones)}
          {error && (
            <p className="inline-error" role="alert" data-testid="phone-settings-error">
              <CircleX className="icon" size={18} aria-hidden="true" />
              <span>{t('settings.phone.error', { message: error.message })}</span>
            </p>
          )}
        </div>
      )}
    </section>
  );
}
