// Per-window preferences kept in localStorage: theme (follows the OS unless chosen) and
// whether this console captures a live transcript of its calls (on unless turned off).
import { createStore } from 'zustand/vanilla';

export const THEME_PREFERENCES = ['system', 'light', 'dark'] as const;
export type ThemePreference = (typeof THEME_PREFERENCES)[number];
export type Theme = 'light' | 'dark';

const THEME_KEY = 'earshot.theme';
const LIVE_TRANSCRIPT_KEY = 'earshot.liveTranscript';

function readLiveTranscript(): boolean {
  try {
    return localStorage.getItem(LIVE_TRANSCRIPT_KEY) !== 'off';
  } catch {
    return true;
  }
}

function readTheme(): ThemePreference {
  try {
    const stored = localStorage.getItem(THEME_KEY);
    if ((THEME_PREFERENCES as readonly string[]).includes(stored ?? '')) return stored as ThemePreference;
  } catch {
    // storage disabled
  }
  return 'system';
}

const darkQuery = (): MediaQueryList => window.matchMedia('(prefers-color-scheme: dark)');

export interface PreferencesState {
  theme: ThemePreference;
  /** What is on screen now: the preference, or the OS scheme for `system`. */
  resolvedTheme: Theme;
  setTheme(theme: ThemePreference): void;
  /** Transcribe this console's calls (needs the tenant's AI endpoint). */
  liveTranscript: boolean;
  setLiveTranscript(on: boolean): void;
}

export function createPreferencesStore() {
  const resolve = (pref: ThemePreference): Theme => (pref === 'system' ? (darkQuery().matches ? 'dark' : 'light') : pref);
  const initial = readTheme();
  const store = createStore<PreferencesState>()((set) => ({
    theme: initial,
    resolvedTheme: resolve(initial),
    setTheme(theme) {
      try {
        localStorage.setItem(THEME_KEY, theme);
      } catch {
        // storage disabled
      }
      set({ theme, resolvedTheme: resolve(theme) });
    },
    liveTranscript: readLiveTranscript(),
    setLiveTranscript(on) {
      try {
        localStorage.setItem(LIVE_TRANSCRIPT_KEY, on ? 'on' : 'off');
      } catch {
        // storage disabled
      }
      set({ liveTranscript: on });
    },
  }));

  const apply = (theme: Theme): void => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.colorScheme = theme;
  };
  apply(store.getState().resolvedTheme);
  store.subscribe((s) => apply(s.resolvedTheme));
  darkQuery().addEventListener('change', () => {
    const { theme } = store.getState();
    if (theme === 'system') store.setState({ resolvedTheme: resolve('system') });
  });
  return store;
}

export type PreferencesStore = ReturnType<typeof createPreferencesStore>;
