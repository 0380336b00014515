import { usePhoneSettings, useQueue, useSession, useStatus } from '../../app/stores-context.tsx';
import { useNow } from '../../app/use-now.ts';
import { MyStatusSelect } from './MyStatusSelect.tsx';
import { StatusBar } from './StatusBar.tsx';

export function StatusBarContainer() {
  const connection = useStatus((s) => s.connection);
  const status = useStatus((s) => s.status);
  const agent = useSession((s) => s.session?.agent ?? null);
  const logout = useSession((s) => s.logout);
  const dnd = usePhoneSettings((s) => s.settings?.do_not_disturb ?? false);
  // The queue's live view of this agent is the freshest (wrap-up ends, offers); the session's otherwise.
  const live = useQueue((s) => (agent ? s.agents[agent.id] : undefined));
  const setStatus = useQueue((s) => s.setStatus);
  if (!agent) return null;
  const current = live ?? { status: agent.status, status_reason: agent.status_reason, wrap_up_until: agent.wrap_up_until };
  return (
    <StatusBar
      connection={connection}
      sip={status?.sip ?? null}
      ai={status ? { state: status.ai.state, detail: status.ai.detail } : null}
      offline={status?.offline ?? false}
      dnd={dnd}
      agent={{ name: agent.name, role: agent.role, status: current.status }}
      statusControl={
        <MyStatusControl status={current.status} reason={current.status_reason} wrapUpUntil={current.wrap_up_until} role={agent.role} onChange={(s, r) => void setStatus(s, r)} />
      }
      onLogout={() => void logout()}
    />
  );
}

/** Ticks only in wrap-up, for its countdown. */
function MyStatusControl({ wrapUpUntil, ...props }: Omit<Parameters<typeof MyStatusSelect>[0], 'wrapUpLeft'> & { wrapUpUntil: string | null }) {
  return wrapUpUntil === null ? <MyStatusSelect {...props} wrapUpLeft={null} /> : <WrapUpTicker {...props} wrapUpUntil={wrapUpUntil} />;
}

function WrapUpTicker({ wrapUpUntil, ...props }: Omit<Parameters<typeof MyStatusSelect>[0], 'wrapUpLeft'> & { wrapUpUntil: string }) {
  const now = useNow();
  return <MyStatusSelect {...props} wrapUpLeft={Math.max(0, Math.ceil((Date.parse(wrapUpUntil) - now) / 1000))} />;
}
