// A supervisor's controls on live AI calls (shared/contracts/ai-client.ts). Keeps, per call,
// whether a request is in flight and what the last one did, so the panel can say so.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CoreClient } from '../../../shared/contracts/core-client.ts';
import { requestError, type RequestError } from './errors.ts';

export type AiAction = 'whisper' | 'say' | 'stop' | 'transfer' | 'hangup';

export interface AiControlState {
  busy: AiAction | null;
  done: AiAction | null;
  error: RequestError | null;
}

export interface AiControlsState {
  byCall: Record<number, AiControlState>;
  /** Sends one control; resolves true when the core accepted it. */
  send(callId: number, action: AiAction, value?: string): Promise<boolean>;
  reset(): void;
}

export type AiControlsStore = StoreApi<AiControlsState>;

const IDLE: AiControlState = { busy: null, done: null, error: null };

export function createAiControlsStore(client: CoreClient): AiControlsStore {
  return createStore<AiControlsState>()((set) => {
    const patch = (callId: number, next: Partial<AiControlState>) =>
      set((s) => ({ byCall: { ...s.byCall, [callId]: { ...(s.byCall[callId] ?? IDLE), ...next } } }));
    const request = (callId: number, action: AiAction, value: string) => {
      switch (action) {
        case 'whisper':
          return client.call('aiWhisper', { call_id: callId, text: value });
        case 'say':
          return client.call('aiSay', { call_id: callId, text: value });
        case 'stop':
          return client.call('aiStop', { call_id: callId });
        case 'transfer':
          return client.call('aiTransfer', { call_id: callId, target: value });
        case 'hangup':
          return client.call('aiHangup', { call_id: callId });
      }
    };
    return {
      byCall: {},
      async send(callId, action, value = '') {
        patch(callId, { busy: action, done: null, error: null });
        try {
          await request(callId, action, value);
          patch(callId, { busy: null, done: action });
          return true;
        } catch (reason) {
          patch(callId, { busy: null, error: requestError(reason) });
          return false;
        }
      },
      reset: () => set({ byCall: {} }),
    };
  });
}

export const aiControlOf = (state: AiControlsState, callId: number): AiControlState => state.byCall[callId] ?? IDLE;
