import type { QueueConnectMode, QueueEntry, QueueEntryKind, QueueEntryState, QueuePass } from '../../../../shared/domain/queue.ts';
import type { Db } from '../database.ts';
import { prepared } from '../statements.ts';
import { nowIso, parseJson } from '../sql-values.ts';

interface EntryRow extends Omit<QueueEntry, 'required_skills' | 'metadata' | 'passes'> {
  required_skills: string;
  metadata: string;
  passes: string;
}

const toEntry = (row: EntryRow): QueueEntry => ({
  ...row,
  required_skills: parseJson<string[]>(row.required_skills, []),
  metadata: parseJson<Record<string, unknown>>(row.metadata, {}),
  passes: parseJson<QueuePass[]>(row.passes, []),
});

export interface NewQueueEntry {
  kind: QueueEntryKind;
  call_id: number | null;
  from_number: string;
  to_number: string;
  priority: number;
  required_skills: string[];
  metadata: Record<string, unknown>;
  enqueued_at?: string;
}

export interface QueueEntryPatch {
  state?: QueueEntryState;
  call_id?: number | null;
  offered_agent_id?: number | null;
  offered_at?: string | null;
  offer_expires_at?: string | null;
  passes?: QueuePass[];
  assigned_agent_id?: number | null;
  assigned_at?: string | null;
  connect_mode?: QueueConnectMode | null;
  ended_at?: string | null;
  end_reason?: string | null;
}

const PATCHABLE: readonly (keyof QueueEntryPatch)[] = [
  'state', 'call_id', 'offered_agent_id', 'offered_at', 'offer_expires_at', 'passes', 'assigned_agent_id', 'assigned_at', 'connect_mode', 'ended_at', 'end_reason',
];

const SELECT = 'SELECT q.*, c.sid AS call_sid FROM queue_entries q LEFT JOIN calls c ON c.id = q.call_id';
const OPEN = "('waiting', 'offered', 'assigned')";

/** Calls waiting for a person, and what became of them. */
export class QueueEntriesRepo {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  create(tenantId: string, input: NewQueueEntry): QueueEntry {
    const at = nowIso();
    const { lastInsertRowid } = prepared(
      this.db,
      `INSERT INTO queue_entries (tenant_id, kind, state, call_id, from_number, to_number, priority, required_skills, metadata, enqueued_at, updated_at)
       VALUES (@tenant_id, @kind, 'waiting', @call_id, @from_number, @to_number, @priority, @required_skills, @metadata, @enqueued_at, @at)`,
    ).run({
      tenant_id: tenantId,
      kind: input.kind,
      call_id: input.call_id,
      from_number: input.from_number,
      to_number: input.to_number,
      priority: input.priority,
      required_skills: JSON.stringify(input.required_skills),
      metadata: JSON.stringify(input.metadata),
      enqueued_at: input.enqueued_at ?? at,
      at,
    });
    return this.get(tenantId, Number(lastInsertRowid)) as QueueEntry;
  }

  get(tenantId: string, id: number): QueueEntry | null {
    const row = prepared(this.db, `${SELECT} WHERE q.tenant_id = ? AND q.id = ?`).get(tenantId, id) as EntryRow | undefined;
    return row ? toEntry(row) : null;
  }

  /** The open entry of a call, if it has one. */
  openForCall(tenantId: string, callId: number): QueueEntry | null {
    const row = prepared(this.db, `${SELECT} WHERE q.tenant_id = ? AND q.call_id = ? AND q.state IN ${OPEN}`).get(tenantId, callId) as EntryRow | undefined;
    return row ? toEntry(row) : null;
  }

  /** A tenant's open entries, oldest first. */
  open(tenantId: string): QueueEntry[] {
    return (prepared(this.db, `${SELECT} WHERE q.tenant_id = ? AND q.state IN ${OPEN} ORDER BY q.id`).all(tenantId) as EntryRow[]).map(toEntry);
  }

  /** Open entries of every tenant (the queue after a restart). */
  allOpen(): QueueEntry[] {
    return (prepared(this.db, `${SELECT} WHERE q.state IN ${OPEN} ORDER BY q.id`).all() as EntryRow[]).map(toEntry);
  }

  list(tenantId: string, opts: { state?: QueueEntryState; limit: number; offset: number }): { items: QueueEntry[]; total: number } {
    const where = opts.state ? 'q.tenant_id = @tenant AND q.state = @state' : 'q.tenant_id = @tenant';
    const params = { tenant: tenantId, state: opts.state ?? null };
    const total = (prepared(this.db, `SELECT COUNT(*) AS n FROM queue_entries q WHERE ${where}`).get(params) as { n: number }).n;
    const items = (prepared(this.db, `${SELECT} WHERE ${where} ORDER BY q.id DESC LIMIT @limit OFFSET @offset`).all({ ...params, limit: opts.limit, offset: opts.offset }) as EntryRow[]).map(toEntry);
    return { items, total };
  }

  update(tenantId: string, id: number, patch: QueueEntryPatch): QueueEntry | null {
    const keys = PATCHABLE.filter((k) => patch[k] !== undefined);
    if (keys.length > 0) {
      const params: Record<string, unknown> = { ...patch, tenant_id: tenantId, id, updated_at: nowIso() };
      if (patch.passes) params.passes = JSON.stringify(patch.passes);
      prepared(this.db, `UPDATE queue_entries SET ${keys.map((k) => `${k} = @${k}`).join(', ')}, updated_at = @updated_at WHERE tenant_id = @tenant_id AND id = @id`).run(params);
    }
    return this.get(tenantId, id);
  }

  /** Today's figures for the wallboard: answered (and within `thresholdS`), abandoned, mean wait. */
  dayFigures(tenantId: string, sinceIso: string, thresholdS: number): { answered: number; within: number; abandoned: number; avg_wait_s: number | null } {
    const row = prepared(
      this.db,
      `SELECT
         SUM(assigned_at IS NOT NULL) AS answered,
         SUM(assigned_at IS NOT NULL AND (julianday(assigned_at) - julianday(enqueued_at)) * 86400 <= @threshold) AS within,
         SUM(state = 'abandoned') AS abandoned,
         AVG(CASE WHEN assigned_at IS NOT NULL THEN (julianday(assigned_at) - julianday(enqueued_at)) * 86400 END) AS avg_wait_s
       FROM queue_entries WHERE tenant_id = @tenant AND enqueued_at >= @since`,
    ).get({ tenant: tenantId, since: sinceIso, threshold: thresholdS }) as { answered: number | null; within: number | null; abandoned: number | null; avg_wait_s: number | null };
    return { answered: row.answered ?? 0, within: row.within ?? 0, abandoned: row.abandoned ?? 0, avg_wait_s: row.avg_wait_s };
  }
}
