import './monitor.css';
import { useEffect } from 'react';
import { useMonitor, useSession } from '../../app/stores-context.tsx';
import { MonitorSettingsCard } from './MonitorSettingsCard.tsx';

/** Supervision settings: admins change them, supervisors see them, agents do not. */
export function MonitorSettingsContainer() {
  const role = useSession((s) => s.session?.agent.role);
  const settings = useMonitor((s) => s.settings);
  const busy = useMonitor((s) => s.settingsBusy);
  const error = useMonitor((s) => s.settingsError);
  const load = useMonitor((s) => s.loadSettings);
  const save = useMonitor((s) => s.saveSettings);
  const sees = role === 'admin' || role === 'supervisor';
  useEffect(() => {
    if (sees) void load();
  }, [sees, load]);
  if (!sees) return null;
  return <MonitorSettingsCard settings={settings} editable={role === 'admin'} busy={busy} error={error} onSave={save} />;
}
