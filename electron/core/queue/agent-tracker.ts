import { AWAY_REASONS, type Agent, type AgentStatus } from '../../../shared/domain/agent.ts';
import type { AgentLiveState, AgentPresence, QueueEntry } from '../../../shared/domain/queue.ts';
import type { LineState } from '../../../shared/sip/line-state.ts';
import { badRequest, notFound } from '../errors.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { SeatManager } from '../sip/seat-manager.ts';
import type { Store } from '../store/store.ts';
import { AgentRuntimes } from './agent-runtime.ts';
import { nextStatus, type AgentStatusInput } from './agent-state.ts';
import type { QueueSettingsStore } from './queue-settings.ts';

/** How long an agent stays signed in after its last console went away (a reload, a flaky network). */
export const PRESENCE_GRACE_MS = 20_000;

export interface AgentTrackerDeps {
  store: Store;
  bus: EventBus;
  seats: Pick<SeatManager, 'stateOf'>;
  settings: QueueSettingsStore;
  now(): number;
  /** Runs timer work; a failure is logged, never thrown into the event loop. */
  safely(what: string, fn: () => void): void;
}

/** What the tracker needs from the queue. */
export interface AgentTrackerQueue {
  /** A tenant's open entries: accepted ones count as calls, an offered one is shown. */
  openEntries(tenantId: string): Iterable<QueueEntry>;
  /** The agent may no longer be able to hold its offer: check, and withdraw it if so. */
  reconcileOffer(agent: Agent): void;
  /** The agent's offer goes back to the queue (it is not the agent's fault). */
  withdrawOfferOf(tenantId: string, agentId: number): void;
  scheduleRoute(tenantId: string): void;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Agents as the queue sees them: consoles attached (presence, with a grace period for
 * reloads), lines on their seats, and their status driven through the state machine
 * (agent-state.ts) — written with its history, timed (wrap-up) and published (`agent.updated`,
 * `agent.status`).
 */
export class AgentTracker {
  private readonly d: AgentTrackerDeps;
  private readonly queue: AgentTrackerQueue;
  private readonly runtimes = new AgentRuntimes();
  private readonly published = new Map<string, string>();

  constructor(deps: AgentTrackerDeps, queue: AgentTrackerQueue) {
    this.d = deps;
    this.queue = queue;
  }

  /** After a restart: agents who were signed in get the grace period to come back; wrap-ups resume. */
  restore(agent: Agent): void {
    if (agent.status !== 'offline') this.startGrace(agent.tenant_id, agent.id);
    this.syncWrapTimer(agent);
  }

  stop(): void {
    this.runtimes.clear();
  }

  /**
   * A console of `agent` is attached (its event stream is open). The first one signs the
   * agent in; the returned function detaches it, and the last one leaving starts the grace
   * period after which the agent is signed out.
   */
  consoleAttached(agent: Pick<Agent, 'tenant_id' | 'id'>): () => void {
    const { tenant_id: t, id } = agent;
    const rt = this.runtimes.of(t, id);
    rt.consoles++;
    if (rt.graceTimer) clearTimeout(rt.graceTimer);
    rt.graceTimer = null;
    if (rt.consoles === 1) {
      const current = this.d.store.agents.get(t, id);
      if (current) {
        this.apply(current, { type: 'signed-in', role: current.role, at: this.d.now() }, `agent:${id}`);
        // A status left over from before (busy with calls that are gone) settles now.
        this.callsChanged(t, id);
      }
    }
    this.publish(t, id);
    this.queue.scheduleRoute(t);
    let attached = true;
    return () => {
      if (!attached) return;
      attached = false;
      rt.consoles = Math.max(0, rt.consoles - 1);
      if (rt.consoles === 0) {
        this.queue.withdrawOfferOf(t, id);
        this.startGrace(t, id);
      }
      this.publish(t, id);
      this.queue.scheduleRoute(t);
    };
  }

