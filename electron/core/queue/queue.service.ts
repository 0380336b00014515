import type { EventEnvelope } from '../../../shared/contracts/domain-events.ts';
import type { Agent, AgentStatus } from '../../../shared/domain/agent.ts';
import { FINAL_CALL_STATUSES, type Call, type CallEvent } from '../../../shared/domain/call.ts';
import {
  DEFAULT_PRIORITY,
  PRIORITY_NAMES,
  type AgentLiveState,
  type PriorityName,
  type QueueEntry,
  type QueueEntryState,
  type QueueSettings,
  type QueueSnapshot,
  type QueueStats,
} from '../../../shared/domain/queue.ts';
import { isWaiting } from '../../../shared/queue/queue-order.ts';
import { estimateWaits, type WaitEstimate } from '../../../shared/queue/wait-estimate.ts';
import { isMonitorLeg } from '../../../shared/sip/line-monitor.ts';
import type { LineState } from '../../../shared/sip/line-state.ts';
import { badRequest, conflict, CoreError, notFound, storeWrite } from '../errors.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { AuditLog } from '../services/audit-log.service.ts';
import { AgentTracker } from './agent-tracker.ts';
import { connect, needsSeat, planConnect, type ConnectDeps } from './queue-connect.ts';
import { QueueFigures } from './queue-figures.ts';
import { QueueSettingsStore } from './queue-settings.ts';
import { RECENT_CALLS_FOR_HANDLE_TIME } from './queue-stats.ts';
import { OpenEntries } from './open-entries.ts';
import { Offers } from './offers.ts';

export { PRESENCE_GRACE_MS } from './agent-tracker.ts';

export interface QueueServiceDeps extends ConnectDeps {
  bus: EventBus;
  auditLog: AuditLog;
  log(line: string): void;
  /** Milliseconds since the epoch; tests may pin it. */
  clock?: () => number;
}

export interface EnqueueInput {
  kind?: 'inbound' | 'callback';
  call_id?: number;
  call_sid?: string;
  from_number?: string;
  to_number?: string;
  priority?: number | PriorityName;
  required_skills?: string[];
  metadata?: Record<string, unknown>;
}

const iso = (ms: number): string => new Date(ms).toISOString();
const priorityOf = (p: number | PriorityName | undefined): number => (p === undefined ? DEFAULT_PRIORITY : typeof p === 'string' ? PRIORITY_NAMES[p] : p);

/**
 * The queue (DESIGN §6): calls waiting for a person and what enqueueing, accepting, declining
 * and removing one does. Entries live in the store (they survive a restart; OpenEntries keeps
 * the open ones at hand); offers are made by Offers, agents followed by the AgentTracker,
 * today's figures kept by QueueFigures. Every change is published (`queue.entry`,
 * `agent.status`, `queue.stats`), and routing runs again, coalesced, after anything that could
 * let an offer be made.
 */
export class QueueService {
  readonly settings: QueueSettingsStore;
  private readonly d: QueueServiceDeps;
  private readonly now: () => number;
  private readonly entries: OpenEntries;
  private readonly offers: Offers;
  private readonly agents: AgentTracker;
  private readonly figures: QueueFigures;
  private readonly unsubscribe: () => void;

  constructor(deps: QueueServiceDeps) {
    this.d = deps;
    this.now = deps.clock ?? Date.now;
    this.settings = new QueueSettingsStore(deps.store);
    const safely = (what: string, fn: () => void) => this.safely(what, fn);
    this.entries = new OpenEntries(deps);
    this.offers = new Offers({ connect: deps, store: deps.store, entries: this.entries, settings: this.settings, agents: () => this.agents, now: this.now, safely });
    this.figures = new QueueFigures({ store: deps.store, bus: deps.bus, settings: this.settings, now: this.now, safely });
    this.agents = new AgentTracker(
      { store: deps.store, bus: deps.bus, seats: deps.seats, settings: this.settings, now: this.now, safely },
      {
        openEntries: (t) => this.entries.of(t).values(),
        reconcileOffer: (agent) => this.offers.reconcile(agent),
        withdrawOfferOf: (t, agentId) => this.offers.withdrawOf(t, agentId),
        scheduleRoute: (t) => this.offers.schedule(t),
      },
    );
    this.unsubscribe = deps.bus.subscribe((env) => this.onEvent(env));
  }

