import './hotkeys.css';
import { CircleX, Keyboard, RotateCcw } from 'lucide-react';
import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { chordFromEvent, chordLabel, DEFAULT_HOTKEYS, GLOBAL_HOTKEY_ACTIONS, HOTKEY_ACTIONS, type Clash, type HotkeyAction } from '../../app/hotkeys/hotkey-registry.ts';
import { hotkeysStore } from '../../app/hotkeys/hotkeys.store.ts';

/**
 * This computer's keyboard shortcuts: each action with its keys; "Change" listens for the next
 * chord, a clash is refused with the reason, "Reset" brings the default back. On the desktop
 * the actions marked "also in the background" work while another program has the focus.
 */
export function HotkeysCard() {
  const { t } = useTranslation();
  const store = hotkeysStore();
  const map = useStore(store, (s) => s.map);
  const [recording, setRecording] = useState<HotkeyAction | null>(null);
  const [problem, setProblem] = useState<{ action: HotkeyAction; clash: Clash } | null>(null);

  const explain = (clash: Clash): string =>
    clash.kind === 'action' ? t('settings.hotkeys.clash', { action: t(`settings.hotkeys.actions.${clash.action}`) }) : t(`settings.hotkeys.${clash.kind}`);

  const onKeyDown = (action: HotkeyAction) => (e: KeyboardEvent<HTMLButtonElement>) => {
    if (recording !== action) return;
    e.preventDefault();
    e.stopPropagation();
    if (e.key === 'Escape') {
      setRecording(null);
      return;
    }
    const chord = chordFromEvent(e.nativeEvent);
    if (!chord) return;
    const clash = store.getState().assign(action, chord);
    setProblem(clash ? { action, clash } : null);
    if (!clash) setRecording(null);
  };

  return (
    <section className="card hotkeys-card" aria-labelledby="settings-hotkeys" data-testid="hotkeys-card">
      <h2 id="settings-hotkeys">{t('settings.hotkeys.title')}</h2>
      <p className="muted small">{t('settings.hotkeys.hint')}</p>
      <ul className="hotkey-list">
        {HOTKEY_ACTIONS.map((action) => {
          const keys = map[action];
          const isDefault = keys.join('|') === DEFAULT_HOTKEYS[action].join('|');
          const listening = recording === action;
          return (
            <li key={action} className="hotkey-row" data-testid="hotkey-row" data-action={action}>
              <span className="hotkey-action">
                {t(`settings.hotkeys.actions.${action}`)}
                {GLOBAL_HOTKEY_ACTIONS.includes(action) && <span className="muted small hotkey-background">{t('settings.hotkeys.background')}</span>}
              </span>
              <span className="hotkey-keys" aria-label={t('settings.hotkeys.keys')}>
                {keys.map((k) => (
                  <kbd key={k}>{chordLabel(k)}</kbd>
                ))}
              </span>
              <span className="hotkey-buttons">
                <button
                  type="button"
                  className="button small"
                  aria-pressed={listening}
                  onClick={() => {
                    setProblem(null);
                    setRecording(listening ? null : action);
                  }}
                  onKeyDown={onKeyDown(action)}
                  onBlur={() => listening && setRecording(null)}
                  data-testid={`hotkey-change-${action}`}
                >
                  <Keyboard className="icon" size={16} aria-hidden="true" />
                  <span>{listening ? t('settings.hotkeys.pressKeys') : t('settings.hotkeys.change')}</span>
                </button>
                {!isDefault && (
                  <button
                    type="button"
                    className="button small ghost icon-only"
                    onClick={() => {
                      const clash = store.getState().reset(action);
                      setProblem(clash ? { action, clash } : null);
                    }}
                    title={t('settings.hotkeys.reset')}
                    aria-label={`${t('settings.hotkeys.reset')}: ${t(`settings.hotkeys.actions.${action}`)}`}
                    data-testid={`hotkey-reset-${action}`}
                  >
                    <RotateCcw className="icon" size={16} aria-hidden="true" />
                  </button>
                )}
              </span>
              {problem?.action === action && (
                <p className="inline-error small hotkey-problem" role="alert">
                  <CircleX className="icon" size={16} aria-hidden="true" />
                  <span>{explain(problem.clash)}</span>
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
