// Who is signed in. Restores the session on load, logs in and out, and keeps the signed-in
// agent fresh from agent.* events.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CoreClient } from '../../../shared/contracts/core-client.ts';
import type { ConsoleSession, LoginRequest } from '../../../shared/contracts/console-session.ts';
import { toCoreError } from '../client/core-error.ts';

export type SessionPhase = 'restoring' | 'signed-out' | 'signing-in' | 'signed-in';

/** Why the last sign-in failed, in terms a login screen can word. */
export type LoginErrorKind = 'credentials' | 'network' | 'rate-limited' | 'expired' | 'other';

export interface LoginError {
  kind: LoginErrorKind;
  message: string;
}

export interface SessionState {
  phase: SessionPhase;
  session: ConsoleSession | null;
  error: LoginError | null;
  restore(): Promise<void>;
  /** Resolves true when signed in; false leaves the reason in `error`. */
  login(req: LoginRequest): Promise<boolean>;
  logout(): Promise<void>;
  /** The core refused the session (401 elsewhere): back to the login screen. */
  expire(): void;
}

export type SessionStore = StoreApi<SessionState>;

export function loginErrorFrom(reason: unknown): LoginError {
  const e = toCoreError(reason);
  if (e.isNetwork) return { kind: 'network', message: e.message };
  if (e.statusCode === 401 || e.statusCode === 403) return { kind: 'credentials', message: e.message };
  if (e.statusCode === 429) return { kind: 'rate-limited', message: e.message };
  return { kind: 'other', message: e.message };
}

export function createSessionStore(client: CoreClient): SessionStore {
  const store = createStore<SessionState>()((set, get) => ({
    phase: 'restoring',
    session: null,
    error: null,

    async restore() {
      set({ phase: 'restoring', error: null });
      try {
        const session = await client.call('session', undefined);
        set(session ? { phase: 'signed-in', session } : { phase: 'signed-out', session: null });
      } catch (reason) {
        const error = loginErrorFrom(reason);
        // A 401 here just means "no session"; anything else is worth saying.
        set({ phase: 'signed-out', session: null, error: error.kind === 'credentials' ? null : error });
      }
    },

    async login(req) {
      if (get().phase === 'signing-in') return false;
      set({ phase: 'signing-in', error: null });
      try {
        const tenant = req.tenant_id?.trim();
        const session = await client.call('login', {
          username: req.username.trim(),
          password: req.password,
          ...(tenant ? { tenant_id: tenant } : {}),
        });
        set({ phase: 'signed-in', session, error: null });
        return true;
      } catch (reason) {
        set({ phase: 'signed-out', session: null, error: loginErrorFrom(reason) });
        return false;
      }
    },

    async logout() {
      try {
        await client.call('logout', undefined);
      } catch {
        // Signing out locally is what matters; the cookie expires on its own.
      }
      set({ phase: 'signed-out', session: null, error: null });
    },

    expire() {
      if (get().phase !== 'signed-in') return;
      set({ phase: 'signed-out', session: null, error: { kind: 'expired', message: 'Session expired' } });
    },
  }));

  client.onEvent(({ event }) => {
    const { session } = store.getState();
    if (!session) return;
    if ((event.type === 'agent.updated' || event.type === 'agent.created') && event.agent.id === session.agent.id) {
      store.setState({ session: { ...session, agent: event.agent } });
    }
  });

  return store;
}
