// The one microphone capture the console's lines share (each line sends a clone of its track).
// Started on the first call that needs it, stopped when none does, so the OS microphone
// indicator is on only during calls.

export class MicrophoneCapture {
  private pending: Promise<MediaStream> | null = null;
  private stream: MediaStream | null = null;
  private readonly deviceId: () => string | null;

  /** `deviceId`: the chosen microphone, or null for the default. */
  constructor(deviceId: () => string | null) {
    this.deviceId = deviceId;
  }

  /** Capturing, or starting to. */
  get started(): boolean {
    return this.pending !== null;
  }

  /** The capture once it has started, else null. */
  get current(): MediaStream | null {
    return this.stream;
  }

  /** The shared capture, started if need be. */
  get(): Promise<MediaStream> {
    if (!this.pending) {
      const deviceId = this.deviceId();
      const audio: MediaTrackConstraints = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };
      if (deviceId) audio.deviceId = { exact: deviceId };
      const pending = navigator.mediaDevices
        .getUserMedia({ audio, video: false })
        .catch((error: unknown) => {
          // A chosen microphone that is gone (unplugged headset): fall back to the default.
          if (deviceId && error instanceof DOMException && error.name === 'OverconstrainedError') {
            return navigator.mediaDevices.getUserMedia({ audio: { ...audio, deviceId: undefined }, video: false });
          }
          throw error;
        })
        .then((stream) => {
          if (this.pending === pending) this.stream = stream;
          return stream;
        });
      this.pending = pending;
      // A failed capture is not cached: the next call asks again (permission may be granted now).
      pending.catch(() => {
        if (this.pending === pending) this.pending = null;
      });
    }
    return this.pending.catch((error: unknown) => {
      throw new Error(`Microphone unavailable: ${errorMessage(error)}`, { cause: error });
    });
  }

  /**
   * Forgets the capture without stopping it and returns it: the next get() captures afresh (from
   * another device) while the lines still send the old one until they are moved over.
   */
  detach(): MediaStream | null {
    const old = this.stream;
    this.pending = null;
    this.stream = null;
    return old;
  }

  /** Stops the capture (one still starting is stopped when it arrives). */
  release(): void {
    const pending = this.pending;
    stopStream(this.detach());
    void pending?.then(stopStream, () => undefined);
  }
}

export function stopStream(stream: MediaStream | null | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
