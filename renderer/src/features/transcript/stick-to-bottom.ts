// Auto-scroll of a live transcript: it follows the newest line while the person is at the
// bottom, and stops as soon as they scroll up to read (a "jump to latest" brings it back).
import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react';

/** How close to the bottom (px) still counts as "at the bottom" (rounding, a last half line). */
export const STICK_THRESHOLD_PX = 32;

export interface ScrollMetrics {
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
}

export function isAtBottom(m: ScrollMetrics, threshold = STICK_THRESHOLD_PX): boolean {
  return m.scrollHeight - m.scrollTop - m.clientHeight <= threshold;
}

export interface StickToBottom {
  /** Following the newest line. */
  stuck: boolean;
  /** New lines arrived while the person was reading further up. */
  unseen: boolean;
  onScroll(): void;
  jumpToLatest(): void;
}

/** Keeps `ref`'s element scrolled to the bottom when `content` changes, unless the person scrolled up. */
export function useStickToBottom(ref: RefObject<HTMLElement | null>, content: unknown): StickToBottom {
  const stuckRef = useRef(true);
  const [stuck, setStuck] = useState(true);
  const [unseen, setUnseen] = useState(false);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (stuckRef.current) el.scrollTop = el.scrollHeight;
    else setUnseen(true);
  }, [ref, content]);

  const onScroll = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    const bottom = isAtBottom(el);
    stuckRef.current = bottom;
    setStuck(bottom);
    if (bottom) setUnseen(false);
  }, [ref]);

  const jumpToLatest = useCallback(() => {
    const el = ref.current;
    stuckRef.current = true;
    setStuck(true);
    setUnseen(false);
    if (el) el.scrollTop = el.scrollHeight;
  }, [ref]);

  return { stuck, unseen, onScroll, jumpToLatest };
}
