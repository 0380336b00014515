import { randomUUID } from 'node:crypto';
import {
  Invitation,
  Inviter,
  SessionState,
  type Info,
  type Notification,
  type Referral,
  type Session,
  type SessionDescriptionHandler,
  type URI,
  UserAgent,
} from 'sip.js';
import { DEFAULT_PHONE_SETTINGS, type PhoneSettings } from '../../../shared/contracts/phone-settings.ts';
import type { Agent } from '../../../shared/domain/agent.ts';
import { normaliseDialString, normaliseDtmf } from '../../../shared/sip/dial-string.ts';
import { isMonitorLeg, type LineMonitor } from '../../../shared/sip/line-monitor.ts';
import { canApply, initialLine, reduceLine, type DeclineCode, type LineEvent, type LineState } from '../../../shared/sip/line-state.ts';
import { badRequest, conflict, CoreError, notFound } from '../errors.ts';
import type { MonitorAudit } from '../monitor/monitor-audit.ts';
import type { MonitorGate } from '../monitor/monitor-gate.ts';
import { isMonitorContentType } from '../monitor/monitor-wire.ts';
import { newCallSid } from '../security/tokens.ts';
import type { LineMedia, MediaProvider } from './line-media.ts';
import type { LineRecorder } from './line-recorder.ts';
import { MonitorLegs } from './monitor-legs.ts';
import { remoteHoldOf } from './sdp-direction.ts';

interface Line {
  state: LineState;
  session: Session;
  /** The call record; null for monitor legs, which are not calls of their own. */
  callId: number | null;
  media: LineMedia | null;
}

/** Options of an outbound call beyond its target. */
export interface DialOptions {
  /** SIP headers for the INVITE (`Name: value`). */
  extraHeaders?: string[];
  /** The call is a supervisor's monitor leg: no call record of its own. */
  monitor?: LineMonitor;
}

export interface LineManagerOptions {
  agent: Agent;
  ua: UserAgent;
  media: MediaProvider;
  recorder: LineRecorder;
  onLine(line: LineState): void;
  log(line: string): void;
  /** Most lines a seat holds at once (call waiting); more get 486. */
  maxLines?: number;
  /** Supervisors' monitor calls to this seat (peer mode): who may, and the audit trail. */
  monitor?: { gate: MonitorGate; audit: MonitorAudit };
}

const now = () => new Date().toISOString();
const MAX_ENDED_LINES = 10;
const MAX_FORGOTTEN = 100;
const unavailable = (message: string) => new CoreError(503, 'media_unavailable', message);

/**
 * The calls of one seat: sip.js sessions on one side, LineStates (shared/sip/line-state.ts) on
 * the other. Every sip.js happening and agent action becomes a LineEvent; the reduced line is
 * recorded in the store and sent to the agent's consoles.
 */
export class LineManager {
  private readonly o: LineManagerOptions;
  private readonly lines = new Map<string, Line>();
  private readonly bySession = new WeakMap<Session, string>();
  private policy: PhoneSettings = DEFAULT_PHONE_SETTINGS;
  private readonly forgotten = new Map<string, LineState>();
  private readonly monitorLegs: MonitorLegs;

  constructor(options: LineManagerOptions) {
    this.o = options;
    this.monitorLegs = new MonitorLegs(
      {
        media: options.media,
        log: options.log,
        list: () => this.list(),
        state: (id) => this.lines.get(id)?.state,
        addLeg: (invitation, remote, monitor, nearLineId) => this.add(invitation, 'inbound', remote, null, {}, monitor, nearLineId),
        annotate: (id, monitor) => this.annotate(id, monitor),
        answer: (id) => this.answer(id),
        fail: (id, reason, code) => void this.apply(id, { type: 'failed', reason, at: now(), code }),
        completeTransfer: (id, consultId) => this.completeTransfer(id, consultId),
        hangup: (id) => this.hangup(id),
      },
      options.monitor,
    );
  }

  /** For UserAgentOptions.sessionDescriptionHandlerFactory: every session gets its line's media. */
  readonly sdhFactory = (session: Session): SessionDescriptionHandler => {
    const lineId = this.bySession.get(session);
    if (!lineId) throw new Error('a session without a line asked for media');
    const media = this.o.media.create(lineId, { onRemoteSdp: (sdp) => this.onRemoteSdp(lineId, sdp) });
    const line = this.lines.get(lineId);
    if (line) line.media = media;
    return media.sdh;
  };

