import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { principalOf } from '../../plugins/api-key-auth.ts';
import { errors, Nullable } from '../../schemas/common.schemas.ts';
import type { DencoSettings } from './denco-settings.ts';

const Greeting = Type.Object({ message: Type.String(), uri: Nullable(Type.String()), use_audio: Type.Boolean() });

const SettingsView = Type.Object({
  backend_auth_token: Type.Object({ configured: Type.Boolean(), source: Nullable(Type.Union([Type.Literal('settings'), Type.Literal('env')])) }),
  allow_tenant_id_bearer: Type.Boolean(),
  greeting: Nullable(Greeting),
});

const SettingsPatch = Type.Object(
  {
    backend_auth_token: Type.Optional(Nullable(Type.String({ minLength: 16, maxLength: 512, description: 'set your existing BACKEND_AUTH_TOKEN; null removes it' }))),
    allow_tenant_id_bearer: Type.Optional(Type.Boolean({ description: 'accept `Bearer <tenant id>` read-only on the frontend routes (insecure; off by default)' })),
    greeting: Type.Optional(
      Nullable(
        Type.Object(
          { message: Type.String({ minLength: 1, maxLength: 2000 }), uri: Type.Optional(Nullable(Type.String({ maxLength: 500 }))), use_audio: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
      ),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);

/** A tenant's seed 000 settings under `/api/v1/dialects/denco` (admin keys). */
export async function dencoSettingsRoutes(app: FastifyInstance, settings: DencoSettings): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['seed 000 (DENCO)'];

  r.get('/dialects/denco/settings', { config: { scope: 'admin' }, schema: { tags, summary: "The tenant's DENCO settings", response: { 200: SettingsView, ...errors(401, 403) } } }, async (req) =>
    settings.view(principalOf(req).tenant_id),
  );

  r.patch(
    '/dialects/denco/settings',
    { config: { scope: 'admin' }, schema: { tags, summary: 'Change the backend token, the tenant-id bearer opt-in, the greeting', body: SettingsPatch, response: { 200: SettingsView, ...errors(400, 401, 403, 409) } } },
    async (req) => settings.update(principalOf(req).tenant_id, req.body),
  );

  r.post(
    '/dialects/denco/backend-token',
    {
      config: { scope: 'admin' },
      schema: { tags, summary: 'Generate a new backend token (shown once; replaces the old one)', response: { 201: Type.Object({ backend_auth_token: Type.String() }), ...errors(401, 403) } },
    },
    async (req, reply) => reply.code(201).send({ backend_auth_token: settings.generateBackendToken(principalOf(req).tenant_id) }),
  );
}
