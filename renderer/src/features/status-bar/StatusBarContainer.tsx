import { usePhoneSettings, useSession, useStatus } from '../../app/stores-context.tsx';
import { StatusBar } from './StatusBar.tsx';

export function StatusBarContainer() {
  const connection = useStatus((s) => s.connection);
  const status = useStatus((s) => s.status);
  const agent = useSession((s) => s.session?.agent ?? null);
  const logout = useSession((s) => s.logout);
  const dnd = usePhoneSettings((s) => s.settings?.do_not_disturb ?? false);
  if (!agent) return null;
  return (
    <StatusBar
      connection={connection}
      sip={status?.sip ?? null}
      ai={status ? { state: status.ai.state, detail: status.ai.detail } : null}
      offline={status?.offline ?? false}
      dnd={dnd}
      agent={{ name: agent.name, role: agent.role, status: agent.status }}
      onLogout={() => void logout()}
    />
  );
}