  list(): LineState[] {
    return [...this.lines.values()].map((l) => l.state);
  }

  dial(input: string, consultFor: string | null = null, metadata: Record<string, unknown> = {}, options: DialOptions = {}): LineState {
    const domain = this.o.ua.configuration.uri.host;
    const parsed = normaliseDialString(input, { domain });
    if (!parsed.ok) throw badRequest(parsed.message);
    if (!options.monitor) this.checkCapacity();
    const inviter = new Inviter(this.o.ua, parseUri(parsed.target.uri), { earlyMedia: true, extraHeaders: options.extraHeaders ?? [] });
    return this.startOutbound(inviter, { uri: parsed.target.uri, display: parsed.target.display }, consultFor, metadata, options.monitor);
  }

  /** An INVITE for this seat: null when taken, else why the seat cannot take it (the caller gets 486). */
  offer(invitation: Invitation): string | null {
    if (this.monitorLegs.offer(invitation)) return null;
    // 180 first, as sip.js would have sent it by itself (the seat turns that off for monitor calls).
    void invitation.progress().catch(() => undefined);
    const refusal = this.refusalFor(invitation);
    if (refusal) return refusal;
    const remote = invitation.remoteIdentity;
    const replaced = invitation.replacee ? this.bySession.get(invitation.replacee) : undefined;
    const line = this.add(invitation, 'inbound', { uri: remote.uri.user ?? remote.uri.toString(), display: remote.displayName || remote.uri.user || '' }, null);
    if (replaced) {
      // Attended transfer arriving (INVITE with Replaces): the agent already talks to this call's
      // party through the replaced line, so answer at once; sip.js BYEs the replaced dialog.
      this.replacedBy(replaced, line.call_sid);
      void this.answer(line.line_id);
    } else if (this.o.media.autoAnswer) {
      void this.answer(line.line_id);
    } else {
      const after = this.autoAnswerDelay(invitation);
      if (after !== null) {
        const timer = setTimeout(() => {
          if (this.lines.get(line.line_id)?.state.state === 'incoming') void this.answer(line.line_id);
        }, after * 1000);
        timer.unref();
      }
    }
    return null;
  }

  /**
   * The console holding these lines' audio went away and a new one took them (a reload): a
   * re-INVITE lets the new console's connection negotiate fresh media; the call goes on.
   */
  renegotiate(lineIds: string[]): void {
    for (const id of lineIds) {
      const line = this.lines.get(id);
      if (!line || !['talking', 'on-hold', 'remote-hold'].includes(line.state.state)) continue;
      this.o.log(`line ${id}: media moved to a new console, renegotiating`);
      // The new console learns the monitor mix first (requests of a line run in order).
      this.monitorLegs.remix(id);
      void line.session
        .invite({ sessionDescriptionHandlerOptions: { hold: line.state.held } as never })
        .catch((err: Error) => this.o.log(`line ${id}: renegotiation failed: ${err.message}`));
    }
  }

  /** The agent's own call handling (DND, auto-answer, intercom). */
  setPolicy(settings: PhoneSettings): void {
    this.policy = settings;
  }

  /** Sets or clears (undefined) a line's part in monitoring; its consoles see the change. */
  annotate(lineId: string, monitor: LineMonitor | undefined): LineState {
    const line = this.require(lineId);
    if (line.state.monitor === monitor) return line.state;
    const { monitor: _previous, ...rest } = line.state;
    line.state = monitor ? { ...rest, monitor } : rest;
    this.o.onLine(line.state);
    return line.state;
  }

