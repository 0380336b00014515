// Hash routing: `#/history/42` opens call 42 in History, `#/live/42` follows live call 42. Tiny on purpose.
import { useSyncExternalStore } from 'react';

export const VIEWS = ['softphone', 'live', 'queue', 'history', 'assistants', 'settings'] as const;
export type View = (typeof VIEWS)[number];

export interface Route {
  view: View;
  /** History: the call whose detail is open; Live calls: the call being followed. */
  callId: number | null;
}

export const DEFAULT_VIEW: View = 'softphone';

export function parseHash(hash: string): Route {
  // A query after the route (`#/softphone?dial=1002`) is not part of it.
  const parts = hash.replace(/^#\/?/, '').split('?')[0]!.split('/').filter(Boolean);
  const view = (VIEWS as readonly string[]).includes(parts[0] ?? '') ? (parts[0] as View) : DEFAULT_VIEW;
  const id = (view === 'history' || view === 'live') && parts[1] !== undefined ? Number(parts[1]) : NaN;
  return { view, callId: Number.isInteger(id) && id > 0 ? id : null };
}

export function hrefFor(view: View, callId?: number | null): string {
  return callId ? `#/${view}/${callId}` : `#/${view}`;
}

export function navigate(view: View, callId?: number | null): void {
  const href = hrefFor(view, callId);
  if (window.location.hash !== href) window.location.hash = href;
}

const subscribe = (onChange: () => void): (() => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseHash(hash);
}
