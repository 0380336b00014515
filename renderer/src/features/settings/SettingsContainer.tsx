import { useTranslation } from 'react-i18next';
import { isLanguage, setLanguage } from '../../app/i18n/index.ts';
import { usePreferences, useSession, useStatus } from '../../app/stores-context.tsx';
import { SettingsView } from './SettingsView.tsx';

export function SettingsContainer() {
  const { i18n } = useTranslation();
  const session = useSession((s) => s.session);
  const status = useStatus((s) => s.status);
  const theme = usePreferences((s) => s.theme);
  const setTheme = usePreferences((s) => s.setTheme);
  if (!session) return null;
  return (
    <SettingsView
      session={session}
      status={status}
      theme={theme}
      language={isLanguage(i18n.language) ? i18n.language : 'en'}
      onTheme={setTheme}
      onLanguage={(l) => void setLanguage(l)}
    />
  );
}
