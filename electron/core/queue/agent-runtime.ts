import type { LineState } from '../../../shared/sip/line-state.ts';

/** What the queue knows of an agent beyond its row: consoles, live lines, timers. Never stored. */
export interface AgentRuntime {
  /** Consoles attached (browser tabs, Electron windows). */
  consoles: number;
  /** Live (not ended) lines of the agent's seat, by line id. */
  lines: Map<string, LineState>;
  /** A call was answered (or an entry accepted) since the agent last had no calls: wrap-up follows. */
  handled: boolean;
  /** Signs the agent out when no console comes back in time. */
  graceTimer: NodeJS.Timeout | null;
  /** Ends wrap-up. */
  wrapTimer: NodeJS.Timeout | null;
}

const keyOf = (tenantId: string, agentId: number) => `${tenantId}/${agentId}`;

/** Runtimes by tenant and agent, created on first use. */
export class AgentRuntimes {
  private readonly map = new Map<string, AgentRuntime>();

  of(tenantId: string, agentId: number): AgentRuntime {
    const k = keyOf(tenantId, agentId);
    let rt = this.map.get(k);
    if (!rt) {
      rt = { consoles: 0, lines: new Map(), handled: false, graceTimer: null, wrapTimer: null };
      this.map.set(k, rt);
    }
    return rt;
  }

  peek(tenantId: string, agentId: number): AgentRuntime | undefined {
    return this.map.get(keyOf(tenantId, agentId));
  }

  delete(tenantId: string, agentId: number): void {
    const rt = this.map.get(keyOf(tenantId, agentId));
    if (rt) clearTimers(rt);
    this.map.delete(keyOf(tenantId, agentId));
  }

  clear(): void {
    for (const rt of this.map.values()) clearTimers(rt);
    this.map.clear();
  }
}

export function clearTimers(rt: AgentRuntime): void {
  if (rt.graceTimer) clearTimeout(rt.graceTimer);
  if (rt.wrapTimer) clearTimeout(rt.wrapTimer);
  rt.graceTimer = null;
  rt.wrapTimer = null;
}
