/**
 * Whether a fax's pages have been read as text: waiting for the OCR engine, read, failed (the
 * error says why), or not possible on this machine (no `tesseract` installed).
 */
export const FAX_OCR_STATES = ['pending', 'done', 'failed', 'unavailable'] as const;
export type FaxOcrState = (typeof FAX_OCR_STATES)[number];

/** A received fax: the TIFF (fetched separately), its parties and pages, and the OCR text per page. */
export interface FaxDocument {
  /** `doc-<uuid>` (seed 000's `document_id`). */
  id: string;
  tenant_id: string;
  /** The fax gateway's id; unique in a tenant, so a retried webhook is stored once. */
  fax_id: string;
  sender_number: string;
  receiver_number: string;
  /** What the gateway said (`pages`); `page_count` is what the file holds. */
  pages_declared: number | null;
  page_count: number;
  received_at: string;
  size_bytes: number;
  ocr_state: FaxOcrState;
  /** One text per page once `ocr_state` is `done`. */
  ocr_pages: string[] | null;
  ocr_error: string | null;
  ocr_at: string | null;
  created_at: string;
  updated_at: string;
}

/** A send-status report of the fax gateway (seed 000's `/api/fax/webhook/status`), kept as it came. */
export interface FaxStatusEvent {
  id: number;
  tenant_id: string;
  fax_id: string;
  job_id: string | null;
  status: string;
  error_message: string | null;
  reported_at: string | null;
  received_at: string;
}
