import type { SessionDescriptionHandler } from 'sip.js';
import type { MonitorMode } from '../../../shared/contracts/monitor-client.ts';

export interface LineMediaHooks {
  /** Every SDP the far end sends, so the line can notice a remote hold. */
  onRemoteSdp(sdp: string): void;
}

/** One line's media, whoever carries it (a console's WebRTC, or the core's own RTP). */
export interface LineMedia {
  readonly sdh: SessionDescriptionHandler;
  /** RFC 4733; false when it cannot be sent that way (the line falls back to SIP INFO). */
  sendDigits(tones: string, durationMs: number, gapMs: number): Promise<boolean>;
  mute(on: boolean): Promise<void>;
}

/** Where a seat's calls get their media. */
export interface MediaProvider {
  /** True when a new call could get media now. */
  readonly available: boolean;
  /** Answer inbound calls at once, without a person (headless seats). */
  readonly autoAnswer: boolean;
  /** Reserves media for a new line (beside `nearLineId`'s when given); false when there is none. */
  bindLine(lineId: string, nearLineId?: string): boolean;
  create(lineId: string, hooks: LineMediaHooks): LineMedia;
  /**
   * Mixes a supervisor's monitor call `lineId` with the call `targetLineId` in `mode` (peer
   * monitoring, DESIGN §4); absent where nothing can mix (headless seats refuse monitoring).
   */
  monitor?(lineId: string, targetLineId: string, mode: MonitorMode): Promise<void>;
}
