// The supervisors' monitor calls on this console (peer monitoring, DESIGN §4): each one is mixed
// with the call it monitors in a MonitorMix. This file keeps which monitor call goes with which
// call and mode, wires the two lines' audio into the mix as it arrives, and says what each of
// those lines sends and whether the monitor call's element plays; the media engine owns the lines.
import type { MonitorMode } from '../../../shared/contracts/monitor-client.ts';
import type { LineMedia } from './line-media.ts';
import { monitorGains, MonitorMix } from './monitor-mix.ts';

/** A supervisor's monitor call on this console: the call it monitors, the mode, and the running mix. */
interface MonitorSetup {
  targetLineId: string;
  mode: MonitorMode;
  mix: MonitorMix;
}

/** What the monitor legs need from the media engine. */
export interface MonitorLegsHost {
  line(lineId: string): LineMedia | undefined;
  /** Points each line's sender at what it should send now (sendTrack here decides part of it). */
  pointSenders(lines: readonly (LineMedia | undefined)[]): Promise<void>;
  /** A call in the conference cannot be monitored. */
  inConference(lineId: string): boolean;
  createMix?: () => MonitorMix;
  log?: (message: string, error?: unknown) => void;
}

export class MonitorLegs {
  /** By the monitor call's line id. */
  private readonly setups = new Map<string, MonitorSetup>();
  private readonly host: MonitorLegsHost;

  constructor(host: MonitorLegsHost) {
    this.host = host;
  }

  /** Monitor line id → the line it monitors and the mode (for tests and diagnostics). */
  snapshot(): Record<string, { target: string; mode: MonitorMode }> {
    return Object.fromEntries([...this.setups].map(([id, m]) => [id, { target: m.targetLineId, mode: m.mode }]));
  }

  /**
   * Sets up or changes the mix of monitor call `lineId` with the call `targetLineId`. The first
   * time it builds the mix and points both lines' senders at it; afterwards a mode change is
   * a gain change and the monitor element's mute.
   */
  async set(lineId: string, targetLineId: string, mode: MonitorMode): Promise<void> {
    if (this.host.inConference(targetLineId)) throw new Error('A call in a conference cannot be monitored.');
    let setup = this.setups.get(lineId);
    if (setup && setup.targetLineId !== targetLineId) throw new Error('This monitor call already monitors another call.');
    if (!setup) {
      setup = { targetLineId, mode, mix: this.host.createMix?.() ?? new MonitorMix() };
      this.setups.set(lineId, setup);
      // After a reload the monitored call may get its media after this: lineAdded wires it then.
      const target = this.host.line(targetLineId);
      if (target) wireTarget(setup, target);
      setup.mix.setSupervisor(this.host.line(lineId)?.remote ?? null);
    }
    setup.mode = mode;
    this.applyGains(lineId);
    await this.host.pointSenders([this.host.line(targetLineId), this.host.line(lineId)]);
  }

  /** What `line` sends while it takes part in monitoring, else null (its own audio). */
  sendTrack(lineId: string): MediaStreamTrack | null {
    const own = this.setups.get(lineId);
    if (own) return own.mix.supervisorTrack;
    // The caller gets the mix only while the supervisor barges in; otherwise the plain microphone,
    // so a monitored conversation pays nothing for WebAudio.
    for (const setup of this.setups.values()) if (setup.targetLineId === lineId && monitorGains(setup.mode).caller) return setup.mix.callerTrack;
    return null;
  }

  /** A line got its media: a monitor call's element plays only when the mode lets the agent hear it; a monitored call feeds the mix. */
  lineAdded(line: LineMedia): void {
    const own = this.setups.get(line.lineId);
    if (own) line.audio.muted = !monitorGains(own.mode).agent;
    for (const setup of this.setups.values()) if (setup.targetLineId === line.lineId) wireTarget(setup, line);
  }

  /** A line's far end arrived or changed. */
  remoteChanged(lineId: string, remote: MediaStream): void {
    const found = this.of(lineId);
    if (found?.id === lineId) found.setup.mix.setSupervisor(remote);
    else if (found) found.setup.mix.setCaller(remote);
  }

  /** The microphone was swapped: monitored calls feed their new clone into the mix. */
  microphoneChanged(): void {
    for (const setup of this.setups.values()) {
      const target = this.host.line(setup.targetLineId);
      if (target) setup.mix.setMic(target.track);
    }
  }

  /** A line was put on or taken off hold: a held call hears nobody. */
  holdChanged(lineId: string): void {
    const found = this.of(lineId);
    if (found) this.applyGains(found.id);
  }

  /** A monitor call, or the call it monitors, going away ends the mix. */
  lineClosing(lineId: string): void {
    const found = this.of(lineId);
    if (found) this.end(found.id);
  }

  endAll(): void {
    for (const id of [...this.setups.keys()]) this.end(id);
  }

  /** Who hears the supervisor now: the mode, and a held call hears nobody. */
  private applyGains(lineId: string): void {
    const setup = this.setups.get(lineId);
    if (!setup) return;
    const gains = monitorGains(setup.mode);
    const target = this.host.line(setup.targetLineId);
    setup.mix.setCallerHearsSupervisor(gains.caller && target?.held !== true);
    const own = this.host.line(lineId);
    if (own) own.audio.muted = !gains.agent;
  }

  /** The monitor setup a line takes part in (as the monitor call or the monitored call). */
  private of(lineId: string): { id: string; setup: MonitorSetup } | null {
    const own = this.setups.get(lineId);
    if (own) return { id: lineId, setup: own };
    for (const [id, setup] of this.setups) if (setup.targetLineId === lineId) return { id, setup };
    return null;
  }

  private end(lineId: string): void {
    const setup = this.setups.get(lineId);
    if (!setup) return;
    this.setups.delete(lineId);
    // The monitored call goes back to its own microphone (or the conference mix).
    void this.host
      .pointSenders([this.host.line(setup.targetLineId)])
      .catch((error: unknown) => this.host.log?.('could not give the monitored call its microphone back', error))
      .finally(() => setup.mix.close());
  }
}

/** The monitored call's microphone and far end into the mix. */
function wireTarget(setup: MonitorSetup, target: LineMedia): void {
  setup.mix.setMic(target.track);
  setup.mix.setCaller(target.remote);
}
