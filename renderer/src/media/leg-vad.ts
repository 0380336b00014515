// Silero VAD (@ricky0123/vad-web's MicVAD) on one leg of a call: a stream the call already
// owns (the far end's track, or the line's microphone clone). The library is loaded on first
// use, so a console that never runs a transcript never downloads it.
import { vadAssetBase } from './vad-assets.ts';
import { configureOrt, CONVERSATION_VAD, MAX_SEGMENT_MS, VAD_FRAME_MS } from './vad-options.ts';

export interface LegVad {
  /** Stops listening (the speech so far is handed over as a segment). */
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** Hands over the speech so far, then releases the model and the audio nodes. */
  destroy(): Promise<void>;
}

export interface LegVadOptions {
  stream: MediaStream;
  /** Shared by every leg of the console (one audio thread). */
  audioContext: AudioContext;
  /** 16 kHz samples of one stretch of speech and when it ended (ms since the epoch). */
  onSegment(samples: Float32Array, endedAtMs: number): void;
  assetBase?: string;
}

export type StartLegVad = (options: LegVadOptions) => Promise<LegVad>;

const MAX_SEGMENT_FRAMES = Math.floor(MAX_SEGMENT_MS / VAD_FRAME_MS);

export const startLegVad: StartLegVad = async (options) => {
  const { MicVAD } = await import('@ricky0123/vad-web');
  const base = options.assetBase ?? vadAssetBase();
  let speaking = false;
  let speechFrames = 0;
  let paused = false;
  // pause/resume/cut/destroy touch the same audio nodes: one after another.
  let queue: Promise<void> = Promise.resolve();
  const serial = (step: () => Promise<void>): Promise<void> => (queue = queue.then(step, step));

  const vad = await MicVAD.new({
    ...CONVERSATION_VAD,
    baseAssetPath: base,
    onnxWASMBasePath: base,
    ortConfig: configureOrt,
    audioContext: options.audioContext,
    getStream: async () => options.stream,
    // The call owns these tracks: pausing the detector must never stop them.
    pauseStream: async () => undefined,
    resumeStream: async (stream) => stream,
    startOnLoad: true,
    onSpeechStart: () => {
      speaking = true;
      speechFrames = 0;
    },
    onVADMisfire: () => {
      speaking = false;
    },
    onSpeechEnd: (samples) => {
      speaking = false;
      options.onSegment(samples, Date.now());
    },
    onFrameProcessed: () => {
      if (!speaking || ++speechFrames < MAX_SEGMENT_FRAMES) return;
      // A long monologue: hand over what there is and carry on listening.
      speaking = false;
      void serial(async () => {
        if (paused) return;
        await vad.pause();
        await vad.start();
      });
    },
  });

  return {
    pause: () =>
      serial(async () => {
        paused = true;
        await vad.pause();
      }),
    resume: () =>
      serial(async () => {
        paused = false;
        await vad.start();
      }),
    destroy: () =>
      serial(async () => {
        paused = true;
        await vad.destroy();
      }),
  };
};
