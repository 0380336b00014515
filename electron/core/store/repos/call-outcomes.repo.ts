import type { CallStatus } from '../../../../shared/domain/call.ts';
import { FINAL_CALL_STATUSES } from '../../../../shared/domain/call.ts';
import type { Db } from '../database.ts';
import { prepared } from '../statements.ts';

export interface CallOutcomeFigures {
  total: number;
  ongoing: number;
  completed: number;
  unsuccessful: number;
  total_duration_seconds: number;
  average_duration_seconds: number | null;
}

/** Read-only counts of a tenant's calls by how they ended (seed 004's count and stats). */
export class CallOutcomesRepo {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  /** `unsuccessful` are the calls with one of `unsuccessfulStatuses`; the average is over calls with a duration. */
  figures(tenantId: string, unsuccessfulStatuses: readonly CallStatus[]): CallOutcomeFigures {
    const row = prepared(
      this.db,
      `SELECT COUNT(*) AS total,
              SUM(status NOT IN (SELECT value FROM json_each(@final))) AS ongoing,
              SUM(status = 'completed') AS completed,
              SUM(status IN (SELECT value FROM json_each(@unsuccessful))) AS unsuccessful,
              SUM(duration_seconds) AS total_duration,
              AVG(duration_seconds) AS average_duration
       FROM calls WHERE tenant_id = @tenant`,
    ).get({ tenant: tenantId, final: JSON.stringify(FINAL_CALL_STATUSES), unsuccessful: JSON.stringify(unsuccessfulStatuses) }) as {
      total: number;
      ongoing: number | null;
      completed: number | null;
      unsuccessful: number | null;
      total_duration: number | null;
      average_duration: number | null;
    };
    return {
      total: row.total,
      ongoing: row.ongoing ?? 0,
      completed: row.completed ?? 0,
      unsuccessful: row.unsuccessful ?? 0,
      total_duration_seconds: row.total_duration ?? 0,
      average_duration_seconds: row.average_duration,
    };
  }
}
