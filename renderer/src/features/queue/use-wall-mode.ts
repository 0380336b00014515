import { useCallback, useEffect, useState } from 'react';

/** `#/queue?wall=1` opens the wallboard in wall mode, so a wall screen can be pointed at it. */
export const wallModeRequested = (hash: string): boolean => /[?&]wall=1(?:&|$)/.test(hash);

/**
 * Wall mode: the wallboard alone, without navigation or status bar, larger. It is an
 * attribute on <html> (the shell's CSS reacts to it) for as long as the wallboard is shown;
 * Escape leaves it.
 */
export function useWallMode(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(() => wallModeRequested(window.location.hash));

  useEffect(() => {
    const root = document.documentElement;
    if (on) root.dataset.wallMode = 'on';
    else delete root.dataset.wallMode;
    return () => {
      delete root.dataset.wallMode;
    };
  }, [on]);

  useEffect(() => {
    if (!on) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape' && !e.defaultPrevented) setOn(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [on]);

  return [on, useCallback((next: boolean) => setOn(next), [])];
}
