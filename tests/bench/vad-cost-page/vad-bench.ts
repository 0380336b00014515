// Runs in headless Chromium for tests/bench/vad-cost.ts: the console's VAD (Silero v5 through
// @ricky0123/vad-web, with the console's own options and assets) on microphone streams, with
// hooks the bench drives through `window.vadBench`.
import { MicVAD } from '@ricky0123/vad-web';
import { vadAssetBase } from '../../../renderer/src/media/vad-assets.ts';
import { configureOrt, CONVERSATION_VAD, VAD_FRAME_MS } from '../../../renderer/src/media/vad-options.ts';

interface Running {
  context: AudioContext;
  streams: MediaStream[];
  vads: MicVAD[];
  sources: MediaStreamAudioSourceNode[];
}

let running: Running | null = null;
let frameMs: number[] = [];
let speechEnds = 0;

async function newVad(stream: MediaStream | null, context: AudioContext | null, onSpeechEnd: () => void): Promise<MicVAD> {
  const base = vadAssetBase();
  const vad = await MicVAD.new({
    ...CONVERSATION_VAD,
    baseAssetPath: base,
    onnxWASMBasePath: base,
    ortConfig: configureOrt,
    ...(context ? { audioContext: context } : {}),
    getStream: async () => stream ?? new MediaStream(),
    pauseStream: async () => undefined,
    resumeStream: async (s) => s,
    startOnLoad: false,
    onSpeechEnd,
  });
  // Time the work each 32 ms frame costs the page: inference plus the detector's bookkeeping.
  const process = vad.processFrame;
  vad.processFrame = async (frame) => {
    const t0 = performance.now();
    await process(frame);
    frameMs.push(performance.now() - t0);
  };
  return vad;
}

/** Two microphone captures (the fake device) and an audio graph; with `legs` VADs on them. */
async function setup(legs: number): Promise<void> {
  const context = new AudioContext();
  await context.resume();
  const streams = await Promise.all([0, 1].map(() => navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true } })));
  const vads: MicVAD[] = [];
  const sources: MediaStreamAudioSourceNode[] = [];
  for (let i = 0; i < streams.length; i++) {
    if (i < legs) {
      const vad = await newVad(streams[i]!, context, () => void speechEnds++);
      await vad.start();
      vads.push(vad);
    } else {
      // The baseline keeps the same capture and graph running, without a detector.
      const source = new MediaStreamAudioSourceNode(context, { mediaStream: streams[i]! });
      source.connect(new AnalyserNode(context));
      sources.push(source);
    }
  }
  frameMs = [];
  speechEnds = 0;
  running = { context, streams, vads, sources };
}

function takeFrameCosts(): { frameMs: number[]; speechEnds: number } {
  const out = { frameMs, speechEnds };
  frameMs = [];
  speechEnds = 0;
  return out;
}

async function teardown(): Promise<void> {
  if (!running) return;
  for (const vad of running.vads) await vad.destroy();
  for (const source of running.sources) source.disconnect();
  for (const stream of running.streams) for (const track of stream.getTracks()) track.stop();
  await running.context.close();
  running = null;
}

/**
 * Speech-end detection delay: the WAV at `url` is decoded to 16 kHz and fed frame by frame to
 * a detector (no clock involved). Each reported end is compared with the true end of the
 * speech before it (the last 10 ms window above the level threshold).
 */
async function detectionDelays(url: string): Promise<{ delaysMs: number[]; trueEnds: number; detected: number }> {
  const bytes = await (await fetch(url)).arrayBuffer();
  const decoded = await new OfflineAudioContext(1, 1, 16000).decodeAudioData(bytes);
  const offline = new OfflineAudioContext(1, Math.ceil(decoded.duration * 16000), 16000);
  const src = offline.createBufferSource();
  src.buffer = decoded;
  src.connect(offline.destination);
  src.start();
  const samples = (await offline.startRendering()).getChannelData(0);

  // Ground truth: speech ends where at least 600 ms of quiet follows a loud 10 ms window.
  const win = 160;
  const loud: boolean[] = [];
  for (let i = 0; i + win <= samples.length; i += win) {
    let sum = 0;
    for (let j = i; j < i + win; j++) sum += samples[j]! * samples[j]!;
    loud.push(Math.sqrt(sum / win) > 0.01);
  }
  const trueEnds: number[] = [];
  for (let i = 0; i < loud.length; i++) {
    if (!loud[i]) continue;
    const quiet = loud.slice(i + 1, i + 61);
    if (quiet.length === 60 && quiet.every((l) => !l)) trueEnds.push((i + 1) * 10);
  }

  const ends: number[] = [];
  let frameIndex = 0;
  const vad = await newVad(null, null, () => void ends.push((frameIndex + 1) * VAD_FRAME_MS));
  // Driven by hand: the detector's frame processor is switched on without an audio graph.
  (vad as unknown as { frameProcessor: { resume(): void } }).frameProcessor.resume();
  const frameSamples = (VAD_FRAME_MS * 16000) / 1000;
  for (; (frameIndex + 1) * frameSamples <= samples.length; frameIndex++) {
    await vad.processFrame(samples.slice(frameIndex * frameSamples, (frameIndex + 1) * frameSamples));
  }
  await vad.destroy().catch(() => undefined);
  frameMs = [];
  const delaysMs = ends.map((end) => end - Math.max(...trueEnds.filter((t) => t <= end))).filter((d) => Number.isFinite(d));
  return { delaysMs, trueEnds: trueEnds.length, detected: ends.length };
}

(window as unknown as { vadBench: unknown }).vadBench = { setup, takeFrameCosts, teardown, detectionDelays };
document.title = 'ready';
