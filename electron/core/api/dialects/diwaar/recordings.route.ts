import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Call } from '../../../../../shared/domain/call.ts';
import type { ApiDeps } from '../../api-deps.ts';
import { principalOf } from '../../plugins/api-key-auth.ts';
import { errors, IntId, Nullable } from '../../schemas/common.schemas.ts';

const TAGS = ['calls', 'seed 004 (Diwaar)'];
const Sid = Type.Object({ sid: Type.String({ minLength: 1, maxLength: 128 }) });
const Query = Type.Object({ recording_type: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) }, { additionalProperties: false });
const Recording = Type.Object({ id: Type.String(), recording_type: Type.String(), url: Type.String(), duration_seconds: Nullable(Type.Number()), created_at: Type.String() });
const Recordings = Type.Object({ call_id: Type.Integer(), call_sid: Type.String(), recordings: Type.Array(Recording) });

/**
 * Seed 004's recordings of a call, by id and by sid. The hub keeps no recordings yet (the
 * console records locally), so a call of the tenant answers an empty list; an unknown one 404s.
 */
export async function diwaarRecordingsRoutes(app: FastifyInstance, { calls }: ApiDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const of = (call: Call) => ({ call_id: call.id, call_sid: call.sid, recordings: [] });
  r.get(
    '/calls/:id/recordings',
    { schema: { tags: TAGS, summary: "A call's recordings", params: IntId, querystring: Query, response: { 200: Recordings, ...errors(400, 401, 403, 404) } } },
    async (req) => of(calls.get(principalOf(req).tenant_id, req.params.id)),
  );
  r.get(
    '/calls/sid/:sid/recordings',
    { schema: { tags: TAGS, summary: "A call's recordings, by sid", params: Sid, querystring: Query, response: { 200: Recordings, ...errors(400, 401, 403, 404) } } },
    async (req) => of(calls.getBySid(principalOf(req).tenant_id, req.params.sid)),
  );
}