  /** Sends an INFO in the line's dialog; resolves on a 2xx, else fails with the far end's answer. */
  async sendInfo(lineId: string, contentType: string, content: string): Promise<void> {
    const line = this.require(lineId);
    if (line.state.state !== 'talking' && line.state.state !== 'on-hold' && line.state.state !== 'remote-hold') throw conflict('the call is not connected');
    await new Promise<void>((resolve, reject) => {
      line.session
        .info({
          requestOptions: { body: { contentDisposition: 'render', contentType, content } },
          requestDelegate: {
            onAccept: () => resolve(),
            onReject: (r) => reject(new CoreError(502, 'far_end_refused', `the far end refused: ${r.message.statusCode} ${r.message.reasonPhrase}`)),
          },
        })
        .catch((err: Error) => reject(new CoreError(502, 'info_failed', `could not send INFO: ${err.message}`)));
    });
  }

  private refusalFor(invitation: Invitation): string | null {
    if (invitation.replacee) return null; // a transfer of a call the agent already has
    if (!this.o.media.available) return 'no console holds the seat’s audio';
    if (this.policy.do_not_disturb) return 'do not disturb';
    if (this.liveCount() >= (this.o.maxLines ?? 4)) return 'all lines busy';
    return null;
  }

  /**
   * Seconds until an incoming call answers itself, or null: the PBX's intercom hint
   * (`Call-Info: <…>;answer-after=N`, `Alert-Info: …intercom/auto-answer`) when allowed, else the
   * agent's auto-answer setting.
   */
  private autoAnswerDelay(invitation: Invitation): number | null {
    if (this.policy.allow_intercom) {
      const callInfo = invitation.request.getHeaders('Call-Info').join(',');
      const answerAfter = /answer-after\s*=\s*(\d{1,3})/i.exec(callInfo)?.[1];
      if (answerAfter !== undefined) return Number(answerAfter);
      if (/intercom|auto-?answer/i.test(invitation.request.getHeaders('Alert-Info').join(','))) return 0;
    }
    return this.policy.auto_answer ? this.policy.auto_answer_delay_s : null;
  }

  async answer(lineId: string): Promise<LineState> {
    const line = this.require(lineId);
    if (!(line.session instanceof Invitation) || line.state.state !== 'incoming') throw conflict('only a ringing incoming call can be answered');
    this.apply(lineId, { type: 'answer' });
    try {
      await line.session.accept();
    } catch (err) {
      this.apply(lineId, { type: 'failed', reason: `could not answer: ${(err as Error).message}`, at: now() });
    }
    return this.get(lineId);
  }

  async decline(lineId: string, code: DeclineCode = 486): Promise<LineState> {
    const line = this.require(lineId);
    if (!(line.session instanceof Invitation) || line.state.state !== 'incoming') throw conflict('only a ringing incoming call can be declined');
    this.apply(lineId, { type: 'decline', code, at: now() });
    await line.session.reject({ statusCode: code }).catch(() => undefined);
    return this.get(lineId);
  }

  async hangup(lineId: string): Promise<LineState> {
    const line = this.require(lineId);
    const s = line.session;
    if (line.state.state === 'ended') return line.state;
    if (line.state.state === 'incoming') return this.decline(lineId, 486);
    this.apply(lineId, { type: 'hangup-local', at: now() });
    if (s instanceof Inviter && s.state !== SessionState.Established) await s.cancel().catch(() => undefined);
    else if (s.state === SessionState.Established) await s.bye().catch(() => undefined);
    return this.get(lineId);
  }

  async hold(lineId: string, on: boolean): Promise<LineState> {
    const line = this.require(lineId);
    const requested: LineEvent = on ? { type: 'hold-requested' } : { type: 'resume-requested' };
    if (!this.applied(lineId, requested)) throw conflict(on ? 'this call cannot be put on hold now' : 'this call is not on hold');
    // Keep the hold when the far end re-INVITEs us meanwhile.
    line.session.sessionDescriptionHandlerOptionsReInvite = { hold: on } as never;
    const done = (ok: boolean) => this.apply(lineId, ok ? { type: on ? 'hold-ok' : 'resume-ok' } : { type: on ? 'hold-failed' : 'resume-failed' });
    await line.session
      .invite({ sessionDescriptionHandlerOptions: { hold: on } as never, requestDelegate: { onAccept: () => done(true), onReject: () => done(false) } })
      .catch(() => done(false));
    return this.get(lineId);
  }

