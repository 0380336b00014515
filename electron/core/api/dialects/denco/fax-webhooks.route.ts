import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { CoreError } from '../../../errors.ts';
import type { FaxService } from '../../../fax/fax.service.ts';
import { principalOf } from '../../plugins/api-key-auth.ts';
import { DencoValidationError, type DencoValidationDetail } from './denco-errors.ts';

/** A fax is a few hundred kB; this leaves room for long, fine-mode ones. */
export const FAX_BODY_LIMIT = 32 * 1024 * 1024;

const TAGS = ['seed 000 (DENCO)'];
const Detail = Type.Object({ detail: Type.Unknown() });
const FIELDS = ['fax_id', 'sender_number', 'receiver_number', 'pages', 'timestamp', 'tiff_file'] as const;
const TEXT_LIMIT = 256;

const StatusBody = Type.Object(
  {
    fax_id: Type.String({ minLength: 1, maxLength: 128 }),
    job_id: Type.Optional(Type.Union([Type.String({ maxLength: 128 }), Type.Null()])),
    status: Type.String({ minLength: 1, maxLength: 64 }),
    timestamp: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
    error_message: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
  },
  { additionalProperties: false },
);

class FormProblems {
  readonly list: DencoValidationDetail[] = [];
  add(field: string, msg: string, type: string): void {
    this.list.push({ loc: ['body', field], msg, type });
  }
  throwIfAny(): void {
    if (this.list.length) throw new DencoValidationError(this.list);
  }
}

function text(form: FormData, name: string, problems: FormProblems, required: boolean): string | null {
  const v = form.get(name);
  if (v === null || v === '') {
    if (required) problems.add(name, 'field required', 'missing');
    return null;
  }
  if (typeof v !== 'string') {
    problems.add(name, 'must be a text field, not a file', 'type');
    return null;
  }
  if (v.length > TEXT_LIMIT) problems.add(name, `at most ${TEXT_LIMIT} characters`, 'maxLength');
  return v.trim();
}

/**
 * Seed 000's fax gateway webhooks. Inbound faxes arrive as multipart/form-data with the TIFF;
 * the document (TIFF, parties, page count) is stored before the answer, then read by OCR in the
 * background. Multipart is parsed by the runtime's own `Response.formData()` (undici).
 */
export async function faxWebhookRoutes(app: FastifyInstance, fax: FaxService): Promise<void> {
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: FAX_BODY_LIMIT }, async (req: FastifyRequest, body: Buffer) => {
    try {
      return await new Response(new Uint8Array(body), { headers: { 'content-type': req.headers['content-type'] ?? '' } }).formData();
    } catch {
      throw new CoreError(400, 'bad_multipart', 'the body is not valid multipart/form-data (check the boundary)');
    }
  });
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/api/fax/webhook/inbound',
    {
      bodyLimit: FAX_BODY_LIMIT,
      schema: {
        tags: TAGS,
        summary: 'A received fax (multipart: fax_id, sender_number, receiver_number, pages, timestamp, tiff_file)',
        consumes: ['multipart/form-data'],
        response: { 200: Type.Object({ status: Type.Literal('success'), message: Type.String(), document_id: Type.String() }), 401: Detail, 413: Detail, 415: Detail, 422: Detail },
      },
    },
    async (req) => {
      const form = req.body;
      if (!(form instanceof FormData)) throw new CoreError(415, 'unsupported_media_type', 'send the fax as multipart/form-data');
      const problems = new FormProblems();
      for (const key of new Set(form.keys())) {
        if (!(FIELDS as readonly string[]).includes(key)) problems.add(key, 'extra fields not permitted', 'additionalProperties');
      }
      const faxId = text(form, 'fax_id', problems, true);
      const sender = text(form, 'sender_number', problems, true);
      const receiver = text(form, 'receiver_number', problems, true);
      const pagesText = text(form, 'pages', problems, false);
      const timestamp = text(form, 'timestamp', problems, false);
      const pages = pagesText === null ? null : Number(pagesText);
      if (pages !== null && (!Number.isInteger(pages) || pages < 1 || pages > 10_000)) problems.add('pages', 'must be a whole number of pages, 1 or more', 'type');
      if (timestamp !== null && Number.isNaN(Date.parse(timestamp))) problems.add('timestamp', 'must be an ISO 8601 date-time', 'format');
      const file = form.get('tiff_file');
      if (!(file instanceof File)) problems.add('tiff_file', file === null ? 'field required' : 'must be a file', file === null ? 'missing' : 'type');
      else if (file.size === 0) problems.add('tiff_file', 'the file is empty', 'minLength');
      problems.throwIfAny();
      const { document } = fax.receive(principalOf(req).tenant_id, {
        fax_id: faxId!,
        sender_number: sender!,
        receiver_number: receiver!,
        pages,
        received_at: timestamp === null ? null : new Date(timestamp).toISOString(),
        tiff: new Uint8Array(await (file as File).arrayBuffer()),
      });
      return { status: 'success' as const, message: 'FAX received successfully', document_id: document.id };
    },
  );

  r.post(
    '/api/fax/webhook/status',
    {
      schema: {
        tags: TAGS,
        summary: "The fax gateway's send-status report",
        body: StatusBody,
        response: { 200: Type.Object({ status: Type.Literal('success'), message: Type.String() }), 401: Detail, 422: Detail },
      },
    },
    async (req) => {
      const b = req.body;
      fax.recordStatus(principalOf(req).tenant_id, {
        fax_id: b.fax_id,
        job_id: b.job_id ?? null,
        status: b.status,
        error_message: b.error_message ?? null,
        reported_at: b.timestamp ? new Date(b.timestamp).toISOString() : null,
      });
      return { status: 'success' as const, message: 'Status updated successfully' };
    },
  );
}
