// Wires live-transcript capture into the console: the detectors follow this console's lines
// and their media, run while the tenant's AI is configured and the person wants a transcript,
// and their segments go to the core. A 409 `ai_unconfigured` pauses capture until the AI state
// changes (the status bar says why; nothing else is shown).
import type { CoreClient } from '../../../shared/contracts/core-client.ts';
import type { PreferencesStore } from '../app/preferences.ts';
import type { LinesStore } from '../state/lines.store.ts';
import type { SessionStore } from '../state/session.store.ts';
import type { StatusStore } from '../state/status.store.ts';
import { CallVad, type CallVadOptions } from './call-vad.ts';
import { startLegVad } from './leg-vad.ts';
import type { MediaEngine } from './media-engine.ts';
import { segmentSubmission } from './segment-audio.ts';
import { SegmentSender } from './segment-sender.ts';

export interface LiveTranscriptCapture {
  vad: CallVad;
  sender: SegmentSender;
  stop(): void;
}

/**
 * The detectors' audio context. Without a click or key press yet (a call answered by itself)
 * the browser may start it suspended: it resumes on the first gesture.
 */
export function createVadAudioContext(): AudioContext {
  const context = new AudioContext();
  if (context.state === 'suspended') {
    const resume = (): void => {
      window.removeEventListener('pointerdown', resume, true);
      window.removeEventListener('keydown', resume, true);
      if (context.state === 'suspended') void context.resume().catch(() => undefined);
    };
    void context.resume().catch(() => undefined);
    window.addEventListener('pointerdown', resume, true);
    window.addEventListener('keydown', resume, true);
  }
  return context;
}

export function startLiveTranscript(
  client: CoreClient,
  stores: { session: SessionStore; status: StatusStore; lines: LinesStore; preferences: PreferencesStore },
  engine: Pick<MediaEngine, 'legs' | 'onLegsChanged'>,
  /** The detector and its audio context (tests run the wiring without WebAudio). */
  audio: Pick<CallVadOptions, 'startLegVad' | 'createAudioContext'> = { startLegVad, createAudioContext: createVadAudioContext },
): LiveTranscriptCapture {
  const log = (message: string, error?: unknown): void => console.warn(`[transcript] ${message}`, error ?? '');
  let refused = false;

  const sender = new SegmentSender({
    submit: (segment) => client.call('submitSegment', segment),
    onUnconfigured: () => {
      refused = true;
      update();
    },
    log,
  });
  const vad = new CallVad({
    legs: (lineId) => engine.legs(lineId),
    lines: () => stores.lines.getState().lines,
    onSegment: (segment) => void sender.send(segmentSubmission(segment)),
    ...audio,
    log,
  });

  function update(): void {
    const ai = stores.status.getState().status?.ai.state;
    const wanted = stores.session.getState().phase === 'signed-in' && ai !== undefined && ai !== 'unconfigured' && stores.preferences.getState().liveTranscript && !refused;
    vad.setEnabled(wanted);
  }

  const offs = [
    engine.onLegsChanged(() => vad.sync()),
    stores.lines.subscribe((next, prev) => {
      if (next.lines !== prev.lines) vad.sync();
    }),
    stores.status.subscribe((next, prev) => {
      // Whatever made the core refuse may be fixed now: try again on the next segment.
      if (next.status?.ai.state !== prev.status?.ai.state) refused = false;
      update();
    }),
    stores.preferences.subscribe((next, prev) => {
      if (next.liveTranscript !== prev.liveTranscript) update();
    }),
    stores.session.subscribe((next, prev) => {
      if (next.phase !== prev.phase) update();
    }),
  ];
  update();

  return {
    vad,
    sender,
    stop() {
      for (const off of offs) off();
      vad.stop();
    },
  };
}
