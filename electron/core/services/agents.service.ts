import type { Agent } from '../../../shared/domain/agent.ts';
import type { EventBus } from '../events/event-bus.ts';
import { badRequest, storeWrite, notFound } from '../errors.ts';
import { hashPassword } from '../security/passwords.ts';
import { sealSecret } from '../security/sealed-secrets.ts';
import type { SecretBox } from '../security/secret-box.ts';
import type { AgentColumns } from '../store/repos/agents.repo.ts';
import type { Store } from '../store/store.ts';
import type { AgentInput } from './agent-input.ts';

/** Creates and changes agents: hashes logins, seals SIP secrets, tells every console. */
export class AgentsService {
  private readonly store: Store;
  private readonly bus: EventBus;
  private readonly box: SecretBox;

  constructor(store: Store, bus: EventBus, box: SecretBox) {
    this.store = store;
    this.bus = bus;
    this.box = box;
  }

  async create(tenantId: string, input: AgentInput): Promise<Agent> {
    const columns: AgentColumns = {
      name: input.name,
      extension: input.extension ?? null,
      role: input.role ?? 'agent',
      skills: input.skills ?? [],
      max_concurrent_calls: input.max_concurrent_calls ?? 1,
      status: input.status ?? 'offline',
      login_username: null,
      login_password_hash: null,
      sip_uri: null,
      sip_username: null,
      sip_password_sealed: null,
      sip_ws_url: null,
      sip_ice_servers: [],
      sip_media: 'renderer',
      sip_send_audio: true,
      ...(await this.secretColumns(input)),
    };
    const agent = storeWrite(() => this.store.agents.create(tenantId, columns));
    this.bus.publish(tenantId, { type: 'agent.created', agent });
    return agent;
  }

  async update(tenantId: string, id: number, input: Partial<AgentInput>, actor = 'system'): Promise<Agent> {
    const existing = this.store.agents.get(tenantId, id);
    if (!existing) throw notFound(`agent ${id}`);
    if (input.sip && !input.sip.password && !existing.sip?.has_password) {
      throw badRequest('sip.password is required when an agent gets a SIP account');
    }
    const patch: Partial<AgentColumns> = {
      name: input.name,
      extension: input.extension,
      role: input.role,
      skills: input.skills,
      max_concurrent_calls: input.max_concurrent_calls,
      ...(await this.secretColumns(input)),
    };
    let agent = storeWrite(() => this.store.agents.update(tenantId, id, patch)) as Agent;
    // A status set here goes into the status history like any other change (the queue reacts to agent.updated).
    if (input.status !== undefined && input.status !== agent.status) {
      agent = this.store.agents.setStatus(tenantId, id, { status: input.status, reason: null, wrap_up_until: null, at: new Date().toISOString(), actor }) as Agent;
    }
    this.bus.publish(tenantId, { type: 'agent.updated', agent });
    return agent;
  }

  delete(tenantId: string, id: number): void {
    if (!this.store.agents.delete(tenantId, id)) throw notFound(`agent ${id}`);
    this.bus.publish(tenantId, { type: 'agent.deleted', agent_id: id });
  }

  get(tenantId: string, id: number): Agent {
    const agent = this.store.agents.get(tenantId, id);
    if (!agent) throw notFound(`agent ${id}`);
    return agent;
  }

  private async secretColumns(input: Partial<AgentInput>): Promise<Partial<AgentColumns>> {
    const out: Partial<AgentColumns> = {};
    if (input.login === null) Object.assign(out, { login_username: null, login_password_hash: null });
    if (input.login) {
      out.login_username = input.login.username;
      out.login_password_hash = await hashPassword(input.login.password);
    }
    if (input.sip === null) {
      Object.assign(out, { sip_uri: null, sip_username: null, sip_password_sealed: null, sip_ws_url: null, sip_ice_servers: [] });
    }
    if (input.sip) {
      out.sip_uri = input.sip.uri;
      out.sip_username = input.sip.username ?? sipUserOf(input.sip.uri);
      out.sip_ws_url = input.sip.ws_url;
      out.sip_ice_servers = input.sip.ice_servers ?? [];
      out.sip_media = input.sip.media ?? 'renderer';
      if (input.sip.send_audio === false && out.sip_media !== 'headless') {
        throw badRequest('sip.send_audio false needs sip.media "headless": a console always sends its microphone');
      }
      out.sip_send_audio = input.sip.send_audio ?? true;
      if (input.sip.password) out.sip_password_sealed = sealSecret(this.box, input.sip.password);
    }
    return out;
  }
}

/** `sip:1001@pbx.local` → `1001`: the usual auth user when none is given. */
function sipUserOf(uri: string): string {
  return /^sips?:([^@;]+)@/.exec(uri)?.[1] ?? '';
}