  async mute(lineId: string, on: boolean): Promise<LineState> {
    const line = this.require(lineId);
    const event: LineEvent = { type: on ? 'mute' : 'unmute' };
    if (!canApply(line.state, event.type)) throw conflict('mute applies to a call in progress');
    // The console shows "muted" only once the microphone really is.
    await line.media?.mute(on);
    this.apply(lineId, event);
    return this.get(lineId);
  }

  async sendDtmf(lineId: string, input: string): Promise<LineState> {
    const line = this.require(lineId);
    const dtmf = normaliseDtmf(input);
    if (!dtmf.ok) throw badRequest(dtmf.message);
    if (line.state.state !== 'talking' && !(line.state.state === 'ringing' && line.state.early)) throw conflict('DTMF needs a connected call');
    const viaRtp = (await line.media?.sendDigits(dtmf.digits, 100, 70)) ?? false;
    if (!viaRtp) {
      // RFC 2976 INFO with application/dtmf-relay, the usual fallback PBXs understand.
      for (const digit of dtmf.digits) {
        await line.session.info({
          requestOptions: { body: { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: `Signal=${digit}\r\nDuration=100` } },
        });
      }
    }
    if (line.callId !== null) this.o.recorder.dtmf(line.callId, dtmf.digits, viaRtp ? 'rfc4733' : 'sip-info');
    return this.get(lineId);
  }

  async transfer(lineId: string, input: string): Promise<LineState> {
    const line = this.require(lineId);
    const parsed = normaliseDialString(input, { domain: this.o.ua.configuration.uri.host });
    if (!parsed.ok) throw badRequest(parsed.message);
    await this.refer(line, parseUri(parsed.target.uri), parsed.target.display, 'blind');
    return this.get(lineId);
  }

  async completeTransfer(lineId: string, consultLineId: string): Promise<LineState> {
    const line = this.require(lineId);
    const consult = this.require(consultLineId);
    if (consult.state.state !== 'talking' && consult.state.state !== 'on-hold') throw conflict('the consultation call must be connected');
    const dialog = consult.session.dialog;
    if (!dialog) throw conflict('the consultation call must be connected');
    // sip.js puts the consultation party's Contact in Refer-To; behind a proxy a WebSocket contact
    // (`*.invalid`) is unroutable. Hand it the same dialog data with the party's AOR as the target,
    // so Refer-To reads `"Carol" <sip:carol@pbx?Replaces=…>` (RFC 3891) and the proxy can route it.
    const referTo = {
      dialog: { remoteTarget: consult.session.remoteIdentity.uri, callId: dialog.callId, remoteTag: dialog.remoteTag, localTag: dialog.localTag },
      remoteIdentity: consult.session.remoteIdentity,
    } as unknown as Session;
    await this.refer(line, referTo, consult.state.remote.display, 'attended');
    return this.get(lineId);
  }

  dismiss(lineId: string): void {
    const line = this.require(lineId);
    if (line.state.state !== 'ended') throw conflict('hang up before dismissing the line');
    this.lines.delete(lineId);
  }

  /** Seat going away: end every live call. */
  async closeAll(): Promise<void> {
    await Promise.all([...this.lines.keys()].map((id) => this.hangup(id).catch(() => undefined)));
  }

  private startOutbound(
    inviter: Inviter,
    remote: { uri: string; display: string },
    consultFor: string | null,
    metadata: Record<string, unknown>,
    monitor?: LineMonitor,
  ): LineState {
    const line = this.add(inviter, 'outbound', remote, consultFor, metadata, monitor);
    const lineId = line.line_id;
    inviter
      .invite({
        requestDelegate: {
          onProgress: (r) => this.apply(lineId, { type: 'provisional', code: r.message.statusCode ?? 0, early: hasSdp(r) }),
          onAccept: () => this.apply(lineId, { type: 'accepted', at: now() }),
          onReject: (r) =>
            this.apply(lineId, { type: 'rejected', code: r.message.statusCode ?? 0, reason: r.message.reasonPhrase ?? '', at: now() }),
        },
      })
      .then(() => this.apply(lineId, { type: 'invite-sent', at: now() }))
      .catch((err: Error) => this.apply(lineId, { type: 'failed', reason: err.message, at: now() }));
    return this.get(lineId);
  }

