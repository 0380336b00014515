// How the console's voice-activity detector cuts conversation into segments (Silero v5 through
// @ricky0123/vad-web). The library's defaults suit dictation (speech end 1.4 s after the
// speaker stops); a live transcript wants each turn as soon as it ends (DESIGN §5: ≤ 500 ms).
import type * as Ort from 'onnxruntime-web/wasm';

/** Samples per frame of the v5 model at 16 kHz: 512, i.e. 32 ms. */
export const VAD_FRAME_MS = 32;

export const CONVERSATION_VAD = {
  model: 'v5',
  /** Silero's own recommendation for v5: 0.5 to start speech, 0.15 lower to end it. */
  positiveSpeechThreshold: 0.5,
  negativeSpeechThreshold: 0.35,
  /**
   * Speech ends after 10 quiet frames (320 ms); with the model's one or two frames of decay
   * that reports the end about 400 ms after the speaker stops. Shorter would split sentences
   * at every comma.
   */
  redemptionMs: 320,
  /** A little audio before the first speech frame, so the first syllable is not clipped. */
  preSpeechPadMs: 256,
  /** "Yes", "no" and "OK" matter in a conversation: keep anything of about 200 ms. */
  minSpeechMs: 192,
  /** Hold, hang-up and a forced cut hand over the speech so far instead of dropping it. */
  submitUserSpeechOnPause: true,
} as const;

/**
 * A monologue is cut into segments of at most this length, so its text arrives while the
 * person is still talking (and a segment stays well inside the console's request size).
 */
export const MAX_SEGMENT_MS = 15_000;

/** Sample rate of the audio the detector hands over. */
export const VAD_SAMPLE_RATE = 16_000;

/**
 * One WebAssembly thread: threads need cross-origin isolation (SharedArrayBuffer), which
 * neither the hub nor the desktop window sets up, and a 2 MB model gains nothing from them.
 */
export function configureOrt(ort: typeof Ort): void {
  ort.env.logLevel = 'error';
  if (!globalThis.crossOriginIsolated) ort.env.wasm.numThreads = 1;
}
