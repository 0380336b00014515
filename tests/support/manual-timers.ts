import type { Timers } from '../../electron/core/transcription/transcription-queue.ts';

/** Timers the test fires itself: a back-off schedule is read, never waited for. */
export class ManualTimers implements Timers {
  readonly pending = new Set<{ fn: () => void; ms: number }>();
  set(fn: () => void, ms: number) {
    const t = { fn, ms };
    this.pending.add(t);
    return t;
  }
  clear(handle: unknown) {
    this.pending.delete(handle as { fn: () => void; ms: number });
  }
  delays() {
    return [...this.pending].map((t) => t.ms);
  }
  fireAll() {
    for (const t of [...this.pending]) {
      this.pending.delete(t);
      t.fn();
    }
  }
}
