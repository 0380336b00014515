// What the last hotkey did, shown for a moment wherever the person is (the shortcuts act on the
// selected call from any view, so the call card may not be on screen). One store for the page.
import { createStore } from 'zustand/vanilla';

/** Long enough to read a few words, short enough not to linger over the next action. */
export const CUE_MS = 2500;

export interface HotkeyCue {
  /** Bumped per cue, so the same words twice still show as a new cue. */
  seq: number;
  text: string;
  /** false: the keys had nothing to act on. */
  ok: boolean;
}

export const hotkeyCues = createStore<{ cue: HotkeyCue | null }>()(() => ({ cue: null }));

let timer: ReturnType<typeof setTimeout> | null = null;

export function showCue(text: string, ok: boolean): void {
  const seq = (hotkeyCues.getState().cue?.seq ?? 0) + 1;
  hotkeyCues.setState({ cue: { seq, text, ok } });
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => hotkeyCues.setState({ cue: null }), CUE_MS);
}
