import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_TENANT_ID } from '../../shared/domain/tenant.ts';
import { aiEndpointFromEnv, type AiEndpoint } from './ai/ai-endpoint.ts';
import { AiHealthMonitor } from './ai/ai-health.ts';
import { AiSettingsService } from './ai/ai-settings.service.ts';
import { AiCallSettings, envDefaultPhone } from './ai/realtime/ai-call-settings.ts';
import { AiCallsService } from './ai/realtime/ai-calls.service.ts';
import type { ApiDeps } from './api/api-deps.ts';
import { AuthService } from './auth/auth.service.ts';
import { ConsoleService } from './console/console.service.ts';
import { EventBus } from './events/event-bus.ts';
import { MonitorSettingsService } from './monitor/monitor-settings.service.ts';
import { MonitorService } from './monitor/monitor.service.ts';
import type { SecretBox } from './security/secret-box.ts';
import { SeatManager } from './sip/seat-manager.ts';
import { AgentsService } from './services/agents.service.ts';
import { ApiKeysService } from './services/api-keys.service.ts';
import { AssistantsService } from './services/assistants.service.ts';
import { AuditLog } from './services/audit-log.service.ts';
import { CallsService } from './services/calls.service.ts';
import { PhoneSettingsService } from './services/phone-settings.service.ts';
import { QueueService } from './queue/queue.service.ts';
import { StatusService } from './status/status.service.ts';
import type { Store } from './store/store.ts';
import { LiveTranscription } from './transcription/live-transcription.ts';

/** Wires the services over one store. startCore and the tests build the core the same way. */
export function composeServices(
  store: Store,
  box: SecretBox,
  aiEndpoint: AiEndpoint = aiEndpointFromEnv(),
  log: (line: string) => void = () => {},
  rtpAddress = '127.0.0.1',
  sipCa?: string,
  /** Holds the transcript spool; a core that is never started (API tests) may leave it to a temp path. */
  dataDir: string = join(tmpdir(), `earshot-${randomUUID()}`),
): { deps: ApiDeps; monitor: AiHealthMonitor; seats: SeatManager; transcription: LiveTranscription } {
  const bus = new EventBus();
  const ai = new AiSettingsService(store, box, aiEndpoint);
  // The status bar's AI light follows the default tenant's endpoint (settings, else environment).
  const endpointOf = (tenantId: string): AiEndpoint => {
    const c = ai.config(tenantId);
    return { baseURL: c.base_url, apiKey: c.api_key, webhookSecret: c.webhook_secret };
  };
  const monitor = new AiHealthMonitor(endpointOf(DEFAULT_TENANT_ID), () => bus.publish(null, { type: 'status.changed', status: status.forAgent(null) }));
  ai.onChange((tenantId) => {
    if (tenantId === DEFAULT_TENANT_ID) monitor.reconfigure(endpointOf(tenantId));
  });
  const calls = new CallsService(store, bus);
  const auditLog = new AuditLog(store);
  const phone = new PhoneSettingsService(store, (agent, settings) => seats.linesOf(agent)?.setPolicy(settings));
  const monitorSettings = new MonitorSettingsService(store, box);
  const seats = new SeatManager({
    store,
    box,
    log,
    calls,
    auditLog,
    phoneSettingsOf: (agent) => phone.of(agent),
    onState: (agent) => bus.publish(agent.tenant_id, { type: 'status.changed', status: status.forAgent(agent) }),
    onLine: (agent, line) => bus.publish(agent.tenant_id, { type: 'line.updated', agent_id: agent.id, line }),
    rtpAddress,
    sipCa,
    monitorSecret: (tenantId) => monitorSettings.secret(tenantId),
  });
  const monitoring = new MonitorService({ store, calls, auditLog, bus, seats, settings: monitorSettings, log });
  // Headless seats follow their agents: registered while the agent exists with that media.
  bus.subscribe(({ tenant_id, event }) => {
    if (event.type === 'agent.created' || event.type === 'agent.updated') seats.syncHeadless(event.agent);
    if (event.type === 'agent.deleted' && tenant_id) seats.syncHeadless(null, { tenant_id, id: event.agent_id });
  });
  const status = new StatusService(() => monitor.current, (agent) => seats.stateOf(agent));
  const auth = new AuthService(store);
  const transcription = new LiveTranscription({ store, bus, calls, ai, dataDir, log });
  ai.onChange((tenantId) => transcription.aiSettingsChanged(tenantId));
  const assistants = new AssistantsService(store, box, (tenantId) => ai.config(tenantId).realtime_model);
  const aiCalls = new AiCallsService({ store, bus, calls, auditLog, ai, settings: new AiCallSettings(store, envDefaultPhone()), log });
  const queue = new QueueService({
    store,
    bus,
    calls,
    auditLog,
    seats,
    aiTransfer: (tenantId, callId, target, actor) => aiCalls.controls.transfer(tenantId, callId, target, actor),
    log,
  });
  const deps: ApiDeps = {
    store,
    bus,
    auth,
    calls,
    status,
    seats,
    agents: new AgentsService(store, bus, box),
    apiKeys: new ApiKeysService(store),
    console: new ConsoleService({ store, bus, auth, calls, status, seats, phone, ai, transcription, assistants, aiCalls, monitoring, monitorSettings, queue, auditLog }),
    ai,
    assistants,
    aiCalls,
    queue,
    auditLog,
    box,
  };
  return { deps, monitor, seats, transcription };
}
