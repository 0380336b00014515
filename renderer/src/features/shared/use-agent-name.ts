import { useCallback, useMemo } from 'react';
import { useAgents } from '../../app/stores-context.tsx';

/** Looks up an agent's display name by id from the agents store. */
export function useAgentName(): (id: number | null) => string | null {
  const agents = useAgents((s) => s.agents);
  const byId = useMemo(() => new Map(agents.map((a) => [a.id, a.name])), [agents]);
  return useCallback((id: number | null) => (id === null ? null : (byId.get(id) ?? null)), [byId]);
}
