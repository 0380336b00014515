import type { Speaker, TranscriptSegment, TranscriptSource } from '../../../../shared/domain/transcript.ts';
import type { Db } from '../database.ts';
import { prepared } from '../statements.ts';
import { fromBool, nowIso, toBool } from '../sql-values.ts';

interface SegmentRow extends Omit<TranscriptSegment, 'is_final'> {
  is_final: number;
}

const toSegment = ({ tenant_id: _t, ...row }: SegmentRow & { tenant_id: string }): TranscriptSegment => ({
  ...row,
  is_final: toBool(row.is_final),
});

export interface NewSegment {
  speaker: Speaker;
  text: string;
  confidence?: number | null;
  start_ms: number;
  end_ms: number;
  is_final?: boolean;
  source: TranscriptSource;
  model?: string | null;
  segment_key?: string | null;
}

export class TranscriptsRepo {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  add(tenantId: string, callId: number, s: NewSegment): TranscriptSegment {
    return this.addOnce(tenantId, callId, s).segment;
  }

  /**
   * Stores a segment unless one with the same `segment_key` is already stored for the call (a
   * retry after a crash between storing and forgetting the spooled audio); returns the stored one.
   */
  addOnce(tenantId: string, callId: number, s: NewSegment): { segment: TranscriptSegment; created: boolean } {
    const created_at = nowIso();
    const { changes, lastInsertRowid } = prepared(
      this.db,
      `INSERT INTO transcript_segments (call_id, tenant_id, speaker, text, confidence, start_ms, end_ms, is_final, source, model, segment_key, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (call_id, segment_key) WHERE segment_key IS NOT NULL DO NOTHING`,
    ).run(callId, tenantId, s.speaker, s.text, s.confidence ?? null, s.start_ms, s.end_ms, fromBool(s.is_final ?? true), s.source, s.model ?? null, s.segment_key ?? null, created_at);
    if (changes > 0) return { segment: this.get(tenantId, Number(lastInsertRowid)) as TranscriptSegment, created: true };
    const existing = prepared(this.db, 'SELECT * FROM transcript_segments WHERE tenant_id = ? AND call_id = ? AND segment_key = ?')
      .get(tenantId, callId, s.segment_key ?? null) as (SegmentRow & { tenant_id: string }) | undefined;
    if (!existing) throw new Error(`transcript segment for call ${callId} was neither stored nor found`);
    return { segment: toSegment(existing), created: false };
  }

  /** Whether the call already has the segment the console keyed `segmentKey`. */
  hasKey(tenantId: string, callId: number, segmentKey: string): boolean {
    return prepared(this.db, 'SELECT 1 FROM transcript_segments WHERE tenant_id = ? AND call_id = ? AND segment_key = ?').get(tenantId, callId, segmentKey) !== undefined;
  }

  get(tenantId: string, id: number): TranscriptSegment | null {
    const row = prepared(this.db, 'SELECT * FROM transcript_segments WHERE tenant_id = ? AND id = ?').get(tenantId, id) as
      | (SegmentRow & { tenant_id: string })
      | undefined;
    return row ? toSegment(row) : null;
  }

  list(tenantId: string, callId: number, filter: { speaker?: Speaker } = {}): TranscriptSegment[] {
    const rows = filter.speaker
      ? prepared(this.db, 'SELECT * FROM transcript_segments WHERE tenant_id = ? AND call_id = ? AND speaker = ? ORDER BY start_ms, id')
          .all(tenantId, callId, filter.speaker)
      : prepared(this.db, 'SELECT * FROM transcript_segments WHERE tenant_id = ? AND call_id = ? ORDER BY start_ms, id').all(tenantId, callId);
    return (rows as (SegmentRow & { tenant_id: string })[]).map(toSegment);
  }
}
