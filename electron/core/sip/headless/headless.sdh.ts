// sip.js SessionDescriptionHandler for seats without a renderer (tests, load, the voice bot):
// plain RTP/AVP with G.711 and RFC 4733 DTMF, media in this process (RtpSession). It keeps its
// own offer/answer state (stable / have-local-offer / have-remote-offer) as sip.js expects of an
// SDH: getDescription answers a pending remote offer, otherwise offers; setDescription takes the
// answer to our offer, otherwise a new offer. `options.hold` (as sip.js's own SDH and
// SessionManager use it) offers sendonly — inactive if the remote holds us — and sends silence.
// `sendAudio: false` (a listen-only seat) drops our sending half from every offer and answer
// (sendrecv → recvonly, sendonly → inactive) and runs no send clock: no RTP leaves this process.
import { randomInt } from 'node:crypto';
import type {
  BodyAndContentType,
  SessionDescriptionHandler,
  SessionDescriptionHandlerModifier,
  SessionDescriptionHandlerOptions,
} from 'sip.js';
import type { DtmfOptions } from './dtmf-sender.ts';
import { RtpSession } from './rtp-session.ts';
import {
  answerDirection,
  buildAnswer,
  buildOffer,
  chooseCodec,
  offerDirection,
  parseRemote,
  receives,
  sends,
  withoutSending,
  type Direction,
  type RemoteSdp,
} from './sdp.ts';
import type { AudioSource } from './wav-source.ts';

export const SDP_CONTENT_TYPE = 'application/sdp';

export interface HeadlessSdhOptions {
  /** Local IPv4 address to bind the RTP socket to (an ephemeral port is used). */
  bindAddress: string;
  /** Address to announce in SDP, if not bindAddress (e.g. bound to 0.0.0.0). */
  advertisedAddress?: string;
  /** What to send; awaited before the first description. Default: silence. */
  source?: AudioSource | Promise<AudioSource>;
  onDtmf?: (digit: string) => void;
  /** Sliding window of windowRms, ms (default 500). */
  windowMs?: number;
  /** Frame RMS counted as audio for firstAudioAt (default 200). */
  audioThreshold?: number;
  /** Called once after close. */
  onClose?: () => void;
  /** False: listen only (recvonly / inactive, no RTP sent). Default true. */
  sendAudio?: boolean;
}

/** The options sip.js passes through (its SessionManager/SimpleUser set `hold`). */
export interface HeadlessDescriptionOptions extends SessionDescriptionHandlerOptions {
  hold?: boolean;
}

type SignalingState = 'stable' | 'have-local-offer' | 'have-remote-offer';

interface LocalOffer {
  direction: Direction;
  hold: boolean;
}

export class HeadlessSdh implements SessionDescriptionHandler {
  /** This call's media: stats(), receivedDigits, play(), setMuted(). */
  readonly media: RtpSession;
  private state: SignalingState = 'stable';
  private remote: RemoteSdp | undefined;
  private remoteOffer: RemoteSdp | undefined;
  private localOffer: LocalOffer | undefined;
  private pendingSource: Promise<AudioSource> | undefined;
  private readonly sessionId = randomInt(1, 2 ** 47);
  private sessionVersion = 0;
  private closed = false;

  private readonly options: HeadlessSdhOptions;

  constructor(options: HeadlessSdhOptions) {
    this.options = options;
    const { source } = options;
    this.media = new RtpSession({
      bindAddress: options.bindAddress,
      source: source && !(source instanceof Promise) ? source : undefined,
      onDtmf: options.onDtmf,
      windowMs: options.windowMs,
      audioThreshold: options.audioThreshold,
      receiveOnly: options.sendAudio === false,
    });
    if (source instanceof Promise) this.pendingSource = source;
  }

  /** The offer/answer state, for tests and diagnostics. */
  get signalingState(): SignalingState {
    return this.state;
  }

