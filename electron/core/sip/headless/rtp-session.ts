// One call's RTP over UDP: a socket, a 20 ms send clock (sequence, timestamp, SSRC; G.711 audio
// from an AudioSource, RFC 4733 DTMF in place of audio while a tone plays) and what arrives
// (loss, jitter, energy, DTMF digits). Packets are accepted from any source address; no RTCP.
import { randomInt } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { AudioLevel } from './audio-level.ts';
import { DtmfReceiver, type ReceivedDigit } from './dtmf-receiver.ts';
import { DtmfSender, type DtmfOptions } from './dtmf-sender.ts';
import { decodeG711, encodeG711, type G711Codec } from './g711.ts';
import { encodeRtp, parseRtp } from './rtp-packet.ts';
import { RtpSequence } from './rtp-sequence.ts';
import { TELEPHONE_EVENT_PT, type PayloadCodec } from './sdp.ts';
import type { AudioSource } from './wav-source.ts';

export const FRAME_MS = 20;
export const FRAME_SAMPLES = 160;
/** Frames sent at once to catch up after the event loop stalled; older ones are skipped. */
const MAX_CATCH_UP = 5;

export interface RtpTarget {
  address: string;
  port: number;
  codec: PayloadCodec;
  telephoneEventPt?: number;
  /** The negotiated direction lets us send. */
  send: boolean;
}

export interface RtpReceiveStats {
  /** Audio (G.711) packets. */
  packets: number;
  dtmfPackets: number;
  otherPackets: number;
  bytes: number;
  expected: number;
  lost: number;
  jitterMs: number;
  /** RMS of all decoded audio (PCM16 units; full-scale sine ≈ 23170). */
  rms: number;
  /** RMS of the audio decoded in the last `windowMs` (0 when nothing arrived). */
  windowRms: number;
  firstPacketAt?: number;
  /** performance.now() of the first frame with RMS ≥ audioThreshold. */
  firstAudioAt?: number;
  /** firstAudioAt − startedAt. */
  firstAudioMs?: number;
  lastPacketAt?: number;
}

export interface RtpSendStats {
  packets: number;
  dtmfPackets: number;
  bytes: number;
  sendErrors: number;
  /** RMS of the audio actually sent (silence while muted or held). */
  rms: number;
  windowRms: number;
}

export interface MediaStats {
  localAddress: string;
  localPort: number;
  remote?: string;
  codec?: G711Codec;
  sending: boolean;
  muted: boolean;
  held: boolean;
  /** performance.now() when the media clock started (first remote description applied). */
  startedAt?: number;
  rx: RtpReceiveStats;
  tx: RtpSendStats;
}

export interface RtpSessionOptions {
  bindAddress: string;
  source?: AudioSource;
  onDtmf?: (digit: string) => void;
  /** Sliding window for windowRms (default 500 ms). */
  windowMs?: number;
  /** Frame RMS that counts as audio for firstAudioAt (default 200 ≈ -44 dBFS). */
  audioThreshold?: number;
  /** Never sends (a listen-only seat): no 20 ms send clock runs at all, only the receive side. */
  receiveOnly?: boolean;
}

export class RtpSession {
  private socket: Socket | undefined;
  private port = 0;
  private target: RtpTarget | undefined;
  private source: AudioSource | undefined;
  private timer: NodeJS.Timeout | undefined;
  private abortBind: (() => void) | undefined;
  private closed = false;
  private startedAt: number | undefined;
  private frameNo = 0;
  private readonly ssrc = randomInt(0, 2 ** 32);
  private readonly ts0 = randomInt(0, 2 ** 32);
  private seq = randomInt(0, 0x10000);
  private markNext = true;
  private readonly pcm = new Int16Array(FRAME_SAMPLES);
  private readonly silence = new Int16Array(FRAME_SAMPLES);
  private readonly dtmfOut = new DtmfSender();
  private readonly dtmfIn = new DtmfReceiver();
  private readonly sequence = new RtpSequence();
  private readonly rxLevel: AudioLevel;
  private readonly txLevel: AudioLevel;
  private readonly threshold: number;
  private readonly rx = { packets: 0, dtmfPackets: 0, otherPackets: 0, bytes: 0 } as RtpReceiveStats;
  private readonly tx = { packets: 0, dtmfPackets: 0, bytes: 0, sendErrors: 0 };
  private _muted = false;
  private _held = false;