  /** The agent signed out (or its grace ran out): offline, any offer goes to someone else. */
  signedOut(tenantId: string, agentId: number, actor: string): void {
    const agent = this.d.store.agents.get(tenantId, agentId);
    if (!agent) return;
    this.queue.withdrawOfferOf(tenantId, agentId);
    this.apply(agent, { type: 'signed-out', at: this.d.now() }, actor);
  }

  /** A status chosen by the agent, a supervisor or the API. `reason` only with `away` (default `other`). */
  setStatus(tenantId: string, agentId: number, status: AgentStatus, reason: string | null, actor: string): AgentLiveState {
    const agent = this.d.store.agents.get(tenantId, agentId);
    if (!agent) throw notFound(`agent ${agentId}`);
    if (reason !== null && status !== 'away') throw badRequest(`a reason goes with the away status only (not ${status})`);
    if (reason !== null && !(AWAY_REASONS as readonly string[]).includes(reason)) throw badRequest(`reason must be one of ${AWAY_REASONS.join(', ')}`);
    this.apply(agent, { type: 'set', status, reason, active: this.activeCalls(tenantId, agentId), at: this.d.now() }, actor);
    return this.liveState(this.d.store.agents.get(tenantId, agentId) as Agent);
  }

  /** A line of the agent's seat changed; returns the line's state before. */
  lineChanged(t: string, agentId: number, line: LineState): LineState | undefined {
    const rt = this.runtimes.of(t, agentId);
    const before = rt.lines.get(line.line_id);
    if (line.state === 'ended') rt.lines.delete(line.line_id);
    else rt.lines.set(line.line_id, line);
    if (line.answered_at !== null) rt.handled = true;
    // Only a line starting or ending changes what the agent is doing.
    if ((before !== undefined) !== (line.state !== 'ended')) this.callsChanged(t, agentId);
    return before;
  }

  /** The agent took a call from the queue: wrap-up follows it, whether or not a line of ours carried it. */
  handled(t: string, agentId: number): void {
    this.runtimes.of(t, agentId).handled = true;
  }

  /** An accepted call never reached the agent: without other calls, there is nothing to wrap up. */
  notHandled(t: string, agentId: number): void {
    const rt = this.runtimes.of(t, agentId);
    if (rt.lines.size === 0) rt.handled = false;
  }

  /** The agent let an offer time out: away (missed-offer), when the tenant wants that. */
  missedOffer(t: string, agentId: number): void {
    const agent = this.d.store.agents.get(t, agentId);
    if (!agent || !this.d.settings.of(t).away_on_missed_offer) return;
    this.apply(agent, { type: 'missed-offer', at: this.d.now() }, 'system');
    this.publish(t, agentId);
  }

  /** The agent's calls (lines or accepted entries) changed in number: busy, wrap-up or available. */
  callsChanged(t: string, agentId: number): void {
    const agent = this.d.store.agents.get(t, agentId);
    if (!agent) return;
    const rt = this.runtimes.of(t, agentId);
    const active = this.activeCalls(t, agentId);
    this.apply(agent, { type: 'calls', active, handled: rt.handled, at: this.d.now() }, 'system');
    if (active === 0) rt.handled = false;
    this.queue.reconcileOffer(this.d.store.agents.get(t, agentId) as Agent);
    this.publish(t, agentId);
  }

  /** The agent's row changed (by us or anyone): wrap-up timer, offer, live state. */
  agentChanged(agent: Agent): void {
    this.syncWrapTimer(agent);
    this.queue.reconcileOffer(agent);
    this.publish(agent.tenant_id, agent.id);
    this.queue.scheduleRoute(agent.tenant_id);
  }

  forget(t: string, agentId: number): void {
    this.runtimes.delete(t, agentId);
    this.published.delete(`${t}/${agentId}`);
  }

  hasConsole(t: string, agentId: number): boolean {
    return (this.runtimes.peek(t, agentId)?.consoles ?? 0) > 0;
  }