  /**
   * After a (re)start: agents who were signed in get the grace period to come back, offers
   * still in time wait for them (Offers.restore), wrap-ups resume, routing runs.
   */
  start(): void {
    for (const tenant of this.d.store.tenants.list()) {
      for (const agent of this.d.store.agents.list(tenant.id)) this.agents.restore(agent);
      this.offers.restore(tenant.id);
    }
    this.figures.start();
  }

  stop(): void {
    this.unsubscribe();
    this.figures.stop();
    this.agents.stop();
    this.offers.stop();
  }

  // ---------- reading ----------

  snapshot(tenantId: string): QueueSnapshot {
    return { entries: [...this.entries.of(tenantId).values()], agents: this.liveStates(tenantId), stats: this.stats(tenantId), settings: this.settings.of(tenantId) };
  }

  liveStates(tenantId: string): AgentLiveState[] {
    return this.agents.liveStates(tenantId);
  }

  /** Calls the agent is on now: seat lines, or accepted entries still being connected. */
  callCount(tenantId: string, agentId: number): number {
    return this.agents.activeCalls(tenantId, agentId);
  }

  stats(tenantId: string): QueueStats {
    return this.figures.of(tenantId);
  }

  entry(tenantId: string, id: number): QueueEntry {
    const entry = this.entries.of(tenantId).get(id) ?? this.d.store.queueEntries.get(tenantId, id);
    if (!entry) throw notFound(`queue entry ${id}`);
    return entry;
  }

  list(tenantId: string, opts: { state?: QueueEntryState; limit: number; offset: number }): { items: QueueEntry[]; total: number } {
    return this.d.store.queueEntries.list(tenantId, opts);
  }

  /** Position and estimated wait of an entry; position 0 and wait 0 once it no longer waits. */
  estimate(tenantId: string, id: number): { entry: QueueEntry; estimate: WaitEstimate } {
    const entry = this.entry(tenantId, id);
    if (!isWaiting(entry)) return { entry, estimate: { position: 0, wait_seconds: 0 } };
    return { entry, estimate: this.estimates(tenantId).get(id) ?? { position: 0, wait_seconds: null } };
  }

  estimates(tenantId: string): Map<number, WaitEstimate> {
    const handle = this.d.store.callMetrics.recentHandleSeconds(tenantId, RECENT_CALLS_FOR_HANDLE_TIME);
    return estimateWaits([...this.entries.of(tenantId).values()], this.liveStates(tenantId), handle);
  }

  // ---------- agents ----------

  /** See AgentTracker.consoleAttached: presence for the queue, and the agent signed in. */
  consoleAttached(agent: Pick<Agent, 'tenant_id' | 'id'>): () => void {
    return this.agents.consoleAttached(agent);
  }

  signedOut(tenantId: string, agentId: number, actor: string): void {
    this.agents.signedOut(tenantId, agentId, actor);
  }

  /**
   * A status chosen by the agent, a supervisor or the API. `reason` only with `away` (default
   * `other`). Anyone's but the agent's own choice is audited.
   */
  setStatus(tenantId: string, agentId: number, status: AgentStatus, reason: string | null, actor: string): AgentLiveState {
    const live = this.agents.setStatus(tenantId, agentId, status, reason, actor);
    if (actor !== `agent:${agentId}`) {
      this.d.auditLog.record(tenantId, { actor, action: 'agent.status', subject: `agent:${agentId}`, data: { status: live.status, reason: live.status_reason } });
    }
    return live;
  }

  // ---------- entries ----------

