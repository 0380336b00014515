import type { AiSettingsService } from '../ai/ai-settings.service.ts';
import type { AiCallsService } from '../ai/realtime/ai-calls.service.ts';
import type { AuthService } from '../auth/auth.service.ts';
import type { ConsoleService } from '../console/console.service.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { AuditLog } from '../services/audit-log.service.ts';
import type { QueueService } from '../queue/queue.service.ts';
import type { SecretBox } from '../security/secret-box.ts';
import type { AgentsService } from '../services/agents.service.ts';
import type { ApiKeysService } from '../services/api-keys.service.ts';
import type { AssistantsService } from '../services/assistants.service.ts';
import type { CallsService } from '../services/calls.service.ts';
import type { SeatManager } from '../sip/seat-manager.ts';
import type { StatusService } from '../status/status.service.ts';
import type { Store } from '../store/store.ts';

/** What the routes may use: the domain services, never the database handle. */
export interface ApiDeps {
  store: Store;
  bus: EventBus;
  auth: AuthService;
  agents: AgentsService;
  calls: CallsService;
  apiKeys: ApiKeysService;
  console: ConsoleService;
  status: StatusService;
  seats: SeatManager;
  ai: AiSettingsService;
  assistants: AssistantsService;
  aiCalls: AiCallsService;
  queue: QueueService;
  auditLog: AuditLog;
  /** Seals secrets a route stores (e.g. a seed dialect's auth token). */
  box: SecretBox;
}
