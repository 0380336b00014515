import { useEffect } from 'react';
import { useQueue, useSession } from '../../app/stores-context.tsx';
import { QueueSettingsCard } from './QueueSettingsCard.tsx';

/** The queue policy: supervisors and admins change it (the core checks the role again); agents do not see it. */
export function QueueSettingsContainer() {
  const role = useSession((s) => s.session?.agent.role);
  const settings = useQueue((s) => s.settings);
  const loaded = useQueue((s) => s.loaded);
  const loading = useQueue((s) => s.loading);
  const loadError = useQueue((s) => s.error);
  const load = useQueue((s) => s.load);
  const saving = useQueue((s) => s.settingsSaving);
  const saveError = useQueue((s) => s.settingsError);
  const save = useQueue((s) => s.saveSettings);
  const sees = role === 'supervisor' || role === 'admin';
  useEffect(() => {
    if (sees && !loaded && !loading) void load();
  }, [sees, loaded, loading, load]);
  if (!sees) return null;
  return <QueueSettingsCard settings={settings} loading={loading} loadError={loadError} saving={saving} saveError={saveError} onSave={save} />;
}
