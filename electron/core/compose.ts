import { aiEndpointFromEnv, type AiEndpoint } from './ai/ai-endpoint.ts';
import { AiHealthMonitor } from './ai/ai-health.ts';
import type { ApiDeps } from './api/api-deps.ts';
import { AuthService } from './auth/auth.service.ts';
import { ConsoleService } from './console/console.service.ts';
import { EventBus } from './events/event-bus.ts';
import type { SecretBox } from './security/secret-box.ts';
import { SeatManager } from './sip/seat-manager.ts';
import { AgentsService } from './services/agents.service.ts';
import { ApiKeysService } from './services/api-keys.service.ts';
import { CallsService } from './services/calls.service.ts';
import { PhoneSettingsService } from './services/phone-settings.service.ts';
import { StatusService } from './status/status.service.ts';
import type { Store } from './store/store.ts';

/** Wires the services over one store. startCore and the tests build the core the same way. */
export function composeServices(
  store: Store,
  box: SecretBox,
  aiEndpoint: AiEndpoint = aiEndpointFromEnv(),
  log: (line: string) => void = () => {},
  rtpAddress = '127.0.0.1',
  sipCa?: string,
): { deps: ApiDeps; monitor: AiHealthMonitor; seats: SeatManager } {
  const bus = new EventBus();
  const monitor = new AiHealthMonitor(aiEndpoint, () => bus.publish(null, { type: 'status.changed', status: status.forAgent(null) }));
  const calls = new CallsService(store, bus);
  const phone = new PhoneSettingsService(store, (agent, settings) => seats.linesOf(agent)?.setPolicy(settings));
  const seats = new SeatManager({
    store,
    box,
    log,
    calls,
    phoneSettingsOf: (agent) => phone.of(agent),
    onState: (agent) => bus.publish(agent.tenant_id, { type: 'status.changed', status: status.forAgent(agent) }),
    onLine: (agent, line) => bus.publish(agent.tenant_id, { type: 'line.updated', agent_id: agent.id, line }),
    rtpAddress,
    sipCa,
  });
  // Headless seats follow their agents: registered while the agent exists with that media.
  bus.subscribe(({ tenant_id, event }) => {
    if (event.type === 'agent.created' || event.type === 'agent.updated') seats.syncHeadless(event.agent);
    if (event.type === 'agent.deleted' && tenant_id) seats.syncHeadless(null, { tenant_id, id: event.agent_id });
  });
  const status = new StatusService(() => monitor.current, (agent) => seats.stateOf(agent));
  const auth = new AuthService(store);
  const deps: ApiDeps = {
    store,
    bus,
    auth,
    calls,
    status,
    seats,
    agents: new AgentsService(store, bus, box),
    apiKeys: new ApiKeysService(store),
    console: new ConsoleService({ store, bus, auth, calls, status, seats, phone }),
  };
  return { deps, monitor, seats };
}
