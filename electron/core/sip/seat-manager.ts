import type { MediaReply } from '../../../shared/contracts/media-bridge.ts';
import type { PhoneSettings } from '../../../shared/contracts/phone-settings.ts';
import type { Agent } from '../../../shared/domain/agent.ts';
import type { LineState } from '../../../shared/sip/line-state.ts';
import { openSecret } from '../security/sealed-secrets.ts';
import type { SecretBox } from '../security/secret-box.ts';
import type { Store } from '../store/store.ts';
import type { AuditLog } from '../services/audit-log.service.ts';
import type { CallsService } from '../services/calls.service.ts';
import { MonitorAudit } from '../monitor/monitor-audit.ts';
import { MonitorGate } from '../monitor/monitor-gate.ts';
import { aorOf } from '../monitor/monitor-wire.ts';
import { refuseCall } from './refuse-call.ts';
import { LineManager } from './line-manager.ts';
import { LineRecorder } from './line-recorder.ts';
import { MediaRouter, type MediaSink } from './media-router.ts';
import { HeadlessMediaProvider } from './headless/headless-media.provider.ts';
import { RendererMediaProvider } from './renderer-media.provider.ts';
import { Seat, type SeatState } from './seat.ts';
import { installSipWebSocket } from './websocket-global.ts';

export interface SeatManagerOptions {
  store: Store;
  box: SecretBox;
  calls: CallsService;
  /** Where monitor calls to a seat are audited. */
  auditLog: AuditLog;
  /** The agent's own call handling (DND, auto-answer), read when its seat starts. */
  phoneSettingsOf(agent: Agent): PhoneSettings;
  /** Called whenever a seat's registration changes. */
  onState(agent: Agent, state: SeatState): void;
  onLine(agent: Agent, line: LineState): void;
  log(line: string): void;
  /** How long a seat outlives its last console, so a reload does not drop the registration. */
  releaseGraceMs?: number;
  /** Address headless seats send and receive RTP on (the PBX must reach it). */
  rtpAddress?: string;
  /** PEM of the CA that signed the PBX's certificate (wss:// with a self-signed office CA). */
  sipCa?: string;
  /** The tenant's office monitor secret (checks supervisors' monitor calls to a seat). */
  monitorSecret(tenantId: string): string;
}

