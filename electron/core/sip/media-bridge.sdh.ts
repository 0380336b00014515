import type { BodyAndContentType, SessionDescriptionHandler, SessionDescriptionHandlerOptions } from 'sip.js';
import type { MediaReply } from '../../../shared/contracts/media-bridge.ts';
import type { LineMedia, LineMediaHooks } from './line-media.ts';
import type { MediaRouter } from './media-router.ts';

const SDP = 'application/sdp';

export interface MediaBridgeOptions extends SessionDescriptionHandlerOptions {
  hold?: boolean;
}


const unwrap = (reply: MediaReply, what: string): MediaReply & { ok: true } => {
  if (!reply.ok) throw new Error(`${what}: ${reply.error}`);
  return reply;
};

/**
 * sip.js's seam between signalling and media (DESIGN §3): every SDP and DTMF operation of one
 * session goes to the renderer that owns the RTCPeerConnection, and its answer comes back here.
 */
export class MediaBridgeSdh implements SessionDescriptionHandler, LineMedia {
  private readonly lineId: string;
  private readonly router: MediaRouter;
  private readonly hooks: LineMediaHooks;
  private closed = false;

  constructor(lineId: string, router: MediaRouter, hooks: LineMediaHooks) {
    this.lineId = lineId;
    this.router = router;
    this.hooks = hooks;
  }

  async getDescription(options?: MediaBridgeOptions): Promise<BodyAndContentType> {
    const reply = unwrap(await this.router.ask({ op: 'local', line_id: this.lineId, hold: options?.hold === true }), 'local description');
    if (!reply.sdp) throw new Error('local description: the console sent no SDP');
    return { body: reply.sdp, contentType: SDP };
  }

  async setDescription(sdp: string): Promise<void> {
    this.hooks.onRemoteSdp(sdp);
    unwrap(await this.router.ask({ op: 'remote', line_id: this.lineId, sdp }), 'remote description');
  }

  hasDescription(contentType: string): boolean {
    return contentType === SDP;
  }

  async rollbackDescription(): Promise<void> {
    // The renderer's connection rolls back by itself when the next offer arrives.
  }

  /** sip.js wants a synchronous answer; the renderer's real result arrives later (see sendDigits). */
  sendDtmf(tones: string, options?: { duration?: number; interToneGap?: number }): boolean {
    void this.sendDigits(tones, options?.duration ?? 100, options?.interToneGap ?? 70);
    return !this.closed;
  }

  /** RFC 4733 through the renderer; resolves false when it cannot (then SIP INFO is the fallback). */
  async sendDigits(tones: string, durationMs: number, gapMs: number): Promise<boolean> {
    if (this.closed) return false;
    const reply = await this.router.ask({ op: 'dtmf', line_id: this.lineId, tones, duration_ms: durationMs, gap_ms: gapMs });
    return reply.ok && reply.sent !== false;
  }

  async mute(muted: boolean): Promise<void> {
    unwrap(await this.router.ask({ op: 'mute', line_id: this.lineId, muted }), 'mute');
  }

  get sdh(): SessionDescriptionHandler {
    return this;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    void this.router.ask({ op: 'close', line_id: this.lineId }).finally(() => this.router.releaseLine(this.lineId));
  }
}
