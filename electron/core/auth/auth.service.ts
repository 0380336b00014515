import type { ConsoleSession } from '../../../shared/contracts/console-session.ts';
import { DEFAULT_TENANT_ID } from '../../../shared/domain/tenant.ts';
import { unauthorized } from '../errors.ts';
import { DUMMY_PASSWORD_HASH, verifyPassword } from '../security/passwords.ts';
import { hashToken, newSessionToken } from '../security/tokens.ts';
import type { Store } from '../store/store.ts';
import { scopesForRole, type Principal } from './principal.ts';

const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
const CONSOLE_RATE_LIMIT_PER_MINUTE = 1200;
// Writing last_used_at on every request would cost an fsync each; a minute's precision is enough.
const TOUCH_EVERY_MS = 60_000;

export class AuthService {
  private readonly store: Store;
  private readonly touched = new Map<string, number>();

  constructor(store: Store) {
    this.store = store;
  }

  authenticateApiKey(secret: string): Principal | null {
    const key = this.store.apiKeys.findActiveByHash(hashToken(secret));
    if (!key) return null;
    const now = Date.now();
    if (now - (this.touched.get(key.id) ?? 0) > TOUCH_EVERY_MS) {
      this.touched.set(key.id, now);
      this.store.apiKeys.touch(key.id, new Date(now).toISOString());
    }
    return {
      kind: 'api-key',
      tenant_id: key.tenant_id,
      scopes: new Set(key.scopes),
      actor: `key:${key.id}`,
      rate_limit_per_minute: key.rate_limit_per_minute,
      rate_limit_per_hour: key.rate_limit_per_hour,
      rate_limit_per_day: key.rate_limit_per_day,
      agent_id: null,
    };
  }

  async login(tenantId: string | undefined, username: string, password: string): Promise<{ token: string; session: ConsoleSession }> {
    const tenant = tenantId ?? DEFAULT_TENANT_ID;
    const found = this.store.agents.findLogin(tenant, username);
    // Verify against a dummy hash for unknown users too, so response time does not reveal who exists.
    const ok = await verifyPassword(password, found?.passwordHash ?? DUMMY_PASSWORD_HASH);
    if (!found || !ok) throw unauthorized('wrong username or password');
    const token = newSessionToken();
    const expires_at = new Date(Date.now() + SESSION_TTL_MS).toISOString();
    this.store.consoleSessions.create({ token_hash: hashToken(token), agent_id: found.agent.id, tenant_id: tenant, expires_at });
    return { token, session: { agent: found.agent, tenant_id: tenant, expires_at } };
  }

  session(token: string | null): ConsoleSession | null {
    if (!token) return null;
    const row = this.store.consoleSessions.findLive(hashToken(token));
    if (!row) return null;
    const agent = this.store.agents.get(row.tenant_id, row.agent_id);
    return agent ? { agent, tenant_id: row.tenant_id, expires_at: row.expires_at } : null;
  }

  consolePrincipal(session: ConsoleSession): Principal {
    return {
      kind: 'console',
      tenant_id: session.tenant_id,
      scopes: new Set(scopesForRole(session.agent.role)),
      actor: `agent:${session.agent.id}`,
      rate_limit_per_minute: CONSOLE_RATE_LIMIT_PER_MINUTE,
      agent_id: session.agent.id,
    };
  }

  logout(token: string | null): void {
    if (token) this.store.consoleSessions.delete(hashToken(token));
  }
}