interface Entry {
  seat: Seat | null;
  lines: LineManager | null;
  media: MediaRouter;
  state: SeatState;
  consoles: number;
  releaseTimer: NodeJS.Timeout | null;
  /** The account the seat was built with; a change rebuilds it. */
  fingerprint: string;
  /** Headless seats run without any console. */
  pinned: boolean;
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
    installSipWebSocket(opts.sipCa);
  }

  /** A console of `agent` is attached (holding the seat's audio when it brings a media sink); returns the matching detach. */
  attach(agent: Agent, mediaSink?: MediaSink): () => void {
    const k = key(agent);
    const sealed = this.opts.store.agents.sealedSipPassword(agent.tenant_id, agent.id);
    let entry = this.entries.get(k);
    if (entry && entry.fingerprint !== fingerprintOf(agent, sealed)) {
      void this.stopSeat(entry);
    }
    if (!entry) {
      entry = this.newEntry(k);
    }
    entry.consoles++;
    const removeSink = mediaSink ? entry.media.addEndpoint(mediaSink) : () => {};
    if (entry.releaseTimer) clearTimeout(entry.releaseTimer);
    entry.releaseTimer = null;
    if (!entry.seat) this.startSeat(agent, entry, sealed);
    let detached = false;
    return () => {
      if (detached) return;
      detached = true;
      removeSink();
      this.detach(k);
    };
  }

  /**
   * Headless seats (sip.media = headless) register as soon as the core runs and stay up; call
   * this when an agent is created, changed or deleted, and once at start for every agent.
   */
  syncHeadless(agent: Agent | null, removedKey?: { tenant_id: string; id: number }): void {
    const k = agent ? key(agent) : `${removedKey?.tenant_id}/${removedKey?.id}`;
    const entry = this.entries.get(k);
    const wantHeadless = agent?.sip?.media === 'headless';
    if (!wantHeadless) {
      if (entry?.pinned) {
        this.entries.delete(k);
        void this.stopSeat(entry);
      }
      return;
    }
    const sealed = this.opts.store.agents.sealedSipPassword(agent.tenant_id, agent.id);
    if (entry && entry.fingerprint === fingerprintOf(agent, sealed) && entry.seat) return;
    if (entry) void this.stopSeat(entry);
    const fresh = entry ?? this.newEntry(k);
    fresh.pinned = true;
    this.startSeat(agent, fresh, sealed);
  }

  stateOf(agent: Pick<Agent, 'tenant_id' | 'id' | 'sip'>): SeatState {
    if (!agent.sip) return { state: 'no-account', detail: null };
    return this.entries.get(key(agent as Agent))?.state ?? { state: 'unregistered', detail: 'no console attached' };
  }

  /** The agent's lines, for console requests; null when the seat is not running. */
  linesOf(agent: Pick<Agent, 'tenant_id' | 'id'>): LineManager | null {
    return this.entries.get(key(agent as Agent))?.lines ?? null;
  }

  mediaReply(agent: Pick<Agent, 'tenant_id' | 'id'>, reply: MediaReply): boolean {
    return this.entries.get(key(agent as Agent))?.media.reply(reply) ?? false;
  }

  async stopAll(): Promise<void> {
    const entries = [...this.entries.values()];
    this.entries.clear();
    for (const e of entries) if (e.releaseTimer) clearTimeout(e.releaseTimer);
    await Promise.all(entries.map((e) => this.stopSeat(e)));
  }

  private async stopSeat(entry: Entry): Promise<void> {
    const { seat, lines } = entry;
    entry.seat = null;
    entry.lines = null;
    await lines?.closeAll();
    await seat?.stop();
  }

  private newEntry(k: string): Entry {
    const entry: Entry = {
      seat: null,
      lines: null,
      media: new MediaRouter(),
      state: { state: 'unregistered', detail: null },
      consoles: 0,
      releaseTimer: null,
      fingerprint: '',
      pinned: false,
    };
    this.entries.set(k, entry);
    return entry;
  }

  private startSeat(agent: Agent, entry: Entry, sealed: string | null): void {
    entry.fingerprint = fingerprintOf(agent, sealed);
    if (!agent.sip) return;
    const report = (s: SeatState) => {
      this.opts.log(`seat ${agent.tenant_id}/${agent.id} (${agent.sip?.uri}): ${s.state}${s.detail ? ` — ${s.detail}` : ''}`);
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
    let lines: LineManager | null = null;
    const rendererMedia = agent.sip.media === 'headless' ? null : new RendererMediaProvider(entry.media);
    rendererMedia?.onAdopt((ids) => lines?.renegotiate(ids));
    const seat = new Seat({
      agent,
      sipPassword: password,
      onState: report,
      onInvite: (inv) => {
        const refusal = lines ? lines.offer(inv) : 'the seat is stopping';
        if (refusal) refuseCall(agent, inv, this.opts.calls, refusal);
      },
      sdhFactory: (session) => {
        if (!lines) throw new Error('seat is stopping');
        return lines.sdhFactory(session);
      },
      log: this.opts.log,
    });
    const audit = new MonitorAudit({ calls: this.opts.calls, auditLog: this.opts.auditLog, log: this.opts.log }, agent.tenant_id);
    const gate = new MonitorGate({
      agent,
      secret: () => this.opts.monitorSecret(agent.tenant_id),
      roleOf: (id, aor) => {
        const known = this.opts.store.agents.get(agent.tenant_id, id);
        return known?.sip && aorOf(known.sip.uri) === aor ? known.role : null;
      },
      audit,
      log: this.opts.log,
    });
    lines = new LineManager({
      agent,
      ua: seat.userAgent,
      monitor: { gate, audit },
      media: rendererMedia ?? new HeadlessMediaProvider({ bindAddress: this.opts.rtpAddress ?? '127.0.0.1', sendAudio: agent.sip.send_audio !== false }),
      recorder: new LineRecorder(this.opts.calls, agent.tenant_id, agent.id),
      onLine: (line) => this.opts.onLine(agent, line),
      log: this.opts.log,
      maxLines: Math.max(2, agent.max_concurrent_calls + 1),
    });
    lines.setPolicy(this.opts.phoneSettingsOf(agent));
    entry.seat = seat;
    entry.lines = lines;
    seat.start();
  }

  private detach(k: string): void {
    const entry = this.entries.get(k);
    if (!entry) return;
    entry.consoles--;
    if (entry.consoles > 0 || entry.pinned) return;
    entry.releaseTimer = setTimeout(() => {
      this.entries.delete(k);
      void this.stopSeat(entry);
    }, this.opts.releaseGraceMs ?? 15_000);
    entry.releaseTimer.unref();
  }
}