  private readonly options: RtpSessionOptions;

  constructor(options: RtpSessionOptions) {
    this.options = options;
    this.source = options.source;
    this.rxLevel = new AudioLevel(options.windowMs ?? 500);
    this.txLevel = new AudioLevel(options.windowMs ?? 500);
    this.threshold = options.audioThreshold ?? 200;
  }

  /** Binds the UDP socket (once) and returns the local port to put in SDP. */
  async open(): Promise<number> {
    if (this.closed) throw new Error('RTP session closed');
    if (this.socket) return this.port;
    const socket = createSocket('udp4');
    this.socket = socket;
    socket.on('message', (msg) => this.onPacket(msg));
    socket.on('error', () => this.tx.sendErrors++);
    await new Promise<void>((resolve, reject) => {
      // close() during the bind would otherwise leave this promise pending forever.
      this.abortBind = () => reject(new Error('RTP session closed'));
      socket.once('error', reject);
      socket.bind(0, this.options.bindAddress, () => {
        socket.off('error', reject);
        resolve();
      });
    }).finally(() => (this.abortBind = undefined));
    this.port = socket.address().port;
    return this.port;
  }

  get localPort(): number {
    return this.port;
  }

  /** Starts (or retargets, or with undefined stops) sending; starts the media clock once. */
  setTarget(target: RtpTarget | undefined): void {
    if (this.closed) return;
    if (target?.send && !this.target?.send) this.markNext = true;
    this.target = target;
    if (target && this.startedAt === undefined) {
      this.startedAt = performance.now();
      if (!this.options.receiveOnly) this.schedule();
    }
  }

  /** What to send from now on; undefined for silence. */
  play(source: AudioSource | undefined): void {
    this.source = source;
  }

  get muted(): boolean {
    return this._muted;
  }

  /** Muted: silence is sent in place of the source (the stream keeps running). */
  setMuted(muted: boolean): void {
    this._muted = muted;
  }

  get held(): boolean {
    return this._held;
  }

  /** Held by us: like muted, set from the SDP hold option. */
  setHeld(held: boolean): void {
    this._held = held;
  }

  /** Queues RFC 4733 tones; false if no telephone-event was negotiated, we may not send, or tones are not DTMF. */
  sendDtmf(tones: string, options?: DtmfOptions): boolean {
    if (this.closed || !this.target?.send || this.target.telephoneEventPt === undefined) return false;
    return this.dtmfOut.enqueue(tones, options);
  }

  /** True while DTMF tones are queued or being sent. */
  get sendingDtmf(): boolean {
    return this.dtmfOut.busy;
  }

  get receivedDigits(): string {
    return this.dtmfIn.text;
  }

  get receivedDigitEvents(): readonly ReceivedDigit[] {
    return this.dtmfIn.digits;
  }