  liveStates(tenantId: string): AgentLiveState[] {
    return this.d.store.agents.list(tenantId).map((a) => this.liveState(a));
  }

  liveState(agent: Agent): AgentLiveState {
    let offered: number | null = null;
    for (const e of this.queue.openEntries(agent.tenant_id)) if (e.state === 'offered' && e.offered_agent_id === agent.id) offered = e.id;
    return {
      agent_id: agent.id,
      status: agent.status,
      status_reason: agent.status_reason,
      status_since: agent.status_since,
      wrap_up_until: agent.wrap_up_until,
      presence: this.presenceOf(agent),
      active_calls: this.activeCalls(agent.tenant_id, agent.id),
      max_concurrent_calls: agent.max_concurrent_calls,
      skills: agent.skills,
      offered_entry_id: offered,
    };
  }

  presenceOf(agent: Agent): AgentPresence {
    if (!this.hasConsole(agent.tenant_id, agent.id)) return 'offline';
    return agent.sip && this.d.seats.stateOf(agent).state === 'registered' ? 'ready' : 'signed-in';
  }

  /** Calls on the seat, or accepted entries still being connected, whichever is more. */
  activeCalls(t: string, agentId: number): number {
    const lines = this.runtimes.peek(t, agentId)?.lines.size ?? 0;
    let assigned = 0;
    for (const e of this.queue.openEntries(t)) if (e.state === 'assigned' && e.assigned_agent_id === agentId) assigned++;
    return Math.max(lines, assigned);
  }

  /** Publishes `agent.status` if the agent's live state changed since last said. */
  publish(t: string, agentId: number): void {
    const agent = this.d.store.agents.get(t, agentId);
    if (!agent) return;
    const state = this.liveState(agent);
    const text = JSON.stringify(state);
    const k = `${t}/${agentId}`;
    if (this.published.get(k) === text) return;
    this.published.set(k, text);
    this.d.bus.publish(t, { type: 'agent.status', state });
  }

  /** Feeds the state machine; writes (with history), timestamps and publishes the change it makes. */
  private apply(agent: Agent, input: AgentStatusInput, actor: string): Agent {
    const change = nextStatus(agent, input, this.d.settings.of(agent.tenant_id));
    if (!change) return agent;
    const after = this.d.store.agents.setStatus(agent.tenant_id, agent.id, { ...change, at: iso(input.at), actor, expect: agent.status });
    if (!after) return agent;
    this.d.bus.publish(agent.tenant_id, { type: 'agent.updated', agent: after });
    return after;
  }

  private syncWrapTimer(agent: Agent): void {
    const rt = this.runtimes.of(agent.tenant_id, agent.id);
    if (rt.wrapTimer) clearTimeout(rt.wrapTimer);
    rt.wrapTimer = null;
    if (agent.status !== 'wrap-up' || agent.wrap_up_until === null) return;
    const end = () => {
      rt.wrapTimer = null;
      const current = this.d.store.agents.get(agent.tenant_id, agent.id);
      if (current) this.apply(current, { type: 'wrap-up-ended', at: Math.max(this.d.now(), Date.parse(current.wrap_up_until ?? '')) }, 'system');
    };
    const delay = Date.parse(agent.wrap_up_until) - this.d.now();
    if (delay <= 0) queueMicrotask(() => this.d.safely('ending wrap-up', end));
    else rt.wrapTimer = setTimeout(() => this.d.safely('ending wrap-up', end), delay).unref();
  }

  private startGrace(t: string, agentId: number): void {
    const rt = this.runtimes.of(t, agentId);
    if (rt.graceTimer) clearTimeout(rt.graceTimer);
    rt.graceTimer = setTimeout(
      () =>
        this.d.safely('signing an agent out', () => {
          rt.graceTimer = null;
          if (rt.consoles === 0) this.signedOut(t, agentId, 'system');
        }),
      PRESENCE_GRACE_MS,
    ).unref();
  }
}
