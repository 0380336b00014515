import { CircleCheck, CircleSlash, Monitor, Moon, Sun, type LucideIcon } from 'lucide-react';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsoleSession } from '../../../../shared/contracts/console-session.ts';
import type { CoreStatus } from '../../../../shared/contracts/core-status.ts';
import { LANGUAGES, type Language } from '../../app/i18n/index.ts';
import { THEME_PREFERENCES, type ThemePreference } from '../../app/preferences.ts';
import { useFormat } from '../../app/use-format.ts';

const THEME_ICONS: Record<ThemePreference, LucideIcon> = { system: Monitor, light: Sun, dark: Moon };

export interface SettingsViewProps {
  session: ConsoleSession;
  status: CoreStatus | null;
  theme: ThemePreference;
  language: Language;
  onTheme(theme: ThemePreference): void;
  onLanguage(language: Language): void;
  /** The audio devices card (its own container-fed component). */
  audio?: ReactNode;
  /** The call handling card (do not disturb, auto-answer, intercom). */
  phone?: ReactNode;
  /** This console's live transcript choice. */
  transcript?: ReactNode;
  /** The tenant's AI endpoint (admins and supervisors). */
  ai?: ReactNode;
  /** How supervisors monitor calls (admins and supervisors). */
  supervision?: ReactNode;
  /** The tenant's queue policy (admins and supervisors). */
  queue?: ReactNode;
  /** This computer's keyboard shortcuts. */
  hotkeys?: ReactNode;
  /** The tenant's audit log (admins), across the full width below the two columns. */
  audit?: ReactNode;
}

export function SettingsView({ session, status, theme, language, onTheme, onLanguage, audio, phone, transcript, ai, supervision, queue, hotkeys, audit }: SettingsViewProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const languageId = useId();
  const { agent } = session;
  const none = t('common.none');

  return (
    <section className="view" aria-labelledby="settings-title" data-testid="settings-view">
      <header className="view-header">
        <h1 id="settings-title" tabIndex={-1}>
          {t('settings.title')}
        </h1>
      </header>
      <div className="settings-grid">
        <div className="settings-column">
          <section className="card" aria-labelledby="settings-profile">
            <h2 id="settings-profile">{t('settings.profile.title')}</h2>
            <p className="muted small">{t('settings.profile.readOnly')}</p>
            <dl className="facts">
              <dt>{t('settings.profile.name')}</dt>
              <dd data-testid="profile-name">{agent.name}</dd>
              <dt>{t('settings.profile.extension')}</dt>
              <dd data-testid="profile-extension">{agent.extension ?? none}</dd>
              <dt>{t('settings.profile.role')}</dt>
              <dd>{t(`role.${agent.role}`)}</dd>
              <dt>{t('settings.profile.username')}</dt>
              <dd>{agent.login_username ?? none}</dd>
              <dt>{t('settings.profile.tenant')}</dt>
              <dd>{session.tenant_id}</dd>
            </dl>
            <h3>{t('settings.profile.sipTitle')}</h3>
            {agent.sip ? (
              <dl className="facts" data-testid="profile-sip">
                <dt>{t('settings.profile.sipUri')}</dt>
                <dd>
                  <code>{agent.sip.uri}</code>
                </dd>
                <dt>{t('settings.profile.sipUsername')}</dt>
                <dd>
                  <code>{agent.sip.username}</code>
                </dd>
                <dt>{t('settings.profile.wsUrl')}</dt>
                <dd>
                  <code>{agent.sip.ws_url}</code>
                </dd>
                <dt>{t('settings.profile.passwordSet')}</dt>
                <dd className="with-icon" data-testid="profile-sip-password" data-state={agent.sip.has_password ? 'set' : 'unset'}>
                  {agent.sip.has_password ? <CircleCheck className="icon" size={16} aria-hidden="true" /> : <CircleSlash className="icon" size={16} aria-hidden="true" />}
                  <span>{agent.sip.has_password ? t('common.yes') : t('common.no')}</span>
                </dd>
              </dl>
            ) : (
              <p className="muted">{t('settings.profile.noSip')}</p>
            )}
          </section>
          {ai}
          {queue}
          {supervision}
          {hotkeys}
        </div>

        <div className="settings-column">
          {phone}
          {transcript}
          {audio}
          <section className="card" aria-labelledby="settings-appearance">
            <h2 id="settings-appearance">{t('settings.appearance.title')}</h2>
            <fieldset className="segmented">
              <legend>{t('settings.appearance.theme')}</legend>
              {THEME_PREFERENCES.map((pref) => {
                const Icon = THEME_ICONS[pref];
                return (
                  <label key={pref} className="segment-option">
                    <input type="radio" name="theme" value={pref} checked={theme === pref} onChange={() => onTheme(pref)} data-testid={`theme-${pref}`} />
                    <Icon className="icon" size={16} aria-hidden="true" />
                    <span>{t(`settings.appearance.${pref}`)}</span>
                  </label>
                );
              })}
            </fieldset>
          </section>

          <section className="card" aria-labelledby="settings-language">
            <h2 id="settings-language">{t('settings.language.title')}</h2>
            <label className="field" htmlFor={languageId}>
              <span className="field-label">{t('settings.language.label')}</span>
              <select id={languageId} value={language} onChange={(e) => onLanguage(e.target.value as Language)} data-testid="language-select">
                {LANGUAGES.map((l) => (
                  <option key={l} value={l} lang={l}>
                    {t(`settings.language.${l}`)}
                  </option>
                ))}
              </select>
            </label>
          </section>

          {status && (
            <section className="card" aria-labelledby="settings-about">
              <h2 id="settings-about">{t('settings.about.title')}</h2>
              <dl className="facts">
                <dt>{t('settings.about.version')}</dt>
                <dd>{status.version}</dd>
                <dt>{t('settings.about.started')}</dt>
                <dd>{fmt.fullDateTime(status.started_at)}</dd>
                <dt>{t('settings.about.aiEndpoint')}</dt>
                <dd>{status.ai.base_url ? <code>{status.ai.base_url}</code> : none}</dd>
              </dl>
            </section>
          )}
        </div>
      </div>
      {audit}
    </section>
  );
}
