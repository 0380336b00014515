import { randomUUID } from 'node:crypto';
import type { FaxDocument, FaxStatusEvent } from '../../../shared/domain/fax.ts';
import { CoreError, notFound, storeWrite } from '../errors.ts';
import type { Store } from '../store/store.ts';
import type { TesseractOcr } from './tesseract.ts';
import { countTiffPages, TiffError } from './tiff-pages.ts';

export interface ReceivedFax {
  fax_id: string;
  sender_number: string;
  receiver_number: string;
  /** What the gateway says the fax has. */
  pages: number | null;
  /** When the gateway received it; default now. */
  received_at: string | null;
  tiff: Uint8Array;
}

export interface FaxServiceDeps {
  store: Store;
  ocr: TesseractOcr;
  log(line: string): void;
}

/**
 * Received faxes: the TIFF is checked and stored with its page count before the sender is
 * answered (so an acknowledged fax is never lost), then read by OCR in the background, one
 * document at a time; documents still waiting for OCR when the core stopped are read after
 * the next start.
 */
export class FaxService {
  private readonly deps: FaxServiceDeps;
  private queue: Promise<void> = Promise.resolve();
  private readonly aborter = new AbortController();

  constructor(deps: FaxServiceDeps) {
    this.deps = deps;
  }

  start(): void {
    for (const { tenant_id, id } of this.deps.store.faxDocuments.pendingOcr()) this.enqueueOcr(tenant_id, id);
  }

  async stop(): Promise<void> {
    this.aborter.abort();
    await this.queue;
  }

  /** Stores a fax; the same `fax_id` again (a retried webhook) answers the stored document. */
  receive(tenantId: string, fax: ReceivedFax): { document: FaxDocument; created: boolean } {
    const known = this.deps.store.faxDocuments.byFaxId(tenantId, fax.fax_id);
    if (known) return { document: known, created: false };
    let pageCount: number;
    try {
      pageCount = countTiffPages(fax.tiff);
    } catch (err) {
      if (err instanceof TiffError) throw new CoreError(422, 'invalid_tiff', `tiff_file is not a readable TIFF: ${err.message}`);
      throw err;
    }
    const unavailable = this.deps.ocr.unavailableReason();
    const document = storeWrite(() =>
      this.deps.store.faxDocuments.create(tenantId, {
        id: `doc-${randomUUID()}`,
        fax_id: fax.fax_id,
        sender_number: fax.sender_number,
        receiver_number: fax.receiver_number,
        pages_declared: fax.pages,
        page_count: pageCount,
        received_at: fax.received_at ?? new Date().toISOString(),
        tiff: fax.tiff,
        ocr_state: unavailable ? 'unavailable' : 'pending',
        ocr_error: unavailable,
      }),
    );
    if (!unavailable) this.enqueueOcr(tenantId, document.id);
    return { document, created: true };
  }

  recordStatus(tenantId: string, report: Omit<FaxStatusEvent, 'id' | 'tenant_id' | 'received_at'>): FaxStatusEvent {
    return this.deps.store.faxDocuments.addStatus(tenantId, report);
  }

  get(tenantId: string, id: string): FaxDocument {
    const doc = this.deps.store.faxDocuments.get(tenantId, id);
    if (!doc) throw notFound(`fax document ${id}`);
    return doc;
  }

  tiff(tenantId: string, id: string): Buffer {
    const bytes = this.deps.store.faxDocuments.tiff(tenantId, id);
    if (!bytes) throw notFound(`fax document ${id}`);
    return bytes;
  }

  /** Reads the document again (after installing tesseract, or after a failure). */
  retryOcr(tenantId: string, id: string): FaxDocument {
    this.get(tenantId, id);
    const unavailable = this.deps.ocr.unavailableReason();
    if (unavailable) throw new CoreError(503, 'ocr_unavailable', unavailable);
    const doc = this.deps.store.faxDocuments.setOcr(tenantId, id, { ocr_state: 'pending', ocr_pages: null, ocr_error: null }) as FaxDocument;
    this.enqueueOcr(tenantId, id);
    return doc;
  }

  private enqueueOcr(tenantId: string, id: string): void {
    this.queue = this.queue.then(() => this.readDocument(tenantId, id));
  }

  private async readDocument(tenantId: string, id: string): Promise<void> {
    if (this.aborter.signal.aborted) return;
    const tiff = this.deps.store.faxDocuments.tiff(tenantId, id);
    if (!tiff) return;
    const faxes = this.deps.store.faxDocuments;
    try {
      const pages = await this.deps.ocr.readPages(tiff, this.aborter.signal);
      faxes.setOcr(tenantId, id, { ocr_state: 'done', ocr_pages: pages, ocr_error: null });
    } catch (err) {
      // Stopping mid-read leaves it pending: the next start reads it again.
      if (this.aborter.signal.aborted) return;
      const message = (err as Error).message.slice(0, 1000);
      this.deps.log(`fax ${id}: OCR failed: ${message}`);
      faxes.setOcr(tenantId, id, { ocr_state: 'failed', ocr_pages: null, ocr_error: message });
    }
  }
}
