import type { ApiScope } from '../../../shared/domain/api-key.ts';
import { API_SCOPES } from '../../../shared/domain/api-key.ts';
import { AGENT_ROLES, type AgentRole } from '../../../shared/domain/agent.ts';
import { AgentsService } from '../services/agents.service.ts';
import { ApiKeysService } from '../services/api-keys.service.ts';
import { openStore } from './open-store.ts';

const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

export class UsageError extends Error {}

export function parseScopes(text: string): ApiScope[] {
  const scopes = text.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = scopes.filter((s) => !(API_SCOPES as readonly string[]).includes(s));
  if (bad.length || scopes.length === 0) throw new UsageError(`--scopes takes a comma list of ${API_SCOPES.join(', ')} (got '${text}')`);
  return scopes as ApiScope[];
}

function withStore<T>(dataDir: string, fn: (s: ReturnType<typeof openStore>) => T): T {
  const opened = openStore(dataDir);
  try {
    return fn(opened);
  } finally {
    opened.store.close();
  }
}

export function migrateCommand(dataDir: string): void {
  withStore(dataDir, ({ store }) => print({ data_dir: dataDir, schema_version: store.health().schemaVersion }));
}

export function tenantsCreate(dataDir: string, id: string, name: string | undefined): void {
  withStore(dataDir, ({ store }) => {
    if (!/^[a-z0-9][a-z0-9_-]{0,62}$/.test(id)) throw new UsageError('a tenant id is a lowercase slug: letters, digits, - and _');
    if (store.tenants.get(id)) throw new UsageError(`tenant '${id}' already exists`);
    print(store.tenants.create({ id, name: name ?? id }));
  });
}

export function tenantsList(dataDir: string): void {
  withStore(dataDir, ({ store }) => print(store.tenants.list()));
}

export function keysCreate(dataDir: string, o: { tenant: string; scopes: string; name?: string; rateLimit?: number; perHour?: number; perDay?: number }): void {
  withStore(dataDir, ({ store }) => {
    if (!store.tenants.get(o.tenant)) throw new UsageError(`no tenant '${o.tenant}' (create it with: earshot tenants create ${o.tenant})`);
    const { api_key, key } = new ApiKeysService(store).create(o.tenant, {
      name: o.name,
      scopes: parseScopes(o.scopes),
      rate_limit_per_minute: o.rateLimit,
      rate_limit_per_hour: o.perHour,
      rate_limit_per_day: o.perDay,
    });
    print({ ...api_key, key });
    process.stderr.write('Store this key now: it is shown only once.\n');
  });
}

export interface AgentCreateOptions {
  tenant: string;
  name: string;
  extension?: string;
  role: string;
  skills?: string;
  maxCalls?: number;
  username?: string;
  password?: string;
  sipUri?: string;
  sipUsername?: string;
  sipPassword?: string;
  sipWsUrl?: string;
}

export async function agentsCreate(dataDir: string, o: AgentCreateOptions): Promise<void> {
  if (!(AGENT_ROLES as readonly string[]).includes(o.role)) throw new UsageError(`--role is one of ${AGENT_ROLES.join(', ')}`);
  if ((o.username === undefined) !== (o.password === undefined)) throw new UsageError('--username and --password go together');
  const sipGiven = [o.sipUri, o.sipWsUrl, o.sipPassword].filter((v) => v !== undefined).length;
  if (sipGiven > 0 && sipGiven < 3) throw new UsageError('a SIP account needs --sip-uri, --sip-ws-url and --sip-password');
  const opened = openStore(dataDir);
  try {
    if (!opened.store.tenants.get(o.tenant)) throw new UsageError(`no tenant '${o.tenant}'`);
    const agent = await new AgentsService(opened.store, opened.bus, opened.box).create(o.tenant, {
      name: o.name,
      extension: o.extension ?? null,
      role: o.role as AgentRole,
      skills: o.skills ? o.skills.split(',').map((s) => s.trim()).filter(Boolean) : [],
      max_concurrent_calls: o.maxCalls,
      login: o.username !== undefined && o.password !== undefined ? { username: o.username, password: o.password } : null,
      sip: o.sipUri && o.sipWsUrl ? { uri: o.sipUri, username: o.sipUsername, password: o.sipPassword, ws_url: o.sipWsUrl } : null,
    });
    print(agent);
  } finally {
    opened.store.close();
  }
}

export function agentsList(dataDir: string, tenant: string): void {
  withStore(dataDir, ({ store }) => print(store.agents.list(tenant)));
}
