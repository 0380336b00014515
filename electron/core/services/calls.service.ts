import type { Call, CallEvent, DtmfEvent } from '../../../shared/domain/call.ts';
import type { TranscriptSegment } from '../../../shared/domain/transcript.ts';
import type { EventBus } from '../events/event-bus.ts';
import { badRequest, storeWrite, notFound } from '../errors.ts';
import { newCallSid } from '../security/tokens.ts';
import type { CallAnalysisPatch, CallPatch, NewCall } from '../store/repos/calls.repo.ts';
import type { NewSegment } from '../store/repos/transcripts.repo.ts';
import type { Store } from '../store/store.ts';

export type CallInput = Omit<NewCall, 'sid'> & { sid?: string };

/**
 * Every write to a call goes through here: the row, its timeline event and the live event for
 * consoles happen together, so what a console shows is always what the store holds.
 */
export class CallsService {
  private readonly store: Store;
  private readonly bus: EventBus;

  constructor(store: Store, bus: EventBus) {
    this.store = store;
    this.bus = bus;
  }

  get(tenantId: string, id: number): Call {
    const call = this.store.calls.get(tenantId, id);
    if (!call) throw notFound(`call ${id}`);
    return call;
  }

  getBySid(tenantId: string, sid: string): Call {
    const call = this.store.calls.getBySid(tenantId, sid);
    if (!call) throw notFound(`call ${sid}`);
    return call;
  }

  create(tenantId: string, input: CallInput, actor: string): Call {
    this.checkRefs(tenantId, input);
    const { call, event } = storeWrite(() =>
      this.store.transaction(() => {
        const call = this.store.calls.create(tenantId, { ...input, sid: input.sid ?? newCallSid() });
        const event = this.store.callEvents.append(tenantId, call.id, 'call.created', actor, { status: call.status });
        return { call, event };
      }),
    );
    this.bus.publish(tenantId, { type: 'call.created', call });
    this.bus.publish(tenantId, { type: 'call.event', event });
    return call;
  }

  update(tenantId: string, id: number, patch: CallPatch, actor: string): Call {
    const before = this.get(tenantId, id);
    this.checkRefs(tenantId, patch);
    const { call, event } = storeWrite(() =>
      this.store.transaction(() => {
        const call = this.store.calls.update(tenantId, id, patch) as Call;
        const changed = Object.keys(patch).filter((k) => JSON.stringify(patch[k as keyof CallPatch]) !== JSON.stringify(before[k as keyof Call]));
        const event = this.store.callEvents.append(tenantId, id, patch.status && patch.status !== before.status ? `call.${patch.status}` : 'call.updated', actor, {
          changed,
        });
        return { call, event };
      }),
    );
    this.bus.publish(tenantId, { type: 'call.updated', call });
    this.bus.publish(tenantId, { type: 'call.event', event });
    return call;
  }

  /** Writes the post-call analysis; the timeline notes when it is written or has failed. */
  setAnalysis(tenantId: string, id: number, patch: CallAnalysisPatch, detail: Record<string, unknown> = {}): Call {
    this.get(tenantId, id);
    const { call, event } = storeWrite(() =>
      this.store.transaction(() => {
        const call = this.store.calls.setAnalysis(tenantId, id, patch) as Call;
        const noted = patch.analysis_state === 'done' || patch.analysis_state === 'failed';
        const event = noted ? this.store.callEvents.append(tenantId, id, `analysis.${patch.analysis_state}`, 'system', detail) : null;
        return { call, event };
      }),
    );
    this.bus.publish(tenantId, { type: 'call.updated', call });
    if (event) this.bus.publish(tenantId, { type: 'call.event', event });
    return call;
  }

  appendEvent(tenantId: string, callId: number, type: string, actor: string, data: Record<string, unknown>): CallEvent {
    this.get(tenantId, callId);
    const event = this.store.callEvents.append(tenantId, callId, type, actor, data);
    this.bus.publish(tenantId, { type: 'call.event', event });
    return event;
  }

  addSegment(tenantId: string, callId: number, segment: NewSegment): TranscriptSegment {
    this.get(tenantId, callId);
    if (segment.end_ms < segment.start_ms) throw badRequest('end_ms must not be before start_ms');
    const stored = this.store.transcripts.add(tenantId, callId, segment);
    this.bus.publish(tenantId, { type: 'transcript.segment', segment: stored });
    return stored;
  }

  /** `at`: when the digit was pressed, if the reporter knows (default now). */
  addDtmf(tenantId: string, callId: number, digit: string, source: DtmfEvent['source'], at?: string): DtmfEvent {
    this.get(tenantId, callId);
    return this.store.dtmf.add(tenantId, callId, digit, source, at);
  }

  /** An agent or assistant id from another tenant must not be attachable to this tenant's call. */
  private checkRefs(tenantId: string, refs: { agent_id?: number | null; assistant_id?: number | null }): void {
    if (refs.agent_id != null && !this.store.agents.get(tenantId, refs.agent_id)) throw badRequest(`agent ${refs.agent_id} does not exist`);
    if (refs.assistant_id != null && !this.store.assistants.get(tenantId, refs.assistant_id)) {
      throw badRequest(`assistant ${refs.assistant_id} does not exist`);
    }
  }
}
