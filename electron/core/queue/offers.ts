import type { Agent } from '../../../shared/domain/agent.ts';
import type { QueueEntry, QueuePass } from '../../../shared/domain/queue.ts';
import { CoreError, notFound } from '../errors.ts';
import type { Store } from '../store/store.ts';
import type { AgentTracker } from './agent-tracker.ts';
import type { OpenEntries } from './open-entries.ts';
import { needsSeat, planConnect, type ConnectDeps } from './queue-connect.ts';
import type { QueueSettingsStore } from './queue-settings.ts';
import { canTakeOffers, nextReofferAt, planOffers, type RoutableEntry } from './routing.ts';

export interface OffersDeps {
  connect: ConnectDeps;
  store: Store;
  entries: OpenEntries;
  settings: QueueSettingsStore;
  agents: () => AgentTracker;
  now: () => number;
  safely(what: string, fn: () => void): void;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Offers: routing runs (coalesced per tenant) and offers waiting entries to agents (routing.ts
 * decides whom); an offer lasts the tenant's offer timeout, and goes back to the queue when
 * declined, unanswered, or when its agent can no longer take it.
 */
export class Offers {
  private readonly d: OffersDeps;
  private readonly timers = new Map<number, NodeJS.Timeout>();
  private readonly reofferTimers = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  private readonly routing = new Set<string>();
  /**
   * Offers made before a restart, kept for agents who have not reconnected yet: a console that
   * comes back within the offer's time sees the same offer; when it runs out first, the call
   * goes to someone else without counting as the agent's miss.
   */
  private readonly held = new Set<number>();

  constructor(deps: OffersDeps) {
    this.d = deps;
  }

  /** After a (re)start: offers still in time are kept for their agents; the others go back to the queue. */
  restore(t: string): void {
    const now = this.d.now();
    for (const entry of this.d.entries.of(t).values()) {
      if (entry.state !== 'offered') continue;
      const left = Date.parse(entry.offer_expires_at ?? '') - now;
      if (!(left > 0) || entry.offered_agent_id === null) {
        this.withdraw(entry, null);
        continue;
      }
      this.held.add(entry.id);
      this.arm(t, entry.id, entry.offered_agent_id, left);
    }
    this.schedule(t);
  }

  stop(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const { timer } of this.reofferTimers.values()) clearTimeout(timer);
    this.timers.clear();
    this.reofferTimers.clear();
    this.held.clear();
  }

  /** Runs routing for the tenant once, after the current task (many changes, one pass). */
  schedule(t: string): void {
    if (this.routing.has(t)) return;
    this.routing.add(t);
    queueMicrotask(() => {
      this.routing.delete(t);
      this.d.safely(`routing for ${t}`, () => this.route(t));
    });
  }

  /** An offered entry goes back to waiting; `pass` records that the agent let it go (null: the agent did nothing wrong). */
  withdraw(entry: QueueEntry, pass: QueuePass | null): QueueEntry {
    this.clear(entry.id);
    const agentId = entry.offered_agent_id;
    const after = this.d.entries.save(entry, {
      state: 'waiting',
      offered_agent_id: null,
      offered_at: null,
      offer_expires_at: null,
      ...(pass ? { passes: [...entry.passes, pass] } : {}),
    });
    if (agentId !== null) this.d.agents().publish(entry.tenant_id, agentId);
    this.schedule(entry.tenant_id);
    return after;
  }

  withdrawOf(t: string, agentId: number): void {
    for (const e of this.d.entries.of(t).values()) if (e.state === 'offered' && e.offered_agent_id === agentId) this.withdraw(e, null);
  }

  /** An agent who can no longer take the call offered to it (went away, signed out, seat dropped, line full) loses the offer. */
  reconcile(agent: Agent): void {
    const entry = this.d.entries.offeredTo(agent.tenant_id, agent.id);
    if (!entry) return;
    const agents = this.d.agents();
    if (this.held.has(entry.id)) {
      if (!agents.hasConsole(agent.tenant_id, agent.id)) return;
      this.held.delete(entry.id);
    }
    const live = { ...agents.liveState(agent), offered_entry_id: null };
    const seatOk = !needsSeat(planConnect(this.d.connect, entry)) || live.presence === 'ready';
    if (!canTakeOffers(live) || !seatOk) this.withdraw(entry, null);
  }

  /** The entry offered to this agent, or a 409/404 saying why not. */
  require(t: string, agentId: number, id: number): QueueEntry {
    const entry = this.d.entries.of(t).get(id);
    if (!entry) {
      if (this.d.store.queueEntries.get(t, id)) throw new CoreError(409, 'offer_gone', `queue entry ${id} has left the queue`);
      throw notFound(`queue entry ${id}`);
    }
    if (entry.state !== 'offered' || entry.offered_agent_id !== agentId) throw new CoreError(409, 'offer_gone', `queue entry ${id} is not offered to you (any more)`);
    return entry;
  }

  /** The offer is over (accepted, withdrawn, or the entry left the queue). */
  clear(entryId: number): void {
    const timer = this.timers.get(entryId);
    if (timer) clearTimeout(timer);
    this.timers.delete(entryId);
    this.held.delete(entryId);
  }

  private route(t: string): void {
    const now = this.d.now();
    const reofferMs = this.d.settings.of(t).reoffer_after_seconds * 1000;
    const entries: RoutableEntry[] = [...this.d.entries.of(t).values()].map((e) => ({ ...e, needs_seat: e.state === 'waiting' && needsSeat(planConnect(this.d.connect, e)) }));
    for (const offer of planOffers(entries, this.d.agents().liveStates(t), now, reofferMs)) this.make(t, offer.entry_id, offer.agent_id, now);
    this.scheduleReoffer(t, nextReofferAt(entries, now, reofferMs));
  }

  private make(t: string, entryId: number, agentId: number, now: number): void {
    const entry = this.d.entries.of(t).get(entryId);
    if (!entry || entry.state !== 'waiting') return;
    const timeoutMs = this.d.settings.of(t).offer_timeout_seconds * 1000;
    this.d.entries.save(entry, { state: 'offered', offered_agent_id: agentId, offered_at: iso(now), offer_expires_at: iso(now + timeoutMs) });
    this.arm(t, entryId, agentId, timeoutMs);
    this.d.agents().publish(t, agentId);
  }

  private arm(t: string, entryId: number, agentId: number, ms: number): void {
    this.timers.set(entryId, setTimeout(() => this.d.safely('expiring an offer', () => this.expire(t, entryId, agentId)), ms).unref());
  }

  private expire(t: string, entryId: number, agentId: number): void {
    this.timers.delete(entryId);
    const entry = this.d.entries.of(t).get(entryId);
    if (!entry || entry.state !== 'offered' || entry.offered_agent_id !== agentId) return;
    if (this.held.has(entryId)) {
      // Its agent never came back after the restart: not a miss.
      this.withdraw(entry, null);
      return;
    }
    this.withdraw(entry, { agent_id: agentId, at: iso(this.d.now()), reason: 'timeout' });
    this.d.agents().missedOffer(t, agentId);
  }

  private scheduleReoffer(t: string, at: number | null): void {
    const existing = this.reofferTimers.get(t);
    if (existing && (at === null || existing.at !== at)) {
      clearTimeout(existing.timer);
      this.reofferTimers.delete(t);
    }
    if (at === null || this.reofferTimers.has(t)) return;
    const timer = setTimeout(() => {
      this.reofferTimers.delete(t);
      this.schedule(t);
    }, Math.max(0, at - this.d.now())).unref();
    this.reofferTimers.set(t, { at, timer });
  }
}