  enqueue(tenantId: string, input: EnqueueInput, actor: string): QueueEntry {
    const kind = input.kind ?? 'inbound';
    let call: Call | null = null;
    if (input.call_id !== undefined || input.call_sid !== undefined) {
      if (kind === 'callback') throw badRequest('a callback is a new call: give to_number, not a call');
      call = input.call_id !== undefined ? this.d.store.calls.get(tenantId, input.call_id) : this.d.store.calls.getBySid(tenantId, input.call_sid!);
      if (!call) throw notFound(input.call_id !== undefined ? `call ${input.call_id}` : `call ${input.call_sid}`);
      if (input.call_id !== undefined && input.call_sid !== undefined && call.sid !== input.call_sid) throw badRequest('call_id and call_sid name different calls');
      if (FINAL_CALL_STATUSES.includes(call.status)) throw new CoreError(409, 'call_ended', `call ${call.id} has ended (${call.status})`);
      if (this.entries.byCall(tenantId, call.id)) throw conflict(`call ${call.id} is already in the queue`);
    }
    const from = input.from_number ?? call?.from_number;
    const to = input.to_number ?? call?.to_number;
    if (!from && kind === 'inbound') throw badRequest('from_number is required (the caller) when no call is given');
    if (!to) throw badRequest(kind === 'callback' ? 'to_number is required: the number to call back' : 'to_number is required (the number called) when no call is given');
    const metadata = input.metadata ?? {};
    if (kind === 'inbound' && call === null) {
      // An inbound call the PBX or an integrator holds: a call record of our own lets the live
      // board show it and lets the integrator end it (PATCH status) when the caller hangs up.
      call = this.d.calls.create(tenantId, { direction: 'inbound', from_number: from!, to_number: to, status: 'queued', handled_by: 'queue', metadata }, actor);
    } else if (call && call.handled_by !== 'queue') {
      call = this.d.calls.update(tenantId, call.id, { handled_by: 'queue' }, actor);
    }
    const entry = storeWrite(() =>
      this.d.store.queueEntries.create(tenantId, {
        kind,
        call_id: call?.id ?? null,
        from_number: from ?? '',
        to_number: to,
        priority: priorityOf(input.priority),
        required_skills: [...new Set(input.required_skills ?? [])],
        metadata,
      }),
    );
    return this.added(entry, actor);
  }

  /**
   * Takes an entry out of the queue: `removed` while it waits, `completed` once assigned. A
   * call record still `queued` (the queue's own, never connected here) ends with it.
   */
  remove(tenantId: string, id: number, actor: string): QueueEntry {
    const entry = this.entries.of(tenantId).get(id);
    if (!entry) {
      if (this.d.store.queueEntries.get(tenantId, id)) throw conflict(`queue entry ${id} has already left the queue`);
      throw notFound(`queue entry ${id}`);
    }
    const assigned = entry.state === 'assigned';
    const after = assigned ? this.finish(entry, 'completed', `closed by ${actor}`) : this.finish(entry, 'removed', `removed by ${actor}`);
    const call = entry.call_id === null ? null : this.d.store.calls.get(tenantId, entry.call_id);
    if (call?.status === 'queued') {
      this.d.calls.update(tenantId, call.id, { status: assigned ? 'completed' : 'canceled', ended_at: iso(this.now()), end_reason: after.end_reason }, actor);
    }
    return after;
  }

  decline(tenantId: string, agentId: number, id: number, actor: string): QueueEntry {
    const entry = this.offers.require(tenantId, agentId, id);
    const after = this.offers.withdraw(entry, { agent_id: agentId, at: iso(this.now()), reason: 'declined' });
    if (entry.call_id !== null) this.d.calls.appendEvent(tenantId, entry.call_id, 'queue.declined', actor, { entry_id: id, agent_id: agentId });
    return after;
  }

