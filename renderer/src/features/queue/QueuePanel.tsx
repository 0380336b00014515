// The Queue view's container: the wallboard from the queue, agents and live calls stores.
import { useEffect, useMemo } from 'react';
import { useAgents, useCalls, useQueue, useSession } from '../../app/stores-context.tsx';
import { useNow } from '../../app/use-now.ts';
import type { AgentStatusControl } from './AgentStatusActions.tsx';
import { useWallMode } from './use-wall-mode.ts';
import { Wallboard } from './Wallboard.tsx';
import { wallboard } from './wallboard-model.ts';

export function QueuePanel() {
  const entries = useQueue((s) => s.entries);
  const agents = useQueue((s) => s.agents);
  const stats = useQueue((s) => s.stats);
  const loaded = useQueue((s) => s.loaded);
  const error = useQueue((s) => s.error);
  const load = useQueue((s) => s.load);
  const people = useAgents((s) => s.agents);
  const liveCalls = useCalls((s) => s.live.calls);
  const liveLoaded = useCalls((s) => s.live.loaded);
  const loadLive = useCalls((s) => s.loadLive);
  const now = useNow();
  const role = useSession((s) => s.session?.agent.role);
  const agentBusy = useQueue((s) => s.agentBusy);
  const agentErrors = useQueue((s) => s.agentErrors);
  const setStatusOf = useQueue((s) => s.setStatusOf);
  const dismissAgentError = useQueue((s) => s.dismissAgentError);
  const [wallMode, setWallMode] = useWallMode();

  useEffect(() => {
    if (!loaded) void load();
  }, [loaded, load]);
  useEffect(() => {
    if (!liveLoaded) void loadLive();
  }, [liveLoaded, loadLive]);

  const model = useMemo(() => wallboard({ entries, agents, people, stats, liveCalls, now }), [entries, agents, people, stats, liveCalls, now]);
  // Supervisors and admins set others' statuses; the core checks the role again.
  const supervises = role === 'supervisor' || role === 'admin';
  const agentControl = useMemo<AgentStatusControl | null>(
    () => (supervises ? { busy: agentBusy, errors: agentErrors, onSet: setStatusOf, onDismiss: dismissAgentError } : null),
    [supervises, agentBusy, agentErrors, setStatusOf, dismissAgentError],
  );
  return <Wallboard model={model} loaded={loaded} error={error} wallMode={wallMode} onWallMode={setWallMode} agentControl={agentControl} />;
}
