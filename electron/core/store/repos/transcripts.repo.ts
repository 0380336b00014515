import type { Speaker, TranscriptSegment, TranscriptSource } from '../../../../shared/domain/transcript.ts';
import type { Db } from '../database.ts';
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
}

export class TranscriptsRepo {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  add(tenantId: string, callId: number, s: NewSegment): TranscriptSegment {
    const created_at = nowIso();
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO transcript_segments (call_id, tenant_id, speaker, text, confidence, start_ms, end_ms, is_final, source, model, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(callId, tenantId, s.speaker, s.text, s.confidence ?? null, s.start_ms, s.end_ms, fromBool(s.is_final ?? true), s.source, s.model ?? null, created_at);
    return this.get(tenantId, Number(lastInsertRowid)) as TranscriptSegment;
  }

  get(tenantId: string, id: number): TranscriptSegment | null {
    const row = this.db.prepare('SELECT * FROM transcript_segments WHERE tenant_id = ? AND id = ?').get(tenantId, id) as
      | (SegmentRow & { tenant_id: string })
      | undefined;
    return row ? toSegment(row) : null;
  }

  list(tenantId: string, callId: number, filter: { speaker?: Speaker } = {}): TranscriptSegment[] {
    const rows = filter.speaker
      ? this.db
          .prepare('SELECT * FROM transcript_segments WHERE tenant_id = ? AND call_id = ? AND speaker = ? ORDER BY start_ms, id')
          .all(tenantId, callId, filter.speaker)
      : this.db.prepare('SELECT * FROM transcript_segments WHERE tenant_id = ? AND call_id = ? ORDER BY start_ms, id').all(tenantId, callId);
    return (rows as (SegmentRow & { tenant_id: string })[]).map(toSegment);
  }
}