  async getDescription(options?: HeadlessDescriptionOptions, modifiers?: SessionDescriptionHandlerModifier[]): Promise<BodyAndContentType> {
    this.assertOpen();
    if (this.pendingSource) {
      const source = this.pendingSource;
      this.pendingSource = undefined;
      this.media.play(await source);
    }
    const port = await this.media.open();
    this.assertOpen();
    const hold = Boolean(options?.hold);
    const ours = (d: Direction) => (this.options.sendAudio === false ? withoutSending(d) : d);
    const local = (direction: Direction) => ({
      address: this.options.advertisedAddress ?? this.options.bindAddress,
      port,
      direction,
      sessionId: this.sessionId,
      sessionVersion: ++this.sessionVersion,
    });
    let sdp: string;
    let type: 'offer' | 'answer';
    if (this.state === 'have-remote-offer' && this.remoteOffer) {
      const offer = this.remoteOffer;
      const direction = ours(answerDirection(offer.direction, hold));
      sdp = buildAnswer(offer, local(direction));
      type = 'answer';
      this.apply(offer, direction, 'answerer', hold);
      this.remoteOffer = undefined;
      this.state = 'stable';
    } else {
      const direction = ours(offerDirection(hold, this.remote?.direction));
      sdp = buildOffer(local(direction));
      type = 'offer';
      this.localOffer = { direction, hold };
      this.state = 'have-local-offer';
    }
    return { body: await applyModifiers(sdp, type, modifiers), contentType: SDP_CONTENT_TYPE };
  }

  async setDescription(sdp: string, _options?: HeadlessDescriptionOptions, modifiers?: SessionDescriptionHandlerModifier[]): Promise<void> {
    this.assertOpen();
    const isAnswer = this.state === 'have-local-offer';
    const remote = parseRemote(await applyModifiers(sdp, isAnswer ? 'answer' : 'offer', modifiers));
    this.assertOpen();
    if (isAnswer && this.localOffer) {
      if (!chooseCodec(remote, 'offerer')) throw new Error('remote answer has no PCMU/PCMA');
      await this.media.open();
      this.apply(remote, this.localOffer.direction, 'offerer', this.localOffer.hold);
      this.localOffer = undefined;
      this.state = 'stable';
    } else if (this.state === 'stable' && this.remote?.origin === remote.origin && remote.origin !== '/') {
      // The same description again (e.g. a 200 OK repeating a reliable 18x answer): nothing new.
    } else {
      if (!chooseCodec(remote, 'answerer')) throw new Error('remote offer has no PCMU/PCMA');
      this.remoteOffer = remote;
      this.state = 'have-remote-offer';
    }
  }

  hasDescription(contentType: string): boolean {
    return contentType.split(';')[0]!.trim().toLowerCase() === SDP_CONTENT_TYPE;
  }

  async rollbackDescription(): Promise<void> {
    this.localOffer = undefined;
    this.remoteOffer = undefined;
    this.state = 'stable';
  }

  /** RFC 4733 DTMF; options `{ duration, interToneGap }` in ms. False if it cannot be sent. */
  sendDtmf(tones: string, options?: unknown): boolean {
    if (this.closed) return false;
    const o = (options ?? {}) as DtmfOptions;
    return this.media.sendDtmf(tones, { duration: o.duration, interToneGap: o.interToneGap });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.media.close();
    this.options.onClose?.();
  }

  private apply(remote: RemoteSdp, localDirection: Direction, role: 'offerer' | 'answerer', hold: boolean): void {
    this.remote = remote;
    const codec = chooseCodec(remote, role)!;
    const send = sends(localDirection) && receives(remote.direction) && remote.port > 0;
    this.media.setHeld(hold);
    this.media.setTarget({ address: remote.address, port: remote.port, codec, telephoneEventPt: remote.telephoneEventPt, send });
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('session description handler closed');
  }
}

async function applyModifiers(sdp: string, type: 'offer' | 'answer', modifiers: SessionDescriptionHandlerModifier[] | undefined): Promise<string> {
  let desc = { type, sdp };
  for (const modify of modifiers ?? []) desc = (await modify(desc)) as typeof desc;
  return desc.sdp ?? '';
}
