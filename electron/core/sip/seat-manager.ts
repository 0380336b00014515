import type { Invitation } from 'sip.js';
import type { Agent } from '../../../shared/domain/agent.ts';
import { openSecret } from '../security/sealed-secrets.ts';
import type { SecretBox } from '../security/secret-box.ts';
import type { Store } from '../store/store.ts';
import { Seat, type SeatState } from './seat.ts';
import { installSipWebSocket } from './websocket-global.ts';

export interface SeatManagerOptions {
  store: Store;
  box: SecretBox;
  /** Called whenever a seat's registration changes. */
  onState(agent: Agent, state: SeatState): void;
  onInvite(agent: Agent, invitation: Invitation): void;
  log(line: string): void;
  /** How long a seat outlives its last console, so a reload does not drop the registration. */
  releaseGraceMs?: number;
}

interface Entry {
  seat: Seat | null;
  state: SeatState;
  consoles: number;
  releaseTimer: NodeJS.Timeout | null;
  /** The account the seat was built with; a change rebuilds it. */
  fingerprint: string;
}

const key = (agent: Agent) => `${agent.tenant_id}/${agent.id}`;
const fingerprintOf = (agent: Agent, sealed: string | null) => JSON.stringify([agent.sip, sealed]);

/**
 * A seat lives while a console of its agent is attached (browser tab or Electron window), plus
 * a short grace period, because media needs a renderer: no console, no registration.
 */
export class SeatManager {
  private readonly opts: SeatManagerOptions;
  private readonly entries = new Map<string, Entry>();

  constructor(opts: SeatManagerOptions) {
    this.opts = opts;
    installSipWebSocket();
  }

  /** A console of `agent` is attached; returns the matching detach. */
  attach(agent: Agent): () => void {
    const k = key(agent);
    const sealed = this.opts.store.agents.sealedSipPassword(agent.tenant_id, agent.id);
    let entry = this.entries.get(k);
    if (entry && entry.fingerprint !== fingerprintOf(agent, sealed)) {
      void entry.seat?.stop();
      entry.seat = null;
    }
    if (!entry) {
      entry = { seat: null, state: { state: 'unregistered', detail: null }, consoles: 0, releaseTimer: null, fingerprint: '' };
      this.entries.set(k, entry);
    }
    entry.consoles++;
    if (entry.releaseTimer) clearTimeout(entry.releaseTimer);
    entry.releaseTimer = null;
    if (!entry.seat) this.startSeat(agent, entry, sealed);
    let detached = false;
    return () => {
      if (detached) return;
      detached = true;
      this.detach(k);
    };
  }

  stateOf(agent: Pick<Agent, 'tenant_id' | 'id' | 'sip'>): SeatState {
    if (!agent.sip) return { state: 'no-account', detail: null };
    return this.entries.get(key(agent as Agent))?.state ?? { state: 'unregistered', detail: 'no console attached' };
  }

  seatOf(agent: Pick<Agent, 'tenant_id' | 'id'>): Seat | null {
    return this.entries.get(key(agent as Agent))?.seat ?? null;
  }

  async stopAll(): Promise<void> {
    const seats = [...this.entries.values()];
    this.entries.clear();
    for (const e of seats) if (e.releaseTimer) clearTimeout(e.releaseTimer);
    await Promise.all(seats.map((e) => e.seat?.stop()));
  }

  private startSeat(agent: Agent, entry: Entry, sealed: string | null): void {
    entry.fingerprint = fingerprintOf(agent, sealed);
    if (!agent.sip) return;
    const report = (s: SeatState) => {
      entry.state = s;
      this.opts.onState(agent, s);
    };
    if (!sealed) {
      report({ state: 'failed', detail: 'the SIP account has no password' });
      return;
    }
    let password: string;
    try {
      password = openSecret(this.opts.box, sealed);
    } catch (err) {
      report({ state: 'failed', detail: (err as Error).message });
      return;
    }
    entry.seat = new Seat({
      agent,
      sipPassword: password,
      onState: report,
      onInvite: (inv) => this.opts.onInvite(agent, inv),
      log: this.opts.log,
    });
    entry.seat.start();
  }

  private detach(k: string): void {
    const entry = this.entries.get(k);
    if (!entry) return;
    entry.consoles--;
    if (entry.consoles > 0) return;
    entry.releaseTimer = setTimeout(() => {
      this.entries.delete(k);
      void entry.seat?.stop();
    }, this.opts.releaseGraceMs ?? 15_000);
    entry.releaseTimer.unref();
  }
}
