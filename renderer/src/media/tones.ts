// Ringtone, call-waiting beep and the settings test tone: generated with WebAudio oscillators into
// a MediaStream that plays through an <audio> element (DESIGN §10), so each can go to its own
// output device (the ring device may be a loudspeaker while the headset carries calls).
import { applySink } from './audio-output.ts';
import type { RingMode } from './ring-mode.ts';

interface Beep {
  /** Seconds from the start of the pattern. */
  at: number;
  length: number;
}

interface Pattern {
  frequencies: number[];
  gain: number;
  beeps: Beep[];
  /** The pattern repeats every `period` seconds. */
  period: number;
}

/** A soft double ring (two 0.4 s bursts), every 3 s. */
const RING: Pattern = {
  frequencies: [440, 480],
  gain: 0.12,
  beeps: [
    { at: 0, length: 0.4 },
    { at: 0.6, length: 0.4 },
  ],
  period: 3,
};

/** Call waiting: two short quiet beeps every 6 s, heard over the call in progress. */
const CALL_WAITING: Pattern = {
  frequencies: [440],
  gain: 0.06,
  beeps: [
    { at: 0, length: 0.15 },
    { at: 0.3, length: 0.15 },
  ],
  period: 6,
};

const TEST_TONE: Pattern = { frequencies: [523.25, 659.25], gain: 0.1, beeps: [{ at: 0, length: 1.2 }], period: 1.2 };

/** Ramps keep beeps from clicking. */
const RAMP = 0.015;

/** One oscillator graph ending in an <audio> element on a chosen output. */
class TonePlayer {
  private context: AudioContext | null = null;
  private gain: GainNode | null = null;
  private oscillators: OscillatorNode[] = [];
  private audio: HTMLAudioElement | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  async start(pattern: Pattern, deviceId: string | null, repeat: boolean, testId: string): Promise<void> {
    this.stop();
    const context = new AudioContext();
    const destination = context.createMediaStreamDestination();
    const gain = context.createGain();
    gain.gain.value = 0;
    gain.connect(destination);
    this.oscillators = pattern.frequencies.map((frequency) => {
      const osc = context.createOscillator();
      osc.frequency.value = frequency;
      osc.connect(gain);
      osc.start();
      return osc;
    });
    const audio = document.createElement('audio');
    audio.autoplay = true;
    audio.hidden = true;
    audio.dataset.testid = testId;
    audio.srcObject = destination.stream;
    document.body.append(audio);
    this.context = context;
    this.gain = gain;
    this.audio = audio;

    await applySink(audio, deviceId);
    await context.resume().catch(() => undefined);
    await audio.play().catch(() => undefined);
    if (this.context !== context) return; // stopped meanwhile

    const schedule = (): void => {
      const t0 = context.currentTime + 0.05;
      for (const beep of pattern.beeps) {
        const start = t0 + beep.at;
        const end = start + beep.length;
        gain.gain.setValueAtTime(0, start);
        gain.gain.linearRampToValueAtTime(pattern.gain, start + RAMP);
        gain.gain.setValueAtTime(pattern.gain, end - RAMP);
        gain.gain.linearRampToValueAtTime(0, end);
      }
    };
    schedule();
    if (repeat) this.timer = setInterval(schedule, pattern.period * 1000);
    else this.timer = setTimeout(() => this.stop(), (pattern.period + 0.2) * 1000);
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    for (const osc of this.oscillators) osc.stop();
    this.oscillators = [];
    this.gain?.disconnect();
    this.gain = null;
    void this.context?.close().catch(() => undefined);
    this.context = null;
    if (this.audio) {
      this.audio.pause();
      this.audio.srcObject = null;
      this.audio.remove();
    }
    this.audio = null;
  }
}

export interface RingerOptions {
  /** Output for the ringtone: the ring device when set, else the speaker. */
  ringDeviceId(): string | null;
  /** Output for calls (the headset): the call-waiting beep plays here. */
  speakerId(): string | null;
}

/** Plays what `ringMode` says; setting the same mode again changes nothing. */
export class Ringer {
  private mode: RingMode = 'none';
  private readonly player = new TonePlayer();
  private readonly options: RingerOptions;

  constructor(options: RingerOptions) {
    this.options = options;
  }

  set(mode: RingMode): void {
    if (mode === this.mode) return;
    this.mode = mode;
    this.player.stop();
    if (mode === 'ring') void this.player.start(RING, this.options.ringDeviceId() ?? this.options.speakerId(), true, 'ringtone');
    if (mode === 'call-waiting') void this.player.start(CALL_WAITING, this.options.speakerId(), true, 'ringtone');
  }

  /** Devices changed: restart what is playing on the new output. */
  refresh(): void {
    const mode = this.mode;
    this.mode = 'none';
    this.player.stop();
    this.set(mode);
  }

  stop(): void {
    this.set('none');
  }
}

const testPlayer = new TonePlayer();

/** A short chord on an output device, for the settings' "Play test sound". */
export function playTestTone(deviceId: string | null): Promise<void> {
  return testPlayer.start(TEST_TONE, deviceId, false, 'test-tone');
}
