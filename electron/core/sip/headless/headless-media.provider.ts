import type { LineMedia, MediaProvider } from '../line-media.ts';
import { HeadlessSdh } from './headless.sdh.ts';
import { WavSource } from './wav-source.ts';

export interface HeadlessProviderOptions {
  bindAddress: string;
  /** Played to every caller, looped (e.g. a greeting or hold music), decoded once. */
  pcm?: () => Promise<Int16Array>;
  onDtmf?(lineId: string, digit: string): void;
  /** False: listen-only seat, answers recvonly and sends no RTP (the agent's `sip.send_audio`). */
  sendAudio?: boolean;
}

/** Media in the core itself (RTP, G.711): seats that answer with no person and no console. */
export class HeadlessMediaProvider implements MediaProvider {
  readonly available = true;
  readonly autoAnswer = true;
  private readonly o: HeadlessProviderOptions;

  constructor(options: HeadlessProviderOptions) {
    this.o = options;
  }

  bindLine(): boolean {
    return true;
  }

  create(lineId: string): LineMedia {
    const pcm = this.o.pcm?.();
    const sdh = new HeadlessSdh({
      bindAddress: this.o.bindAddress,
      source: pcm?.then((p) => new WavSource(p, true)),
      onDtmf: (digit) => this.o.onDtmf?.(lineId, digit),
      sendAudio: this.o.sendAudio,
    });
    return {
      sdh,
      sendDigits: async (tones, duration, interToneGap) => sdh.sendDtmf(tones, { duration, interToneGap }),
      mute: async (on) => sdh.media.setMuted(on),
    };
  }
}
