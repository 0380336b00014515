// A microphone level for the settings' meter: its own capture of the chosen device, analysed
// with WebAudio (analysis only; nothing is played).
import { useEffect, useState } from 'react';

/** RMS of a frame of samples in [-1, 1], mapped to 0..1 on a rough dB scale (-60 dB → 0). */
export function levelFromSamples(samples: Float32Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const s of samples) sum += s * s;
  const rms = Math.sqrt(sum / samples.length);
  if (rms <= 0) return 0;
  const db = 20 * Math.log10(rms);
  return Math.min(1, Math.max(0, (db + 60) / 60));
}

export type MicLevelState = { status: 'starting' | 'live'; level: number } | { status: 'error'; level: 0; message: string };

/** The level of `deviceId` (null = default) while `active`, about ten times a second. */
export function useMicLevel(active: boolean, deviceId: string | null): MicLevelState {
  // Each reading says which device it is for, so a device change reads as "starting" again.
  const [reading, setReading] = useState<{ device: string | null; state: MicLevelState } | null>(null);
  useEffect(() => {
    const setState = (state: MicLevelState): void => setReading({ device: deviceId, state });
    if (!active) return;
    let stopped = false;
    let stream: MediaStream | null = null;
    let context: AudioContext | null = null;
    let timer: ReturnType<typeof setInterval> | null = null;
    const audio: MediaTrackConstraints = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };
    if (deviceId) audio.deviceId = { exact: deviceId };
    navigator.mediaDevices
      .getUserMedia({ audio, video: false })
      .then((s) => {
        if (stopped) {
          for (const track of s.getTracks()) track.stop();
          return;
        }
        stream = s;
        context = new AudioContext();
        const analyser = context.createAnalyser();
        analyser.fftSize = 1024;
        context.createMediaStreamSource(s).connect(analyser);
        const frame = new Float32Array(analyser.fftSize);
        timer = setInterval(() => {
          analyser.getFloatTimeDomainData(frame);
          setState({ status: 'live', level: levelFromSamples(frame) });
        }, 100);
      })
      .catch((error: unknown) => {
        if (!stopped) setState({ status: 'error', level: 0, message: error instanceof Error ? error.message : String(error) });
      });
    return () => {
      stopped = true;
      if (timer !== null) clearInterval(timer);
      void (context as AudioContext | null)?.close().catch(() => undefined);
      for (const track of (stream as MediaStream | null)?.getTracks() ?? []) track.stop();
    };
  }, [active, deviceId]);
  return reading !== null && reading.device === deviceId ? reading.state : { status: 'starting', level: 0 };
}
