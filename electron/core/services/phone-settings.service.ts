import { DEFAULT_PHONE_SETTINGS, type PhoneSettings } from '../../../shared/contracts/phone-settings.ts';
import type { Agent } from '../../../shared/domain/agent.ts';
import type { Store } from '../store/store.ts';

const KEY = 'phone';
const scopeOf = (agent: Pick<Agent, 'tenant_id' | 'id'>) => `agent:${agent.tenant_id}:${agent.id}`;

/** Each agent's own call handling, kept in settings so it survives restarts and follows the agent. */
export class PhoneSettingsService {
  private readonly store: Store;
  private readonly onChange: (agent: Agent, settings: PhoneSettings) => void;

  constructor(store: Store, onChange: (agent: Agent, settings: PhoneSettings) => void) {
    this.store = store;
    this.onChange = onChange;
  }

  of(agent: Pick<Agent, 'tenant_id' | 'id'>): PhoneSettings {
    return { ...DEFAULT_PHONE_SETTINGS, ...this.store.settings.get<Partial<PhoneSettings>>(scopeOf(agent), KEY) };
  }

  update(agent: Agent, patch: Partial<PhoneSettings>): PhoneSettings {
    const next = { ...this.of(agent), ...patch };
    this.store.settings.set(scopeOf(agent), KEY, next);
    this.onChange(agent, next);
    return next;
  }
}