  /**
   * The agent takes the offered entry: it is assigned at once (so the caller's leg ending
   * during a transfer completes it rather than abandoning it), then connected. If connecting
   * fails the entry goes back to the queue and the error goes to the agent.
   */
  async accept(tenantId: string, agentId: number, id: number, actor: string): Promise<QueueEntry> {
    const offered = this.offers.require(tenantId, agentId, id);
    const agent = this.d.store.agents.get(tenantId, agentId) as Agent;
    const plan = planConnect(this.d, offered);
    if (needsSeat(plan) && this.agents.presenceOf(agent) !== 'ready') {
      throw new CoreError(409, 'seat_not_ready', 'this call needs your softphone: wait until it is registered, then accept');
    }
    this.offers.clear(id);
    const now = iso(this.now());
    const assigned = this.entries.save(offered, { state: 'assigned', assigned_agent_id: agentId, assigned_at: now, connect_mode: plan.mode, offer_expires_at: null });
    this.agents.handled(tenantId, agentId);
    if (assigned.call_id !== null) {
      this.d.calls.appendEvent(tenantId, assigned.call_id, 'queue.assigned', actor, {
        entry_id: id,
        agent_id: agentId,
        connect_mode: plan.mode,
        waited_s: (Date.parse(now) - Date.parse(assigned.enqueued_at)) / 1000,
      });
    }
    this.agents.callsChanged(tenantId, agentId);
    this.figures.schedule(tenantId);
    try {
      const { call_id } = await connect(this.d, assigned, plan, agent, actor);
      const current = this.entries.of(tenantId).get(id);
      if (current && call_id !== null && call_id !== current.call_id) {
        const linked = this.entries.save(current, { call_id });
        // The new call may already be over (refused at once): then so is the entry.
        const call = this.d.store.calls.get(tenantId, call_id);
        if (call && FINAL_CALL_STATUSES.includes(call.status)) return this.finish(linked, 'completed', `call ${call.status}`);
        return linked;
      }
      return current ?? this.entry(tenantId, id);
    } catch (err) {
      const current = this.entries.of(tenantId).get(id);
      if (current?.state === 'assigned') this.unassign(current, (err as Error).message);
      throw err;
    }
  }

  updateSettings(tenantId: string, patch: Partial<QueueSettings>, actor: string): QueueSettings {
    const settings = this.settings.update(tenantId, patch);
    this.d.auditLog.settingsChanged(tenantId, actor, 'queue.settings', patch, []);
    this.d.bus.publish(tenantId, { type: 'queue.settings', settings });
    this.figures.schedule(tenantId);
    this.offers.schedule(tenantId);
    return settings;
  }

  // ---------- events ----------

  private onEvent({ tenant_id: t, event: e }: EventEnvelope): void {
    if (t === null) return;
    switch (e.type) {
      case 'line.updated':
        this.onLine(t, e.agent_id, e.line);
        return;
      case 'call.created':
        this.figures.schedule(t);
        return;
      case 'call.updated':
        this.onCall(t, e.call);
        return;
      case 'call.event':
        if (e.event.type === 'ai.handoff') this.onHandoff(t, e.event);
        return;
      case 'agent.created':
      case 'agent.updated':
        this.agents.agentChanged(e.agent);
        return;
      case 'agent.deleted':
        this.offers.withdrawOf(t, e.agent_id);
        this.agents.forget(t, e.agent_id);
        this.offers.schedule(t);
        return;
      case 'status.changed':
        // A seat registered or dropped: presence (ready or not) may have changed.
        for (const a of this.d.store.agents.list(t)) {
          if (this.agents.hasConsole(t, a.id)) this.offers.reconcile(a);
          this.agents.publish(t, a.id);
        }
        this.offers.schedule(t);
        return;
      default:
        return;
    }
  }

  private onLine(t: string, agentId: number, line: LineState): void {
    // A supervisor's monitor leg is not a call the agent handles: it neither busies nor wraps up.
    if (isMonitorLeg(line)) return;
    const before = this.agents.lineChanged(t, agentId, line);
    // A call parked on a queue seat that did not go to its agent (REFER refused): back to the queue.
    if (before?.state === 'transferring' && (line.state === 'talking' || line.state === 'on-hold' || line.state === 'remote-hold')) {
      const entry = [...this.entries.of(t).values()].find((e) => e.state === 'assigned' && e.connect_mode === 'refer' && e.call_sid === line.call_sid);
      if (entry) this.unassign(entry, 'the transfer to the agent was refused');
    }
  }

