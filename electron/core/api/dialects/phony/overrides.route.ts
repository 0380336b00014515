import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Call } from '../../../../../shared/domain/call.ts';
import { CoreError } from '../../../errors.ts';
import type { ApiDeps } from '../../api-deps.ts';
import { principalOf } from '../../plugins/api-key-auth.ts';
import type { RateClass } from '../../plugins/rate-limit.ts';
import { findCall } from './call-link.ts';
import { PhonyError, PhonyErrorBody } from './phony-errors.ts';

const TAGS = ['seed 003 (Phony)'];
/** Seed 003's "Supervisor Controls" limit, per API key. */
const SUPERVISOR_CONTROL_RATE: RateClass = { name: 'supervisor control', per_minute: 500 };
const CallSid = Type.String({ minLength: 1, maxLength: 128 });
const Result = Type.Object({ success: Type.Boolean(), message: Type.String() });
const errorsOf = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, PhonyErrorBody]));

const TextBody = Type.Object(
  {
    callSid: CallSid,
    text: Type.String({ minLength: 1, maxLength: 4000 }),
    mode: Type.Optional(Type.Union([Type.Literal('say'), Type.Literal('whisper')], { description: 'say (default): the AI speaks the text to the caller; whisper: guidance only the AI hears' })),
  },
  { additionalProperties: false },
);
const TransferBody = Type.Object(
  { callSid: CallSid, target: Type.String({ minLength: 1, maxLength: 300, description: "an agent's extension, a sip: URI or a phone number" }) },
  { additionalProperties: false },
);

/**
 * In Phony a supervisor acts on a live AI call session; here those are AI calls over OpenAI
 * Realtime, and the controls are the AI call controls (audited on the call's timeline). A call
 * that does not exist, is not an AI call or is not live has no session: 404 CALL_NOT_FOUND.
 */
async function onSession<T>(deps: ApiDeps, tenant: string, callSid: string, act: (call: Call) => Promise<T>): Promise<T> {
  const call = findCall(deps.store, tenant, callSid);
  if (!call) throw new PhonyError(404, 'CALL_NOT_FOUND', `no call ${callSid}`, { callSid });
  try {
    return await act(call);
  } catch (err) {
    if (err instanceof CoreError && err.statusCode === 409) throw new PhonyError(404, 'CALL_NOT_FOUND', `no live AI call session for ${callSid}: ${err.message}`, { callSid, reason: err.code });
    throw err;
  }
}

export async function phonyOverrideRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const controls = deps.aiCalls.controls;

  r.post(
    '/override/text',
    { config: { rateClass: SUPERVISOR_CONTROL_RATE }, schema: { tags: TAGS, summary: 'Make the AI say a text to the caller now (or whisper guidance to it)', body: TextBody, response: { 200: Result, ...errorsOf(400, 401, 403, 404, 422, 429, 502, 503) } } },
    async (req) => {
      const p = principalOf(req);
      const { callSid, text, mode } = req.body;
      await onSession(deps, p.tenant_id, callSid, (call) =>
        mode === 'whisper' ? Promise.resolve(controls.whisper(p.tenant_id, call.id, text, p.actor)) : controls.say(p.tenant_id, call.id, text, p.actor),
      );
      return { success: true, message: 'Text sent successfully' };
    },
  );

  r.post(
    '/override/transfer',
    { config: { rateClass: SUPERVISOR_CONTROL_RATE }, schema: { tags: TAGS, summary: 'Transfer the caller away from the AI (SIP REFER)', body: TransferBody, response: { 200: Result, ...errorsOf(400, 401, 403, 404, 422, 429, 502) } } },
    async (req) => {
      const p = principalOf(req);
      const { callSid, target } = req.body;
      await onSession(deps, p.tenant_id, callSid, (call) => controls.transfer(p.tenant_id, call.id, target, p.actor));
      return { success: true, message: 'Call transferred successfully' };
    },
  );
}
