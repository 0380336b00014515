// `headlessSdhFactory(options)` → a sip.js SessionDescriptionHandlerFactory for
// UserAgentOptions.sessionDescriptionHandlerFactory. The WAV (if any) is decoded once per factory
// and shared read-only; each session gets its own HeadlessSdh, RTP socket and cursor.
import type { Session, SessionDescriptionHandlerFactory } from 'sip.js';
import { HeadlessSdh } from './headless.sdh.ts';
import type { MediaStats, RtpSession } from './rtp-session.ts';
import { decodeWav, WavSource } from './wav-source.ts';
import { readFile } from 'node:fs/promises';

export interface HeadlessSdhFactoryOptions {
  bindAddress: string;
  advertisedAddress?: string;
  /** WAV played to every call (any rate/channels; converted to 8 kHz mono). Default: silence. */
  wavFile?: string;
  /** Loop the WAV (default false: play once, then silence). */
  loop?: boolean;
  onDtmf?: (digit: string, session: Session) => void;
  /** Periodic and final media stats of each call. */
  onStats?: (stats: MediaStats, session: Session) => void;
  /** Interval of onStats while the call lives (default 1000 ms). */
  statsIntervalMs?: number;
  /** A new call's media object, as soon as its SDH exists. */
  onMedia?: (media: RtpSession, session: Session) => void;
  windowMs?: number;
  audioThreshold?: number;
}

export function headlessSdhFactory(options: HeadlessSdhFactoryOptions): SessionDescriptionHandlerFactory {
  let pcm: Promise<Int16Array> | undefined;
  const wav = options.wavFile;
  return (session: Session): HeadlessSdh => {
    if (wav) pcm ??= readFile(wav).then(decodeWav);
    let timer: NodeJS.Timeout | undefined;
    const sdh: HeadlessSdh = new HeadlessSdh({
      bindAddress: options.bindAddress,
      advertisedAddress: options.advertisedAddress,
      source: pcm?.then((p) => new WavSource(p, options.loop ?? false)),
      onDtmf: options.onDtmf && ((digit) => options.onDtmf!(digit, session)),
      windowMs: options.windowMs,
      audioThreshold: options.audioThreshold,
      onClose: () => {
        clearInterval(timer);
        options.onStats?.(sdh.media.stats(), session);
      },
    });
    const onStats = options.onStats;
    if (onStats) {
      timer = setInterval(() => onStats(sdh.media.stats(), session), options.statsIntervalMs ?? 1000);
      timer.unref();
    }
    options.onMedia?.(sdh.media, session);
    return sdh;
  };
}

/** The media object of a session whose SDH is headless (undefined before offer/answer began). */
export function headlessMedia(session: Session): RtpSession | undefined {
  const sdh = session.sessionDescriptionHandler;
  return sdh instanceof HeadlessSdh ? sdh.media : undefined;
}
