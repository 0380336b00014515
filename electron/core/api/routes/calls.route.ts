import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { CallListQuery } from '../../../../shared/contracts/core-client.ts';
import type { Call, CallStatus } from '../../../../shared/domain/call.ts';
import type { Speaker } from '../../../../shared/domain/transcript.ts';
import type { CallPage } from '../../store/repos/calls.repo.ts';
import type { ApiDeps } from '../api-deps.ts';
import { DIWAAR_SPEAKERS, speakersOf, statusFilter, type DiwaarSpeaker } from '../dialects/diwaar/call-outcome.ts';
import { principalOf } from '../plugins/api-key-auth.ts';
import { fastNullables } from './fast-nullables.ts';
import { errors, IntId, Metadata, Nullable } from '../schemas/common.schemas.ts';
import { CallEventSchema, CallSchema, Direction, Handler, SegmentSchema, SentimentSchema, SourceSchema, SpeakerSchema, Status } from '../schemas/domain.schemas.ts';

const Sid = Type.Object({ sid: Type.String({ minLength: 1, maxLength: 128 }) });
const Party = Type.String({ minLength: 1, maxLength: 256 });
const Timestamp = Type.String({ format: 'date-time' });

const ListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0 })),
    skip: Type.Optional(Type.Integer({ minimum: 0, description: 'same as offset' })),
    status: Type.Optional(Type.Union([Status, Type.Literal('ongoing')], { description: "a status; 'ongoing' (seed 004) is every call not ended, and 'failed' also takes busy, no-answer and canceled calls" })),
    direction: Type.Optional(Direction),
    agent_id: Type.Optional(Type.Integer({ minimum: 1 })),
    assistant_id: Type.Optional(Type.Integer({ minimum: 1 })),
    active: Type.Optional(Type.Boolean({ description: 'true: calls that have not ended; false: ended calls' })),
    since: Type.Optional(Timestamp),
    until: Type.Optional(Timestamp),
  },
  { additionalProperties: false },
);

const callFields = {
  direction: Direction,
  from_number: Party,
  to_number: Party,
  status: Status,
  handled_by: Type.Optional(Handler),
  agent_id: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  assistant_id: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  started_at: Type.Optional(Timestamp),
  answered_at: Type.Optional(Nullable(Timestamp)),
  ended_at: Type.Optional(Nullable(Timestamp)),
  duration_seconds: Type.Optional(Nullable(Type.Number({ minimum: 0 }))),
  end_reason: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  sip_code: Type.Optional(Nullable(Type.Integer({ minimum: 100, maximum: 699 }))),
  sentiment: Type.Optional(Nullable(SentimentSchema)),
  summary: Type.Optional(Nullable(Type.String({ maxLength: 20_000 }))),
  metadata: Type.Optional(Metadata),
};

const CreateCall = Type.Object(
  { ...callFields, sid: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$', description: 'generated (CA + 32 hex) when absent' })) },
  { additionalProperties: false },
);
const UpdateCall = Type.Partial(Type.Object({ ...callFields, transfer_count: Type.Integer({ minimum: 0 }) }), { additionalProperties: false, minProperties: 1 });

const EventBody = Type.Object(
  { type: Type.String({ pattern: '^[a-z][a-z0-9_.-]{0,63}$' }), data: Type.Optional(Metadata) },
  { additionalProperties: false },
);

const SegmentBody = Type.Object(
  {
    speaker: SpeakerSchema,
    text: Type.String({ minLength: 1, maxLength: 20_000 }),
    confidence: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 1 }))),
    start_ms: Type.Integer({ minimum: 0 }),
    end_ms: Type.Integer({ minimum: 0 }),
    is_final: Type.Optional(Type.Boolean()),
    source: Type.Optional(SourceSchema),
    model: Type.Optional(Nullable(Type.String({ maxLength: 128 }))),
  },
  { additionalProperties: false },
);

// The hot list: its nullable fields as type arrays for a serialiser ~40% faster (fast-nullables.ts).
const CallPageSchema = fastNullables(Type.Object({ calls: Type.Array(CallSchema), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() }));

const Transcript = Type.Object({ call_id: Type.Integer(), call_sid: Type.String(), segments: Type.Array(SegmentSchema) });
const SpeakerQuery = Type.Object(
  { speaker: Type.Optional(Type.Union([SpeakerSchema, Type.Enum(DIWAAR_SPEAKERS)], { description: "one of ours, or seed 004's user (caller) / assistant (ai and agent)" })) },
  { additionalProperties: false },
);
const isDiwaarSpeaker = (s: string): s is DiwaarSpeaker => (DIWAAR_SPEAKERS as readonly string[]).includes(s);

/** Our filter for a list's `status`: seed 004's `ongoing` and `failed` cover several of our statuses. */
function statusQuery(status: CallStatus | 'ongoing' | undefined): CallListQuery {
  if (status === undefined) return {};
  if (status === 'ongoing' || status === 'failed') return statusFilter(status);
  return { status };
}

