import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { FAX_OCR_STATES } from '../../../../shared/domain/fax.ts';
import type { FaxService } from '../../fax/fax.service.ts';
import type { Store } from '../../store/store.ts';
import { principalOf } from '../plugins/api-key-auth.ts';
import { errors, Nullable } from '../schemas/common.schemas.ts';

const FaxDocumentSchema = Type.Object({
  id: Type.String(),
  tenant_id: Type.String(),
  fax_id: Type.String(),
  sender_number: Type.String(),
  receiver_number: Type.String(),
  pages_declared: Nullable(Type.Integer()),
  page_count: Type.Integer(),
  received_at: Type.String(),
  size_bytes: Type.Integer(),
  ocr_state: Type.Enum(FAX_OCR_STATES),
  ocr_pages: Nullable(Type.Array(Type.String())),
  ocr_error: Nullable(Type.String()),
  ocr_at: Nullable(Type.String()),
  created_at: Type.String(),
  updated_at: Type.String(),
});

const StatusEventSchema = Type.Object({
  id: Type.Integer(),
  fax_id: Type.String(),
  job_id: Nullable(Type.String()),
  status: Type.String(),
  error_message: Nullable(Type.String()),
  reported_at: Nullable(Type.String()),
  received_at: Type.String(),
});

const DocId = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) });
const ListQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })), offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })) },
  { additionalProperties: false },
);

/** Received faxes (seed 000's fax webhooks store them): list, one with its OCR text and status reports, the TIFF itself. */
export async function faxDocumentsRoutes(app: FastifyInstance, store: Store, fax: FaxService): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/fax/documents',
    {
      schema: {
        tags: ['fax'],
        summary: 'Received faxes, newest first',
        querystring: ListQuery,
        response: { 200: Type.Object({ documents: Type.Array(FaxDocumentSchema), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() }), ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      const limit = req.query.limit ?? 50;
      const offset = req.query.offset ?? 0;
      const { items, total } = store.faxDocuments.list(principalOf(req).tenant_id, { limit, offset });
      return { documents: items, total, limit, offset };
    },
  );

  r.get(
    '/fax/documents/:id',
    {
      schema: {
        tags: ['fax'],
        summary: 'A received fax with its OCR text and the gateway’s status reports',
        params: DocId,
        response: { 200: Type.Object({ ...FaxDocumentSchema.properties, status_events: Type.Array(StatusEventSchema) }), ...errors(401, 403, 404) },
      },
    },
    async (req) => {
      const tenant = principalOf(req).tenant_id;
      const doc = fax.get(tenant, req.params.id);
      return { ...doc, status_events: store.faxDocuments.statuses(tenant, doc.fax_id) };
    },
  );

  r.get(
    '/fax/documents/:id/tiff',
    { schema: { tags: ['fax'], summary: 'The fax as received (image/tiff)', params: DocId, produces: ['image/tiff'], response: errors(401, 403, 404) } },
    async (req, reply) => reply.type('image/tiff').send(fax.tiff(principalOf(req).tenant_id, req.params.id)),
  );

  r.post(
    '/fax/documents/:id/ocr',
    {
      schema: {
        tags: ['fax'],
        summary: 'Read the fax again with OCR (after installing tesseract, or after a failure)',
        params: DocId,
        response: { 202: FaxDocumentSchema, ...errors(401, 403, 404, 503) },
      },
    },
    async (req, reply) => reply.code(202).send(fax.retryOcr(principalOf(req).tenant_id, req.params.id)),
  );
}