  /** The far end of a live line asks us (REFER) to call someone else: a transfer of our agent's call. */
  private onRefer(lineId: string, referral: Referral): void {
    const line = this.lines.get(lineId);
    if (!line || (line.state.state !== 'talking' && line.state.state !== 'on-hold' && line.state.state !== 'remote-hold')) {
      void referral.reject().catch(() => undefined);
      return;
    }
    void referral
      .accept()
      .then(() => {
        // What the line shows: the target without Refer-To's URI headers (an attended transfer's Replaces).
        const target = referral.referTo.uri.clone();
        target.clearHeaders();
        const inviter = referral.makeInviter({ earlyMedia: true });
        this.startOutbound(inviter, { uri: target.toString(), display: target.user ?? target.host }, null, { transferred_from: line.state.call_sid });
      })
      .catch((err: Error) => this.o.log(`refer on line ${lineId} failed: ${err.message}`));
  }

  private replacedBy(lineId: string, newCallSid: string): void {
    const line = this.lines.get(lineId);
    if (!line) return;
    if (line.callId !== null) this.o.recorder.transferred(line.callId, newCallSid, 'attended');
    this.apply(lineId, { type: 'hangup-local', at: now() });
  }

  private async refer(line: Line, to: Parameters<Session['refer']>[0], targetDisplay: string, mode: 'blind' | 'attended'): Promise<void> {
    const lineId = line.state.line_id;
    if (!this.applied(lineId, { type: 'refer-sent' })) throw conflict('only a connected call can be transferred');
    const onNotify = (n: Notification) => {
      n.accept().catch(() => undefined);
      const code = Number(/SIP\/2\.0\s+(\d{3})/.exec(n.request.body ?? '')?.[1] ?? 0);
      if (code >= 200 && code < 300) {
        if (line.callId !== null) this.o.recorder.transferred(line.callId, targetDisplay, mode);
        this.apply(lineId, { type: 'refer-accepted', at: now() });
        void line.session.bye().catch(() => undefined);
      } else if (code >= 300) this.apply(lineId, { type: 'refer-failed' });
    };
    await line.session
      .refer(to, { onNotify, requestDelegate: { onReject: () => this.apply(lineId, { type: 'refer-failed' }) } })
      .catch(() => this.apply(lineId, { type: 'refer-failed' }));
  }

  private add(
    session: Session,
    direction: 'inbound' | 'outbound',
    remote: { uri: string; display: string },
    consultFor: string | null,
    metadata: Record<string, unknown> = {},
    monitor?: LineMonitor,
    /** Media on the same console as this line (a monitor leg mixes with the call it monitors). */
    nearLineId?: string,
  ): LineState {
    const lineId = randomUUID();
    if (!this.o.media.bindLine(lineId, nearLineId)) throw unavailable('no console holds this seat’s audio: open the console to make calls');
    this.bySession.set(session, lineId);
    const fresh = initialLine({ line_id: lineId, call_sid: newCallSid(), direction, remote, at: now(), consult_for: consultFor });
    const state = monitor ? { ...fresh, monitor } : fresh;
    const local = this.o.agent.extension ?? this.o.ua.configuration.uri.user ?? '';
    // Monitor legs are part of the monitored call (its audit trail), not calls of their own.
    const callId = monitor ? null : this.o.recorder.created(state, this.o.agent.id, local, (session as Inviter | Invitation).request.callId, metadata);
    this.lines.set(lineId, { state, session, callId, media: null });
    this.watch(lineId, session);
    this.o.onLine(state);
    return state;
  }

  private watch(lineId: string, session: Session): void {
    // A delegate handler replaces sip.js's default reply, so each one answers its request.
    session.delegate = {
      onBye: (bye) => {
        void bye.accept().catch(() => undefined);
        this.apply(lineId, { type: 'hangup-remote', at: now() });
      },
      onInfo: (info: Info) => this.onInfo(lineId, info),
      onRefer: (referral) => this.onRefer(lineId, referral),
    };
    session.stateChange.addListener((s) => {
      if (s === SessionState.Established) {
        this.apply(lineId, session instanceof Inviter ? { type: 'accepted', at: now() } : { type: 'confirmed', at: now() });
      }
      if (s === SessionState.Terminated) {
        // sip.js reports Terminated before the final response's own callback (onReject, onBye):
        // let those say why first, and only then call an unexplained end a failure.
        setImmediate(() => {
          const line = this.lines.get(lineId);
          if (!line || line.state.state === 'ended') return;
          this.apply(lineId, line.state.state === 'incoming' ? { type: 'cancel', at: now() } : { type: 'failed', reason: 'the call ended unexpectedly', at: now() });
        });
      }
    });
  }