export async function callsRoutes(app: FastifyInstance, { store, calls }: ApiDeps): Promise<void> {
  // A page the store keeps is the same object until the tenant's calls change (calls.repo.ts), and
  // its limit and offset are part of it: its JSON, serialised once by the route's schema, goes with it.
  const pageJson = new WeakMap<CallPage, string>();
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const transcriptOf = (tenant: string, call: Call, speaker: Speaker | DiwaarSpeaker | undefined) => {
    if (speaker === undefined || !isDiwaarSpeaker(speaker)) {
      return { call_id: call.id, call_sid: call.sid, segments: store.transcripts.list(tenant, call.id, speaker ? { speaker } : {}) };
    }
    const wanted = speakersOf(speaker);
    return { call_id: call.id, call_sid: call.sid, segments: store.transcripts.list(tenant, call.id, {}).filter((s) => wanted.includes(s.speaker)) };
  };

  // Seed 004 lists at `/calls/` (FastAPI's trailing slash).
  for (const url of ['/calls', '/calls/']) {
    r.get(
      url,
      {
        schema: {
          tags: ['calls'],
          summary: 'Calls, newest first, with filters and pagination',
          querystring: ListQuery,
          response: { 200: CallPageSchema, ...errors(400, 401, 403) },
        },
      },
      async (req, reply) => {
        const { skip, status, ...q } = req.query;
        const limit = q.limit ?? 50;
        const offset = q.offset ?? skip ?? 0;
        const page = store.calls.list(principalOf(req).tenant_id, { ...q, ...statusQuery(status), limit, offset });
        let json = pageJson.get(page);
        if (json === undefined) {
          json = reply.serialize({ calls: page.items, total: page.total, limit, offset }) as string;
          pageJson.set(page, json);
        }
        // Already JSON: a string with a JSON content type goes out as it is.
        return (reply as FastifyReply).type('application/json; charset=utf-8').send(json);
      },
    );
  }

  r.post(
    '/calls',
    { schema: { tags: ['calls'], summary: 'Record a call (PBX ingest, imports)', body: CreateCall, response: { 201: CallSchema, ...errors(400, 401, 403, 409) } } },
    async (req, reply) => {
      const p = principalOf(req);
      return reply.code(201).send(calls.create(p.tenant_id, req.body, p.actor));
    },
  );

  r.get('/calls/:id', { schema: { tags: ['calls'], params: IntId, response: { 200: CallSchema, ...errors(401, 403, 404) } } }, async (req) =>
    calls.get(principalOf(req).tenant_id, req.params.id),
  );

  r.patch(
    '/calls/:id',
    { schema: { tags: ['calls'], summary: 'Change a call (status, outcome, metadata)', params: IntId, body: UpdateCall, response: { 200: CallSchema, ...errors(400, 401, 403, 404) } } },
    async (req) => {
      const p = principalOf(req);
      return calls.update(p.tenant_id, req.params.id, req.body, p.actor);
    },
  );

  r.get('/calls/sid/:sid', { schema: { tags: ['calls'], params: Sid, response: { 200: CallSchema, ...errors(401, 403, 404) } } }, async (req) =>
    calls.getBySid(principalOf(req).tenant_id, req.params.sid),
  );

  r.get(
    '/calls/:id/events',
    { schema: { tags: ['calls'], summary: "The call's timeline and audit trail", params: IntId, response: { 200: Type.Object({ events: Type.Array(CallEventSchema) }), ...errors(401, 403, 404) } } },
    async (req) => {
      const tenant = principalOf(req).tenant_id;
      return { events: store.callEvents.list(tenant, calls.get(tenant, req.params.id).id) };
    },
  );

  r.post(
    '/calls/:id/events',
    { schema: { tags: ['calls'], summary: 'Add an event to the timeline', params: IntId, body: EventBody, response: { 201: CallEventSchema, ...errors(400, 401, 403, 404) } } },
    async (req, reply) => {
      const p = principalOf(req);
      return reply.code(201).send(calls.appendEvent(p.tenant_id, req.params.id, req.body.type, p.actor, req.body.data ?? {}));
    },
  );

  r.get(
    '/calls/:id/transcripts',
    { schema: { tags: ['calls'], summary: 'Transcript segments in call order', params: IntId, querystring: SpeakerQuery, response: { 200: Transcript, ...errors(400, 401, 403, 404) } } },
    async (req) => {
      const tenant = principalOf(req).tenant_id;
      return transcriptOf(tenant, calls.get(tenant, req.params.id), req.query.speaker);
    },
  );

  r.get(
    '/calls/sid/:sid/transcripts',
    { schema: { tags: ['calls'], params: Sid, querystring: SpeakerQuery, response: { 200: Transcript, ...errors(400, 401, 403, 404) } } },
    async (req) => {
      const tenant = principalOf(req).tenant_id;
      return transcriptOf(tenant, calls.getBySid(tenant, req.params.sid), req.query.speaker);
    },
  );

  r.post(
    '/calls/:id/transcripts',
    { schema: { tags: ['calls'], summary: 'Add a transcript segment (external transcription)', params: IntId, body: SegmentBody, response: { 201: SegmentSchema, ...errors(400, 401, 403, 404) } } },
    async (req, reply) => {
      const tenant = principalOf(req).tenant_id;
      return reply.code(201).send(calls.addSegment(tenant, req.params.id, { ...req.body, source: req.body.source ?? 'api' }));
    },
  );
}
