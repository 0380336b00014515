import type { Assistant } from '../../../../shared/domain/assistant.ts';
import type { Call } from '../../../../shared/domain/call.ts';
import { DEFAULT_TENANT_ID } from '../../../../shared/domain/tenant.ts';
import type { EventBus } from '../../events/event-bus.ts';
import type { AuditLog } from '../../services/audit-log.service.ts';
import type { CallsService } from '../../services/calls.service.ts';
import type { Store } from '../../store/store.ts';
import type { AiSettingsService } from '../ai-settings.service.ts';
import { AiCallControls } from './ai-call-controls.ts';
import { AiCallSession } from './ai-call-session.ts';
import type { AiCallSettings } from './ai-call-settings.ts';
import { handleIncomingCall, type WebhookRequestInfo } from './incoming-call.ts';
import { sidebandUrl } from './sideband-url.ts';
import { verifyWebhook } from './webhook-verifier.ts';

/** Webhook ids are kept past OpenAI's retry window (up to 3 days) so a late retry is still recognised. */
const DELIVERY_MEMORY_MS = 4 * 24 * 3600_000;
const PRUNE_EVERY_MS = 3600_000;

export interface AiCallsDeps {
  store: Store;
  bus: EventBus;
  calls: CallsService;
  auditLog: AuditLog;
  ai: AiSettingsService;
  settings: AiCallSettings;
  log(line: string): void;
}

export interface WebhookAnswer {
  ok: true;
  /** What was done: `accepted`, `rejected`, `failed`, `duplicate` (a replay, or a call id already handled), `ignored`. */
  outcome: string;
  call_id?: number;
}

/**
 * AI calls over OpenAI Realtime SIP (seed 001): takes the signed webhooks, answers or refuses
 * calls, follows each answered call on its sideband socket until it ends, and offers the
 * supervisor's controls. Live calls survive a restart of the hub: `start()` reconnects to them.
 */
export class AiCallsService {
  readonly controls: AiCallControls;
  private readonly deps: AiCallsDeps;
  private readonly sessions = new Map<number, AiCallSession>();
  private pruneTimer: NodeJS.Timeout | null = null;

  constructor(deps: AiCallsDeps) {
    this.deps = deps;
    this.controls = new AiCallControls({ calls: deps.calls, auditLog: deps.auditLog, store: deps.store, session: (callId) => this.sessions.get(callId) });
  }

  get settings(): AiCallSettings {
    return this.deps.settings;
  }

  start(): void {
    this.prune();
    this.pruneTimer = setInterval(() => this.prune(), PRUNE_EVERY_MS).unref();
    for (const call of this.deps.store.calls.liveRealtime()) {
      if (call.status === 'in-progress') {
        this.follow(call, null);
      } else {
        // Stopped before OpenAI's answer to the accept/reject was known: OpenAI has given up on the INVITE by now.
        this.deps.calls.update(call.tenant_id, call.id, { status: 'failed', end_reason: 'interrupted', ended_at: new Date().toISOString() }, 'system');
      }
    }
  }

  stop(): void {
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    for (const s of [...this.sessions.values()]) s.close();
  }

  /**
   * A webhook delivery: the tenant is the one whose secret verifies it; a webhook id seen before
   * is answered 200 without acting (so OpenAI stops retrying it), as is an event type we do not use.
   */
  async receiveWebhook(raw: string, req: WebhookRequestInfo): Promise<WebhookAnswer> {
    const { tenant_id, webhook_id, event } = await verifyWebhook(raw, req.headers, {
      webhookSecrets: () => this.webhookSecrets(),
      client: (tenantId) => this.deps.ai.client(tenantId),
    });
    if (!this.deps.store.webhookDeliveries.remember(webhook_id, tenant_id, event.type)) return { ok: true, outcome: 'duplicate' };
    if (event.type !== 'realtime.call.incoming') {
      this.deps.log(`webhook ${webhook_id} (${event.type}) for tenant ${tenant_id} ignored`);
      return { ok: true, outcome: 'ignored' };
    }
    try {
      const { outcome, call } = await handleIncomingCall(
        {
          store: this.deps.store,
          calls: this.deps.calls,
          ai: this.deps.ai,
          settings: this.deps.settings,
          log: this.deps.log,
          startSession: (c, assistant) => this.follow(c, assistant),
        },
        tenant_id,
        event,
        req,
      );
      return { ok: true, outcome, ...(call ? { call_id: call.id } : {}) };
    } catch (err) {
      // Not handled: let OpenAI's retry of this delivery be handled.
      this.deps.store.webhookDeliveries.forget(webhook_id);
      throw err;
    }
  }

  /**
   * Each tenant's own webhook secret; the environment's (OPENAI_WEBHOOK_SECRET) counts for the
   * default tenant only, so a webhook signed with it never lands in another tenant.
   */
  private webhookSecrets(): { tenant_id: string; secret: string }[] {
    const ai = this.deps.ai;
    return ai.webhookSecrets().filter((e) => e.tenant_id === DEFAULT_TENANT_ID || ai.view(e.tenant_id).source.webhook_secret === 'settings');
  }

  /** Opens the call's sideband; a resumed call (no `assistant` given) is not greeted again. */
  private follow(call: Call, assistant: Assistant | null): void {
    const cfg = this.deps.ai.config(call.tenant_id);
    const known = assistant ?? (call.assistant_id === null ? null : this.deps.store.assistants.get(call.tenant_id, call.assistant_id));
    const session = new AiCallSession(
      {
        calls: this.deps.calls,
        bus: this.deps.bus,
        log: this.deps.log,
        client: () => this.deps.ai.client(call.tenant_id),
        sideband: { url: sidebandUrl(cfg.base_url, call.realtime_call_id!), apiKey: cfg.api_key ?? '' },
        agents: () => this.deps.store.agents.list(call.tenant_id),
        onClosed: (s) => {
          if (this.sessions.get(s.callId) === s) this.sessions.delete(s.callId);
        },
      },
      call,
      {
        greeting: assistant?.greeting ?? null,
        assistantId: known?.id ?? null,
        models: { caller: known?.transcription_model ?? cfg.transcription_model, ai: known?.model ?? cfg.realtime_model },
      },
    );
    this.sessions.set(call.id, session);
    session.start();
  }

  private prune(): void {
    const n = this.deps.store.webhookDeliveries.prune(Date.now() - DELIVERY_MEMORY_MS);
    if (n > 0) this.deps.log(`forgot ${n} old webhook ids`);
  }
}
