import type { CoreArg, CoreMethod, CoreResult } from '../../../shared/contracts/core-client.ts';
import type { ConsoleSession } from '../../../shared/contracts/console-session.ts';
import type { AgentRole } from '../../../shared/domain/agent.ts';
import type { AiSettingsService } from '../ai/ai-settings.service.ts';
import type { AiCallsService } from '../ai/realtime/ai-calls.service.ts';
import type { AuthService } from '../auth/auth.service.ts';
import type { ConsoleConnection } from '../core.types.ts';
import { CoreError, forbidden, unauthorized } from '../errors.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { AuditLog } from '../services/audit-log.service.ts';
import type { QueueService } from '../queue/queue.service.ts';
import type { MonitorSettingsService } from '../monitor/monitor-settings.service.ts';
import type { MonitorService } from '../monitor/monitor.service.ts';
import type { AssistantsService } from '../services/assistants.service.ts';
import type { CallsService } from '../services/calls.service.ts';
import type { PhoneSettingsService } from '../services/phone-settings.service.ts';
import type { LineManager } from '../sip/line-manager.ts';
import type { SeatManager } from '../sip/seat-manager.ts';
import type { StatusService } from '../status/status.service.ts';
import type { Store } from '../store/store.ts';
import type { LiveTranscription } from '../transcription/live-transcription.ts';

/** The services console methods work on. */
export interface ConsoleDeps {
  store: Store;
  bus: EventBus;
  auth: AuthService;
  calls: CallsService;
  status: StatusService;
  seats: Pick<SeatManager, 'attach' | 'linesOf' | 'mediaReply'>;
  phone: PhoneSettingsService;
  ai: AiSettingsService;
  transcription: LiveTranscription;
  assistants: AssistantsService;
  aiCalls: AiCallsService;
  monitoring: MonitorService;
  monitorSettings: MonitorSettingsService;
  queue: QueueService;
  auditLog: AuditLog;
}

export type ConsoleHandler<M extends CoreMethod> = (arg: CoreArg<M>, conn: ConsoleConnection) => CoreResult<M> | Promise<CoreResult<M>>;

/** Handlers for a group of console methods (one file per group). */
export type ConsoleHandlers<K extends CoreMethod> = { [M in K]: ConsoleHandler<M> };

/** Session and seat checks every handler group shares. */
export class ConsoleContext {
  readonly deps: ConsoleDeps;

  constructor(deps: ConsoleDeps) {
    this.deps = deps;
  }

  requireSession(conn: ConsoleConnection): ConsoleSession {
    const s = this.deps.auth.session(conn.sessionToken);
    if (!s) throw unauthorized('sign in first');
    return s;
  }

  /** The session, if its agent has one of `roles`; otherwise 403 naming what is needed. */
  requireRole(conn: ConsoleConnection, roles: readonly AgentRole[], what: string): ConsoleSession {
    const s = this.requireSession(conn);
    if (!roles.includes(s.agent.role)) throw forbidden(`${what} needs the ${roles.join(' or ')} role`);
    return s;
  }

  /** The signed-in agent's lines; 503 while the seat is not running (no SIP account, or no console). */
  lines(conn: ConsoleConnection): LineManager {
    const session = this.requireSession(conn);
    if (!session.agent.sip) throw new CoreError(409, 'no_sip_account', 'this agent has no SIP account');
    const lines = this.deps.seats.linesOf(session.agent);
    if (!lines) throw new CoreError(503, 'seat_not_running', 'the softphone is not connected: keep the console open while making calls');
    return lines;
  }
}
