// Mounted by the shell on every view: incoming-call toasts, the line shortcuts, and
// click-to-dial (a link's target opens the softphone; `tel:`/`sip:` links clicked anywhere in
// the console go to the dial input instead of the operating system).
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../app/routes.ts';
import { useClickToDial, useLines, useStores } from '../../app/stores-context.tsx';
import { ringMode } from '../../media/ring-mode.ts';
import { dialTargetFromLink } from './dial-url.ts';
import { IncomingToasts } from './IncomingToast.tsx';
import { onGlobalHotkey } from '../../app/hotkeys/desktop-hotkeys.ts';
import { showCue } from '../../app/hotkeys/hotkey-cue.ts';
import { useFormat } from '../../app/use-format.ts';
import { remoteName } from './LineCard.tsx';
import { LINE_SHORTCUTS, lineShortcutCue, runLineShortcut, shortcutFor, shortcutLabel, type LineShortcut } from './shortcuts.ts';

function focusDial(): void {
  navigate('softphone');
  requestAnimationFrame(() => document.querySelector<HTMLInputElement>('[data-testid="dial-input"]')?.focus());
}

export function PhoneOverlay() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { lines: linesStore, clickToDial } = useStores();
  const linkRequest = useClickToDial((s) => s.request);

  useEffect(() => {
    if (linkRequest) navigate('softphone');
  }, [linkRequest]);

  useEffect(() => {
    const onClick = (event: MouseEvent): void => {
      if (event.defaultPrevented || event.button !== 0 || !(event.target instanceof Element)) return;
      const anchor = event.target.closest<HTMLAnchorElement>('a[href]');
      const target = anchor ? dialTargetFromLink(anchor.getAttribute('href') ?? '') : null;
      if (target === null) return;
      event.preventDefault();
      clickToDial.getState().offer(target, false);
    };
    document.addEventListener('click', onClick);
    return () => document.removeEventListener('click', onClick);
  }, [clickToDial]);
  const lines = useLines((s) => s.lines);
  const answer = useLines((s) => s.answer);
  const decline = useLines((s) => s.decline);

  useEffect(() => {
    // Runs the shortcut and shows what it did (or that there was nothing to act on).
    const run = (action: LineShortcut): boolean => {
      const before = linesStore.getState();
      const acted = runLineShortcut(before, action, focusDial);
      const cue = lineShortcutCue(before, linesStore.getState(), action);
      if (cue) {
        const what = cue.done === 'nothing' ? t(`cue.nothing.${cue.action}`) : t(`cue.${cue.done}`, { party: remoteName(cue.line, fmt.phone).name || t('line.unknownCaller') });
        showCue(`${shortcutLabel(action).split(', ')[0]} · ${what}`, cue.done !== 'nothing');
      }
      return acted;
    };
    const onKey = (event: KeyboardEvent): void => {
      const action = shortcutFor(event);
      if (action === null || event.repeat) return;
      if (run(action)) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    const offGlobal = onGlobalHotkey((action) => {
      if ((LINE_SHORTCUTS as readonly string[]).includes(action)) run(action as LineShortcut);
    });
    return () => {
      window.removeEventListener('keydown', onKey);
      offGlobal();
    };
  }, [linesStore, t, fmt]);

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
