import { openDatabase, integrityCheck, type Db } from './database.ts';
import { ApiKeysRepo } from './repos/api-keys.repo.ts';
import { AgentsRepo } from './repos/agents.repo.ts';
import { AssistantsRepo } from './repos/assistants.repo.ts';
import { AuditLogRepo } from './repos/audit-log.repo.ts';
import { CallEventsRepo } from './repos/call-events.repo.ts';
import { CallMetricsRepo } from './repos/call-metrics.repo.ts';
import { CallOutcomesRepo } from './repos/call-outcomes.repo.ts';
import { CallsRepo } from './repos/calls.repo.ts';
import { ConsoleSessionsRepo } from './repos/console-sessions.repo.ts';
import { DtmfRepo } from './repos/dtmf.repo.ts';
import { FaxDocumentsRepo } from './repos/fax-documents.repo.ts';
import { QueueEntriesRepo } from './repos/queue-entries.repo.ts';
import { SettingsRepo } from './repos/settings.repo.ts';
import { SipRoutingRepo } from './repos/sip-routing.repo.ts';
import { TenantsRepo } from './repos/tenants.repo.ts';
import { TranscriptsRepo } from './repos/transcripts.repo.ts';
import { WebhookDeliveriesRepo } from './repos/webhook-deliveries.repo.ts';
import { schemaVersion } from './migrate.ts';
import { prepared } from './statements.ts';

/** SQLite's advice for long-lived connections: PRAGMA optimize every few hours; hourly here. */
const OPTIMIZE_EVERY_MS = 60 * 60_000;

/** The SQLite store: one repository per aggregate over one connection. */
export class Store {
  readonly tenants: TenantsRepo;
  readonly apiKeys: ApiKeysRepo;
  readonly agents: AgentsRepo;
  readonly assistants: AssistantsRepo;
  readonly calls: CallsRepo;
  readonly callEvents: CallEventsRepo;
  readonly transcripts: TranscriptsRepo;
  readonly dtmf: DtmfRepo;
  readonly settings: SettingsRepo;
  readonly consoleSessions: ConsoleSessionsRepo;
  readonly webhookDeliveries: WebhookDeliveriesRepo;
  readonly queueEntries: QueueEntriesRepo;
  readonly callMetrics: CallMetricsRepo;
  readonly faxDocuments: FaxDocumentsRepo;
  readonly callOutcomes: CallOutcomesRepo;
  readonly sipRouting: SipRoutingRepo;
  readonly auditLog: AuditLogRepo;

  private readonly db: Db;
  private optimizer: NodeJS.Timeout | null = null;

  private constructor(db: Db) {
    this.db = db;
    this.tenants = new TenantsRepo(db);
    this.apiKeys = new ApiKeysRepo(db);
    this.agents = new AgentsRepo(db);
    this.assistants = new AssistantsRepo(db);
    this.calls = new CallsRepo(db);
    this.callEvents = new CallEventsRepo(db);
    this.transcripts = new TranscriptsRepo(db);
    this.dtmf = new DtmfRepo(db);
    this.settings = new SettingsRepo(db);
    this.consoleSessions = new ConsoleSessionsRepo(db);
    this.webhookDeliveries = new WebhookDeliveriesRepo(db);
    this.queueEntries = new QueueEntriesRepo(db);
    this.callMetrics = new CallMetricsRepo(db);
    this.faxDocuments = new FaxDocumentsRepo(db);
    this.callOutcomes = new CallOutcomesRepo(db);
    this.sipRouting = new SipRoutingRepo(db);
    this.auditLog = new AuditLogRepo(db);
  }

  static open(file: string): Store {
    const store = new Store(openDatabase(file));
    store.optimizer = setInterval(() => store.optimize(), OPTIMIZE_EVERY_MS).unref();
    return store;
  }

  /** Refreshes the query planner's statistics where the data has grown since (cheap when nothing has). */
  optimize(): void {
    if (this.db.open) this.db.pragma('optimize');
  }

  /** Runs `fn` in one transaction: all of its writes land, or none. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  health(): { ok: boolean; schemaVersion: number; integrity: string } {
    const integrity = integrityCheck(this.db);
    return { ok: integrity === 'ok', schemaVersion: schemaVersion(this.db), integrity };
  }

  ping(): boolean {
    return (prepared(this.db, 'SELECT 1 AS one').get() as { one: number }).one === 1;
  }

  close(): void {
    if (this.optimizer) clearInterval(this.optimizer);
    if (this.db.open) this.db.close();
  }
}
