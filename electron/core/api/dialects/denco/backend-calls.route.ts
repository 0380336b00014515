import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Call } from '../../../../../shared/domain/call.ts';
import { FINAL_CALL_STATUSES } from '../../../../../shared/domain/call.ts';
import { pickAssistant } from '../../../ai/realtime/assistant-picker.ts';
import { conflict, CoreError, forbidden } from '../../../errors.ts';
import type { ApiDeps } from '../../api-deps.ts';
import { principalOf } from '../../plugins/api-key-auth.ts';
import { callSessionNotFound } from './denco-errors.ts';
import type { DencoSettings } from './denco-settings.ts';
import { CallSessionSchema, callSession } from './denco-shapes.ts';
import { endLiveLeg } from './end-live-call.ts';

const TAGS = ['seed 000 (DENCO)'];
export const CallIdParam = Type.Object({ call_id: Type.String({ minLength: 1, maxLength: 128 }) });
const Party = Type.String({ minLength: 1, maxLength: 256 });
const Timestamp = Type.String({ format: 'date-time' });
const Detail = Type.Object({ detail: Type.Unknown() });

const CreateBody = Type.Object(
  {
    call_id: Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,128}$', description: 'the PBX side’s id for the call; becomes the call sid' }),
    from_number: Party,
    to_number: Party,
    tenant_id: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: 'must be the tenant of the credentials when given' })),
  },
  { additionalProperties: false },
);

const EndBody = Type.Object(
  {
    end_time: Type.Optional(Timestamp),
    duration: Type.Optional(Type.Number({ minimum: 0, maximum: 7 * 24 * 3600 })),
    status: Type.Optional(Type.Union([Type.Literal('completed'), Type.Literal('failed')], { default: 'completed' })),
  },
  { additionalProperties: false },
);

const DtmfBody = Type.Object(
  { digit: Type.String({ pattern: '^[0-9*#A-Da-d]$' }), timestamp: Type.Optional(Timestamp) },
  { additionalProperties: false },
);

const success = { status: Type.Literal('success') };

/**
 * Seed 000's backend routes, called by its Node.js/Asterisk layer: a call session is the PBX
 * telling us about a call it has (inbound, for the voice AI), then its digits and its end.
 * They are records of a call that exists on the PBX, so they are our calls, written through
 * the calls service like every other call.
 */
