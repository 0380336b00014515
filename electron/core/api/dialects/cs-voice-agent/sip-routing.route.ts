import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import { Type } from 'typebox';
import type { DispatchRule, SipTrunk } from '../../../../../shared/domain/sip-routing.ts';
import { TRUNK_TYPES } from '../../../../../shared/domain/sip-routing.ts';
import { badRequest } from '../../../errors.ts';
import { hashToken } from '../../../security/tokens.ts';
import type { ApiDeps } from '../../api-deps.ts';
import { principalOf } from '../../plugins/api-key-auth.ts';
import { errors, Metadata, Nullable } from '../../schemas/common.schemas.ts';

const TAGS = ['seed 002 (Customer Service Voice Agent)'];
const PhoneNumber = Type.String({ pattern: '^\\+?[0-9]{2,20}$' });

const Trunk = Type.Object({ trunk_id: Type.String(), trunk_type: Type.Enum(TRUNK_TYPES), name: Type.String(), address: Type.Optional(Type.String()), numbers: Type.Array(Type.String()) });
const TrunkBody = Type.Object(
  {
    trunk_type: Type.Enum(TRUNK_TYPES),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    address: Type.Optional(Type.String({ minLength: 1, maxLength: 255, pattern: '^[A-Za-z0-9.:\\[\\]-]+$', description: 'the provider host (outbound trunks)' })),
    numbers: Type.Array(PhoneNumber, { maxItems: 100, uniqueItems: true }),
  },
  { additionalProperties: false },
);
const Rule = Type.Object({
  rule_id: Type.String(),
  name: Type.String(),
  trunk_ids: Type.Array(Type.String()),
  room_pattern: Type.String(),
  hide_phone_number: Type.Boolean(),
  has_pin: Type.Boolean(),
  metadata: Metadata,
});
const RuleBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    trunk_ids: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 50, uniqueItems: true }),
    room_name_pattern: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'default call-{call_id}' })),
    hide_phone_number: Type.Optional(Type.Boolean()),
    pin: Type.Optional(Nullable(Type.String({ pattern: '^[0-9]{1,12}$' }))),
    metadata: Type.Optional(Metadata),
  },
  { additionalProperties: false },
);

/** Ids in the seed's style: a prefix and 12 letters and digits. */
const seedId = (prefix: string) => `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, '').slice(0, 12).padEnd(12, '0')}`;

const trunkOut = ({ trunk_id, trunk_type, name, address, numbers }: SipTrunk) => ({ trunk_id, trunk_type, name, ...(address !== null ? { address } : {}), numbers });
const ruleOut = ({ rule_id, name, trunk_ids, room_pattern, hide_phone_number, has_pin, metadata }: DispatchRule) => ({ rule_id, name, trunk_ids, room_pattern, hide_phone_number, has_pin, metadata });

/**
 * Seed 002's SIP management: the tenant's trunks (listed by direction; created here too, since
 * we are the PBX's client rather than LiveKit) and dispatch rules over those trunks.
 */
export async function csSipRoutingRoutes(app: FastifyInstance, { store }: ApiDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/sip/trunks',
    {
      schema: {
        tags: TAGS,
        summary: "The tenant's SIP trunks by direction",
        response: { 200: Type.Object({ inbound: Type.Array(Trunk), outbound: Type.Array(Trunk), total_inbound: Type.Integer(), total_outbound: Type.Integer() }), ...errors(401, 403) },
      },
    },
    async (req) => {
      const trunks = store.sipRouting.trunks(principalOf(req).tenant_id).map(trunkOut);
      const inbound = trunks.filter((t) => t.trunk_type === 'inbound');
      const outbound = trunks.filter((t) => t.trunk_type === 'outbound');
      return { inbound, outbound, total_inbound: inbound.length, total_outbound: outbound.length };
    },
  );

  r.post('/sip/trunks', { schema: { tags: TAGS, summary: 'Add a SIP trunk', body: TrunkBody, response: { 201: Trunk, ...errors(400, 401, 403) } } }, async (req, reply) => {
    const b = req.body;
    const trunk = store.sipRouting.createTrunk(principalOf(req).tenant_id, { id: seedId('ST'), trunk_type: b.trunk_type, name: b.name, address: b.address ?? null, numbers: b.numbers });
    return reply.code(201).send(trunkOut(trunk));
  });

  r.get('/sip/dispatch-rules', { schema: { tags: TAGS, summary: "The tenant's dispatch rules", response: { 200: Type.Array(Rule), ...errors(401, 403) } } }, async (req) =>
    store.sipRouting.rules(principalOf(req).tenant_id).map(ruleOut),
  );

  r.post('/sip/dispatch-rules', { schema: { tags: TAGS, summary: 'Add a dispatch rule', body: RuleBody, response: { 201: Rule, ...errors(400, 401, 403) } } }, async (req, reply) => {
    const tenant = principalOf(req).tenant_id;
    const b = req.body;
    const known = new Set(store.sipRouting.trunks(tenant).map((t) => t.trunk_id));
    const unknown = b.trunk_ids.filter((id) => !known.has(id));
    if (unknown.length > 0) throw badRequest(`unknown trunk_ids: ${unknown.join(', ')}`);
    const rule = store.sipRouting.createRule(tenant, {
      id: seedId('SDR'),
      name: b.name,
      trunk_ids: b.trunk_ids,
      room_pattern: b.room_name_pattern ?? 'call-{call_id}',
      hide_phone_number: b.hide_phone_number ?? false,
      pin_hash: b.pin ? hashToken(b.pin) : null,
      metadata: b.metadata ?? {},
    });
    return reply.code(201).send(ruleOut(rule));
  });
}
