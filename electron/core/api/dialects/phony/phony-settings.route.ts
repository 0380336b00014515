import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { principalOf } from '../../plugins/api-key-auth.ts';
import { errors, Nullable } from '../../schemas/common.schemas.ts';
import type { PhonySettings } from './phony-settings.ts';

const SettingsView = Type.Object({
  twilio_auth_token: Type.Object({ configured: Type.Boolean(), source: Nullable(Type.Union([Type.Literal('settings'), Type.Literal('env')])) }),
  sip_target: Nullable(Type.String()),
  public_base_url: Nullable(Type.String()),
  signature_check: Type.Union([Type.Literal('on'), Type.Literal('off')]),
});

const SettingsPatch = Type.Object(
  {
    twilio_auth_token: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 256, description: 'sealed at rest, never shown again; null removes it' }))),
    sip_target: Type.Optional(Nullable(Type.String({ maxLength: 500, description: 'e.g. sip:proj_…@sip.api.openai.com;transport=tls' }))),
    public_base_url: Type.Optional(Nullable(Type.String({ maxLength: 300, description: 'the origin Twilio posts to, e.g. https://phony.example.com' }))),
  },
  { additionalProperties: false, minProperties: 1 },
);

/** A tenant's seed 003 settings under `/api/v1/dialects/phony` (admin keys). */
export async function phonySettingsRoutes(app: FastifyInstance, settings: PhonySettings): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['seed 003 (Phony)'];
  r.get('/dialects/phony/settings', { config: { scope: 'admin' }, schema: { tags, summary: "The tenant's Phony settings", response: { 200: SettingsView, ...errors(401, 403) } } }, async (req) =>
    settings.view(principalOf(req).tenant_id),
  );
  r.patch(
    '/dialects/phony/settings',
    { config: { scope: 'admin' }, schema: { tags, summary: 'Set the Twilio auth token, the SIP target of Twilio calls, the public origin', body: SettingsPatch, response: { 200: SettingsView, ...errors(400, 401, 403) } } },
    async (req) => settings.update(principalOf(req).tenant_id, req.body),
  );
}