export async function dencoBackendRoutes(app: FastifyInstance, deps: ApiDeps, settings: DencoSettings): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const callOf = (tenant: string, sid: string): Call => {
    const call = deps.store.calls.getBySid(tenant, sid);
    if (!call) throw callSessionNotFound();
    return call;
  };

  r.post(
    '/api/calls',
    {
      schema: {
        tags: TAGS,
        summary: 'Create a call session (the PBX reports a call)',
        body: CreateBody,
        response: { 200: Type.Object({ ...success, call_id: Type.String(), tenant_id: Type.String(), session: CallSessionSchema }), 401: Detail, 403: Detail, 409: Detail, 422: Detail },
      },
    },
    async (req) => {
      const p = principalOf(req);
      const body = req.body;
      if (body.tenant_id !== undefined && body.tenant_id !== p.tenant_id) throw forbidden(`these credentials act for tenant '${p.tenant_id}', not '${body.tenant_id}'`);
      const known = deps.store.calls.getBySid(p.tenant_id, body.call_id);
      if (known && (known.from_number !== body.from_number || known.to_number !== body.to_number)) {
        throw conflict(`call session ${body.call_id} already exists with other numbers`);
      }
      const call =
        known ??
        deps.calls.create(
          p.tenant_id,
          {
            sid: body.call_id,
            direction: 'inbound',
            from_number: body.from_number,
            to_number: body.to_number,
            status: 'ringing',
            handled_by: 'ai_agent',
            assistant_id: pickAssistant(deps.store, p.tenant_id, body.to_number)?.id ?? null,
            metadata: { source: 'denco' },
          },
          p.actor,
        );
      return { status: 'success' as const, call_id: call.sid, tenant_id: call.tenant_id, session: callSession(call) };
    },
  );

  r.post(
    '/api/calls/:call_id/end',
    {
      schema: {
        tags: TAGS,
        summary: 'End a call session (hangs up a leg still live here: the AI voice agent or a seat)',
        params: CallIdParam,
        body: EndBody,
        response: { 200: Type.Object({ ...success, call_id: Type.String(), end_time: Type.String() }), 401: Detail, 404: Detail, 422: Detail },
      },
    },
    async (req) => {
      const p = principalOf(req);
      const call = callOf(p.tenant_id, req.params.call_id);
      if (FINAL_CALL_STATUSES.includes(call.status)) return { status: 'success' as const, call_id: call.sid, end_time: call.ended_at ?? call.updated_at };
      const endTime = new Date(req.body.end_time ?? Date.now());
      await endLiveLeg(deps, call, p.actor);
      const now = deps.calls.get(p.tenant_id, call.id);
      const ended = FINAL_CALL_STATUSES.includes(now.status)
        ? now
        : deps.calls.update(
            p.tenant_id,
            call.id,
            {
              status: req.body.status ?? 'completed',
              ended_at: endTime.toISOString(),
              duration_seconds: req.body.duration ?? Math.max(0, (endTime.getTime() - Date.parse(call.started_at)) / 1000),
              end_reason: 'pbx-end',
            },
            p.actor,
          );
      return { status: 'success' as const, call_id: ended.sid, end_time: ended.ended_at ?? endTime.toISOString() };
    },
  );

  r.post(
    '/api/calls/:call_id/dtmf',
    {
      schema: {
        tags: TAGS,
        summary: 'Record a digit the caller pressed',
        params: CallIdParam,
        body: DtmfBody,
        response: { 200: Type.Object({ ...success, call_id: Type.String(), digit: Type.String() }), 401: Detail, 404: Detail, 422: Detail },
      },
    },
    async (req) => {
      const p = principalOf(req);
      const call = callOf(p.tenant_id, req.params.call_id);
      const at = req.body.timestamp ? new Date(req.body.timestamp).toISOString() : undefined;
      const dtmf = deps.calls.addDtmf(p.tenant_id, call.id, req.body.digit.toUpperCase(), 'api', at);
      return { status: 'success' as const, call_id: call.sid, digit: dtmf.digit };
    },
  );

  r.get(
    '/api/tenants/:tenant_id/greeting',
    {
      schema: {
        tags: TAGS,
        summary: "The tenant's greeting: its DENCO greeting setting, else its assistant's greeting",
        params: Type.Object({ tenant_id: Type.String({ minLength: 1, maxLength: 128 }) }),
        response: {
          200: Type.Object({ ...success, greeting_message: Type.String(), greeting_uri: Type.Union([Type.String(), Type.Null()]), use_audio: Type.Boolean() }),
          401: Detail,
          404: Detail,
        },
      },
    },
    async (req) => {
      const tenant = principalOf(req).tenant_id;
      // Another tenant's id is as unknown as one that does not exist.
      if (req.params.tenant_id !== tenant) throw new CoreError(404, 'not_found', 'Tenant not found');
      const configured = settings.greeting(tenant);
      if (configured) return { status: 'success' as const, greeting_message: configured.message, greeting_uri: configured.uri, use_audio: configured.use_audio };
      const assistant = deps.store.assistants.list(tenant, { active_only: true }).find((a) => a.greeting !== null);
      if (!assistant?.greeting) throw new CoreError(404, 'not_found', `No greeting configured for tenant ${tenant}: set one (PATCH /api/v1/dialects/denco/settings) or give an assistant a greeting`);
      return { status: 'success' as const, greeting_message: assistant.greeting, greeting_uri: null, use_audio: false };
    },
  );
}
