// Mounted by the shell on every view: incoming-call toasts and the line shortcuts.
import { useEffect } from 'react';
import { navigate } from '../../app/routes.ts';
import { useLines, useStores } from '../../app/stores-context.tsx';
import { ringMode } from '../../media/ring-mode.ts';
import { IncomingToasts } from './IncomingToast.tsx';
import { runLineShortcut, shortcutFor } from './shortcuts.ts';

function focusDial(): void {
  navigate('softphone');
  requestAnimationFrame(() => document.querySelector<HTMLInputElement>('[data-testid="dial-input"]')?.focus());
}

export function PhoneOverlay() {
  const { lines: linesStore } = useStores();
  const lines = useLines((s) => s.lines);
  const answer = useLines((s) => s.answer);
  const decline = useLines((s) => s.decline);

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const action = shortcutFor(event);
      if (action === null || event.repeat) return;
      if (runLineShortcut(linesStore.getState(), action, focusDial)) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [linesStore]);

  const incoming = lines.filter((l) => l.state === 'incoming');
  if (incoming.length === 0) return null;
  return (
    <IncomingToasts
      lines={incoming}
      waiting={ringMode(lines) === 'call-waiting'}
      onAnswer={(id) => void answer(id)}
      onDecline={(id) => void decline(id)}
    />
  );
}
