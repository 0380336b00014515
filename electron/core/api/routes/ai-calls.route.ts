import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ApiDeps } from '../api-deps.ts';
import { principalOf } from '../plugins/api-key-auth.ts';
import { errors, IntId, Nullable } from '../schemas/common.schemas.ts';

const Ok = Type.Object({ ok: Type.Literal(true) });
const TextBody = Type.Object({ text: Type.String({ minLength: 1, maxLength: 4000 }) }, { additionalProperties: false });
const TargetBody = Type.Object(
  { target: Type.String({ minLength: 1, maxLength: 300, description: "a seat's extension (→ sip:<ext>@<its PBX>), a sip: URI, or a number (+E.164 → tel:)" }) },
  { additionalProperties: false },
);
const CONTROL_ERRORS = errors(400, 401, 403, 404, 409, 502, 503);

const CallSettings = Type.Object({ max_concurrent_ai_calls: Type.Integer(), default_phone_number: Nullable(Type.String()) });
const CallSettingsPatch = Type.Object(
  {
    max_concurrent_ai_calls: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 10_000, description: 'null: back to 10' }))),
    default_phone_number: Type.Optional(Nullable(Type.String({ maxLength: 40, description: "caller number when a call carries none; null: DEFAULT_PHONE_NUMBER, else 'anonymous'" }))),
  },
  { additionalProperties: false, minProperties: 1 },
);

const DESCRIPTIONS = {
  whisper: 'Guidance the AI hears and the caller does not (a system message in its conversation).',
  say: 'The AI says this text now (what it was saying is cancelled first).',
  stop: 'Stops what the AI is saying (response.cancel, and the audio already queued is dropped).',
  transfer: 'Takes the caller away from the AI: REFER to a seat, a SIP address or a number.',
  hangup: 'Hangs up the call.',
};
const COMMON = 'Live AI calls only (409 otherwise); 503 while the realtime session is reconnecting; every control is written to the call timeline (`ai.<control>`).';

/** Supervisor controls on live AI calls over the API (scope write), and the tenant's AI call policy. */
export async function aiCallsRoutes(app: FastifyInstance, { aiCalls }: ApiDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const c = aiCalls.controls;
  const tags = ['ai calls'];
  const base = (what: keyof typeof DESCRIPTIONS) => ({ tags, summary: DESCRIPTIONS[what], description: COMMON, params: IntId, response: { 200: Ok, ...CONTROL_ERRORS } });
  const schema = <B extends typeof TextBody | typeof TargetBody>(what: keyof typeof DESCRIPTIONS, body: B) => ({ ...base(what), body });

  r.post('/calls/:id/ai/whisper', { schema: schema('whisper', TextBody) }, async (req) => {
    const p = principalOf(req);
    return c.whisper(p.tenant_id, req.params.id, req.body.text, p.actor);
  });
  r.post('/calls/:id/ai/say', { schema: schema('say', TextBody) }, async (req) => {
    const p = principalOf(req);
    return c.say(p.tenant_id, req.params.id, req.body.text, p.actor);
  });
  r.post('/calls/:id/ai/stop', { schema: base('stop') }, async (req) => {
    const p = principalOf(req);
    return c.stop(p.tenant_id, req.params.id, p.actor);
  });
  r.post('/calls/:id/ai/transfer', { schema: schema('transfer', TargetBody) }, async (req) => {
    const p = principalOf(req);
    return c.transfer(p.tenant_id, req.params.id, req.body.target, p.actor);
  });
  r.post('/calls/:id/ai/hangup', { schema: base('hangup') }, async (req) => {
    const p = principalOf(req);
    return c.hangup(p.tenant_id, req.params.id, p.actor);
  });

  r.get(
    '/ai/call-settings',
    { schema: { tags, summary: "The tenant's AI call policy (concurrent AI call limit, default caller number)", response: { 200: CallSettings, ...errors(401, 403) } } },
    async (req) => aiCalls.settings.of(principalOf(req).tenant_id),
  );
  r.patch(
    '/ai/call-settings',
    { config: { scope: 'admin' }, schema: { tags, summary: "Change the tenant's AI call policy", body: CallSettingsPatch, response: { 200: CallSettings, ...errors(400, 401, 403) } } },
    async (req) => aiCalls.settings.update(principalOf(req).tenant_id, req.body),
  );
}