  stats(): MediaStats {
    const now = performance.now();
    const rx: RtpReceiveStats = {
      ...this.rx,
      expected: this.sequence.expected,
      lost: this.sequence.lost,
      jitterMs: this.sequence.jitterMs,
      rms: this.rxLevel.rms,
      windowRms: this.rxLevel.windowRms(now),
    };
    if (rx.firstAudioAt !== undefined && this.startedAt !== undefined) rx.firstAudioMs = rx.firstAudioAt - this.startedAt;
    return {
      localAddress: this.options.bindAddress,
      localPort: this.port,
      remote: this.target && `${this.target.address}:${this.target.port}`,
      codec: this.target?.codec.codec,
      sending: Boolean(this.target?.send),
      muted: this._muted,
      held: this._held,
      startedAt: this.startedAt,
      rx,
      tx: { ...this.tx, rms: this.txLevel.rms, windowRms: this.txLevel.windowRms(now) },
    };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.timer);
    this.dtmfOut.clear();
    this.abortBind?.();
    this.socket?.close();
    this.socket = undefined;
  }

  private schedule(): void {
    if (this.closed || this.startedAt === undefined) return;
    const nextAt = this.startedAt + this.frameNo * FRAME_MS;
    this.timer = setTimeout(() => this.tick(), Math.max(0, nextAt - performance.now()));
  }

  private tick(): void {
    if (this.closed || this.startedAt === undefined) return;
    const due = Math.floor((performance.now() - this.startedAt) / FRAME_MS) + 1;
    if (due - this.frameNo > MAX_CATCH_UP) this.frameNo = due - MAX_CATCH_UP;
    while (this.frameNo < due) this.sendFrame();
    this.schedule();
  }

  private sendFrame(): void {
    const ts = (this.ts0 + this.frameNo * FRAME_SAMPLES) >>> 0;
    this.frameNo++;
    if (this.source) this.source.read(this.pcm);
    else this.pcm.fill(0);
    const target = this.target;
    const socket = this.socket;
    if (!target?.send || !socket) return;
    const ev = target.telephoneEventPt !== undefined ? this.dtmfOut.next(ts, FRAME_SAMPLES) : undefined;
    let packet: Buffer;
    if (ev) {
      packet = encodeRtp({ marker: ev.marker, payloadType: target.telephoneEventPt!, sequenceNumber: this.seq, timestamp: ev.timestamp, ssrc: this.ssrc, payload: ev.payload });
      this.tx.dtmfPackets++;
    } else {
      const pcm = this._muted || this._held ? this.silence : this.pcm;
      this.txLevel.add(pcm, performance.now());
      const payload = encodeG711(target.codec.codec, pcm);
      packet = encodeRtp({ marker: this.markNext, payloadType: target.codec.payloadType, sequenceNumber: this.seq, timestamp: ts, ssrc: this.ssrc, payload });
      this.markNext = false;
    }
    this.seq = (this.seq + 1) & 0xffff;
    this.tx.packets++;
    this.tx.bytes += packet.length;
    socket.send(packet, target.port, target.address, (err) => {
      if (err) this.tx.sendErrors++;
    });
  }

  private onPacket(msg: Buffer): void {
    const p = parseRtp(msg);
    if (!p || this.closed) return;
    const now = performance.now();
    this.rx.bytes += msg.length;
    this.rx.firstPacketAt ??= now;
    this.rx.lastPacketAt = now;
    const isEvent = p.payloadType === this.target?.telephoneEventPt || p.payloadType === TELEPHONE_EVENT_PT;
    this.sequence.add(p.ssrc, p.sequenceNumber, isEvent ? undefined : p.timestamp, now);
    if (isEvent) {
      this.rx.dtmfPackets++;
      const digit = this.dtmfIn.receive(p.ssrc, p.timestamp, p.payload, now);
      if (digit !== undefined) this.options.onDtmf?.(digit);
      return;
    }
    const codec = this.codecFor(p.payloadType);
    if (!codec) {
      this.rx.otherPackets++;
      return;
    }
    this.rx.packets++;
    const frameRms = this.rxLevel.add(decodeG711(codec, p.payload), now);
    if (frameRms >= this.threshold) this.rx.firstAudioAt ??= now;
  }

  private codecFor(pt: number): G711Codec | undefined {
    if (pt === this.target?.codec.payloadType) return this.target.codec.codec;
    if (pt === 0) return 'PCMU';
    if (pt === 8) return 'PCMA';
    return undefined;
  }
}
