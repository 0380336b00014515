// A target handed to the dial pad from a link (features/softphone/dial-url.ts): from the page
// address (`?dial=`, the agent must confirm before it dials) or a `tel:`/`sip:` link clicked in
// the console (prefilled only; the agent presses Call).
import { createStore, type StoreApi } from 'zustand/vanilla';

export interface ClickToDialRequest {
  target: string;
  /** Came from outside the console: ask before dialling. */
  confirm: boolean;
  /** Changes with every offer, so the same target offered twice is seen twice. */
  seq: number;
}

export interface ClickToDialState {
  request: ClickToDialRequest | null;
  /** The agent confirmed: dial as soon as the seat is registered. */
  confirmed: boolean;
  offer(target: string, confirm: boolean): void;
  confirm(): void;
  clear(): void;
}

export type ClickToDialStore = StoreApi<ClickToDialState>;

export function createClickToDialStore(): ClickToDialStore {
  let seq = 0;
  return createStore<ClickToDialState>()((set, get) => ({
    request: null,
    confirmed: false,
    offer(target, confirm) {
      set({ request: { target, confirm, seq: ++seq }, confirmed: false });
    },
    confirm() {
      if (get().request) set({ confirmed: true });
    },
    clear() {
      set({ request: null, confirmed: false });
    },
  }));
}
