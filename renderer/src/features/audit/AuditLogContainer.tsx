import './audit.css';
import { useCallback, useEffect } from 'react';
import { useAgents, useAudit, useSession } from '../../app/stores-context.tsx';
import { AuditLogCard } from './AuditLogCard.tsx';

/** The audit log for admins; nobody else sees the card (the core refuses them too). */
export function AuditLogContainer() {
  const isAdmin = useSession((s) => s.session?.agent.role === 'admin');
  const audit = useAudit((s) => s);
  const agents = useAgents((s) => s.agents);
  const load = audit.load;
  useEffect(() => {
    if (isAdmin) void load();
  }, [isAdmin, load]);
  const agentName = useCallback((id: number) => agents.find((a) => a.id === id)?.name ?? null, [agents]);
  if (!isAdmin) return null;
  return (
    <AuditLogCard
      entries={audit.entries}
      more={audit.more}
      family={audit.family}
      loading={audit.loading}
      error={audit.error}
      agentName={agentName}
      onFamily={(f) => void audit.load(f)}
      onRefresh={() => void audit.load()}
      onMore={() => void audit.loadMore()}
    />
  );
}