  private onInfo(lineId: string, info: Info): void {
    const body = info.request.body ?? '';
    if (isMonitorContentType(info.request.getHeader('Content-Type'))) {
      void this.monitorLegs.onInfo(lineId, info);
      return;
    }
    void info.accept().catch(() => undefined);
    const digit = /Signal\s*=\s*([0-9*#A-Da-d])/.exec(body)?.[1];
    const line = this.lines.get(lineId);
    if (digit && line && line.callId !== null) this.o.recorder.dtmf(line.callId, digit.toUpperCase(), 'sip-info');
  }

  private onRemoteSdp(lineId: string, sdp: string): void {
    const line = this.lines.get(lineId);
    if (!line || (line.state.state !== 'talking' && line.state.state !== 'on-hold' && line.state.state !== 'remote-hold')) return;
    const held = remoteHoldOf(sdp);
    if (held !== line.state.remote_held) this.apply(lineId, { type: held ? 'remote-hold' : 'remote-resume' });
  }

  /** Applies a line event; late sip.js callbacks for a forgotten line are ignored (undefined). */
  private apply(lineId: string, event: LineEvent): LineState | undefined {
    const line = this.lines.get(lineId);
    if (!line) return undefined;
    const before = line.state;
    const after = reduceLine(before, event);
    if (after === before) return before;
    line.state = after;
    if (line.callId !== null) this.o.recorder.changed(line.callId, before, after);
    this.o.onLine(after);
    if (after.state === 'ended') {
      this.monitorLegs.ended(after);
      this.forgetEnded();
    }
    return after;
  }

  /** Applies `event`; false when the line's state machine refused it. */
  private applied(lineId: string, event: LineEvent): boolean {
    const before = this.require(lineId).state;
    return this.apply(lineId, event) !== before;
  }

  private require(lineId: string): Line {
    const line = this.lines.get(lineId);
    if (!line) throw notFound(`line ${lineId}`);
    return line;
  }

  private get(lineId: string): LineState {
    const forgotten = this.forgotten.get(lineId);
    return forgotten ?? this.require(lineId).state;
  }

  private checkCapacity(): void {
    if (this.liveCount() >= (this.o.maxLines ?? 4)) throw conflict('all lines of this seat are busy');
  }

  /**
   * Ended lines stay for the agent to see until dismissed, but only the newest few; a headless
   * seat has nobody to dismiss them, so it keeps none (the call record stays in the store).
   */
  private forgetEnded(): void {
    const keep = this.o.media.autoAnswer ? 0 : MAX_ENDED_LINES;
    const ended = [...this.lines.entries()].filter(([, l]) => l.state.state === 'ended');
    // Monitor legs have no card to dismiss them from: they go at once.
    const legs = ended.filter(([, l]) => isMonitorLeg(l.state));
    const calls = ended.filter(([, l]) => !isMonitorLeg(l.state));
    for (const [id, line] of [...legs, ...calls.slice(0, Math.max(0, calls.length - keep))]) {
      this.lines.delete(id);
      // A request racing the end of its line still gets the line's last state back.
      this.forgotten.set(id, line.state);
      if (this.forgotten.size > MAX_FORGOTTEN) this.forgotten.delete(this.forgotten.keys().next().value as string);
    }
  }

  /** Calls not yet ended: ended ones stay listed until dismissed, and monitor legs are not calls; neither holds capacity. */
  private liveCount(): number {
    return [...this.lines.values()].filter((l) => l.state.state !== 'ended' && !isMonitorLeg(l.state)).length;
  }
}

function parseUri(text: string): URI {
  const uri = UserAgent.makeURI(text);
  if (!uri) throw badRequest(`'${text}' is not a SIP address`);
  return uri;
}

function hasSdp(r: { message: { body?: string } }): boolean {
  return (r.message.body ?? '').includes('m=audio');
}
