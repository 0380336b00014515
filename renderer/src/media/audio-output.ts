// Playing a line's far end through its <audio> element: the chosen output device, and starting
// playback when the browser's autoplay policy allows it.

/** Routes an element to an output device where the browser supports it (Chromium does). */
export async function applySink(element: HTMLMediaElement, deviceId: string | null, log?: (m: string, e?: unknown) => void): Promise<void> {
  if (typeof element.setSinkId !== 'function') return;
  const target = deviceId ?? '';
  if (element.sinkId === target) return;
  try {
    await element.setSinkId(target);
  } catch (error) {
    // An unplugged device: stay on the default output rather than go silent.
    log?.(`could not use audio output ${target || 'default'}`, error);
    if (target !== '') await element.setSinkId('').catch(() => undefined);
  }
}

/** Autoplay may be refused before the person has touched the page: retries on the first gesture. */
export class AutoplayUnlock {
  private listening = false;
  private readonly elements: () => Iterable<HTMLMediaElement>;
  private readonly log?: (message: string, error?: unknown) => void;

  /** `elements`: every element that should be playing once the page may play audio. */
  constructor(elements: () => Iterable<HTMLMediaElement>, log?: (message: string, error?: unknown) => void) {
    this.elements = elements;
    this.log = log;
  }

  play(audio: HTMLMediaElement): void {
    audio.play().catch((error: unknown) => {
      this.log?.('remote audio did not start; waiting for a click or key', error);
      if (this.listening) return;
      this.listening = true;
      const unlock = (): void => {
        this.listening = false;
        window.removeEventListener('pointerdown', unlock, true);
        window.removeEventListener('keydown', unlock, true);
        for (const el of this.elements()) if (el.paused && el.srcObject) void el.play().catch(() => undefined);
      };
      window.addEventListener('pointerdown', unlock, true);
      window.addEventListener('keydown', unlock, true);
    });
  }
}