  private onCall(t: string, call: Call): void {
    this.figures.schedule(t);
    if (!FINAL_CALL_STATUSES.includes(call.status)) return;
    const entry = this.entries.byCall(t, call.id);
    if (!entry) return;
    if (entry.state === 'assigned') this.finish(entry, 'completed', `call ${call.status}`);
    else this.finish(entry, 'abandoned', `the caller hung up while waiting (${call.status})`);
  }

  /** The AI asked for a person (transfer_to_human without a target): the call waits in the queue. */
  private onHandoff(t: string, event: CallEvent): void {
    if (this.entries.byCall(t, event.call_id)) return;
    const call = this.d.store.calls.get(t, event.call_id);
    if (!call || FINAL_CALL_STATUSES.includes(call.status)) return;
    const reason = typeof event.data.reason === 'string' ? event.data.reason : null;
    const entry = storeWrite(() =>
      this.d.store.queueEntries.create(t, {
        kind: 'ai_handoff',
        call_id: call.id,
        from_number: call.from_number,
        to_number: call.to_number,
        priority: DEFAULT_PRIORITY,
        required_skills: [],
        metadata: reason ? { reason } : {},
      }),
    );
    this.added(entry, event.actor);
  }

  // ---------- entry bookkeeping ----------

  private added(entry: QueueEntry, actor: string): QueueEntry {
    this.entries.added(entry);
    if (entry.call_id !== null) {
      this.d.calls.appendEvent(entry.tenant_id, entry.call_id, 'queue.enqueued', actor, { entry_id: entry.id, kind: entry.kind, priority: entry.priority, required_skills: entry.required_skills });
    }
    this.offers.schedule(entry.tenant_id);
    this.figures.schedule(entry.tenant_id);
    return entry;
  }

  /** The entry leaves the queue. */
  private finish(entry: QueueEntry, state: Extract<QueueEntryState, 'completed' | 'abandoned' | 'removed'>, reason: string): QueueEntry {
    this.offers.clear(entry.id);
    const wasOffered = entry.state === 'offered';
    const after = this.entries.save(entry, { state, ended_at: iso(this.now()), end_reason: reason, offered_agent_id: wasOffered ? null : entry.offered_agent_id, offer_expires_at: null });
    if (wasOffered && entry.offered_agent_id !== null) this.agents.publish(entry.tenant_id, entry.offered_agent_id);
    if (entry.assigned_agent_id !== null) this.agents.callsChanged(entry.tenant_id, entry.assigned_agent_id);
    this.figures.schedule(entry.tenant_id);
    this.offers.schedule(entry.tenant_id);
    return after;
  }

  /** An accepted entry that could not be connected waits again (its agent is not asked again soon). */
  private unassign(entry: QueueEntry, why: string): void {
    const agentId = entry.assigned_agent_id;
    this.d.log(`queue entry ${entry.id}: connecting it to agent ${agentId} failed: ${why}`);
    this.entries.save(entry, {
      state: 'waiting',
      assigned_agent_id: null,
      assigned_at: null,
      connect_mode: null,
      offered_agent_id: null,
      offered_at: null,
      passes: agentId !== null ? [...entry.passes, { agent_id: agentId, at: iso(this.now()), reason: 'failed' }] : entry.passes,
    });
    if (agentId !== null) {
      this.agents.notHandled(entry.tenant_id, agentId);
      this.agents.callsChanged(entry.tenant_id, agentId);
    }
    this.figures.schedule(entry.tenant_id);
    this.offers.schedule(entry.tenant_id);
  }

  /** Work a timer runs: a failure is logged, never thrown into the event loop. */
  private safely(what: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.d.log(`queue: ${what} failed: ${(err as Error).message}`);
    }
  }
}

/** At work: signed in and taking calls, on one, or wrapping one up (not away, not offline). */
export const isAtWork = (s: Pick<AgentLiveState, 'status' | 'presence'>): boolean =>
  s.presence !== 'offline' && (s.status === 'available' || s.status === 'busy' || s.status === 'wrap-up');
