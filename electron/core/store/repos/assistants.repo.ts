import type { Assistant } from '../../../../shared/domain/assistant.ts';
import type { Db } from '../database.ts';
import { prepared } from '../statements.ts';
import { fromBool, nowIso, parseJson, toBool } from '../sql-values.ts';

type JsonColumns = 'phone_numbers' | 'llm_provider_config' | 'llm_settings' | 'tts_settings' | 'stt_settings';

interface AssistantRow extends Omit<Assistant, JsonColumns | 'is_active' | 'has_llm_api_key'> {
  phone_numbers: string;
  llm_provider_config: string;
  llm_settings: string;
  tts_settings: string;
  stt_settings: string;
  is_active: number;
  llm_api_key_sealed: string | null;
}

const toAssistant = ({ llm_api_key_sealed, ...row }: AssistantRow): Assistant => ({
  ...row,
  phone_numbers: parseJson<string[]>(row.phone_numbers, []),
  llm_provider_config: parseJson<Record<string, unknown>>(row.llm_provider_config, {}),
  llm_settings: parseJson<Record<string, unknown>>(row.llm_settings, {}),
  tts_settings: parseJson<Record<string, unknown>>(row.tts_settings, {}),
  stt_settings: parseJson<Record<string, unknown>>(row.stt_settings, {}),
  is_active: toBool(row.is_active),
  has_llm_api_key: llm_api_key_sealed !== null,
});

/** What the store keeps for an assistant; the provider key arrives sealed and never leaves as such. */
export interface AssistantRecord extends Omit<Assistant, 'id' | 'tenant_id' | 'created_at' | 'updated_at' | 'has_llm_api_key'> {
  llm_api_key_sealed: string | null;
}

const COLUMNS = [
  'name', 'description', 'instructions', 'greeting', 'model', 'voice', 'language', 'transcription_model', 'transcription_language',
  'phone_numbers', 'faq_knowledge_base', 'is_active', 'llm_provider', 'llm_provider_config', 'llm_api_key_sealed', 'llm_settings',
  'tts_settings', 'stt_settings', 'created_by',
] as const satisfies readonly (keyof AssistantRecord)[];

const JSON_COLUMNS: ReadonlySet<string> = new Set<JsonColumns>(['phone_numbers', 'llm_provider_config', 'llm_settings', 'tts_settings', 'stt_settings']);

function toParams(record: Partial<AssistantRecord>): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    if (v === undefined) continue;
    params[k] = JSON_COLUMNS.has(k) ? JSON.stringify(v) : k === 'is_active' ? fromBool(v as boolean) : v;
  }
  return params;
}

export interface AssistantFilter {
  active_only?: boolean;
  /** `key:<id>` or `agent:<id>`: only what that principal created. */
  created_by?: string;
}

export class AssistantsRepo {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  create(tenantId: string, record: AssistantRecord): Assistant {
    const at = nowIso();
    const { lastInsertRowid } = prepared(
      this.db,
      `INSERT INTO assistants (tenant_id, ${COLUMNS.join(', ')}, created_at, updated_at)
       VALUES (@tenant_id, ${COLUMNS.map((c) => `@${c}`).join(', ')}, @at, @at)`,
    ).run({ ...toParams(record), tenant_id: tenantId, at });
    return this.get(tenantId, Number(lastInsertRowid)) as Assistant;
  }

  get(tenantId: string, id: number): Assistant | null {
    const row = prepared(this.db, 'SELECT * FROM assistants WHERE tenant_id = ? AND id = ?').get(tenantId, id) as AssistantRow | undefined;
    return row ? toAssistant(row) : null;
  }

  /** The sealed provider key (for the core's own use), or null. */
  sealedApiKey(tenantId: string, id: number): string | null {
    const row = prepared(this.db, 'SELECT llm_api_key_sealed FROM assistants WHERE tenant_id = ? AND id = ?').get(tenantId, id) as
      | { llm_api_key_sealed: string | null }
      | undefined;
    return row?.llm_api_key_sealed ?? null;
  }

  list(tenantId: string, filter: AssistantFilter & { offset?: number; limit?: number } = {}): Assistant[] {
    const { clause, params } = where(tenantId, filter);
    const rows = prepared(this.db, `SELECT * FROM assistants WHERE ${clause} ORDER BY id LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: filter.limit ?? -1, offset: filter.offset ?? 0 }) as AssistantRow[];
    return rows.map(toAssistant);
  }

  count(tenantId: string, filter: AssistantFilter = {}): number {
    const { clause, params } = where(tenantId, filter);
    return (prepared(this.db, `SELECT count(*) AS n FROM assistants WHERE ${clause}`).get(params) as { n: number }).n;
  }

  /** Assistants with any of `numbers` (stored forms, exact) among their phone numbers, active ones first. */
  byPhone(tenantId: string, numbers: readonly string[], filter: AssistantFilter = {}): Assistant[] {
    if (numbers.length === 0) return [];
    const { clause, params } = where(tenantId, filter);
    const placeholders = numbers.map((_, i) => `@n${i}`).join(', ');
    const rows = prepared(
      this.db,
      `SELECT * FROM assistants WHERE ${clause}
         AND EXISTS (SELECT 1 FROM json_each(assistants.phone_numbers) WHERE json_each.value IN (${placeholders}))
       ORDER BY is_active DESC, id`,
    ).all({ ...params, ...Object.fromEntries(numbers.map((n, i) => [`n${i}`, n])) }) as AssistantRow[];
    return rows.map(toAssistant);
  }

  update(tenantId: string, id: number, patch: Partial<AssistantRecord>): Assistant | null {
    const params = toParams(patch);
    const keys = COLUMNS.filter((c) => c in params);
    if (keys.length > 0) {
      prepared(this.db, `UPDATE assistants SET ${keys.map((k) => `${k} = @${k}`).join(', ')}, updated_at = @updated_at WHERE tenant_id = @tenant_id AND id = @id`)
        .run({ ...params, updated_at: nowIso(), tenant_id: tenantId, id });
    }
    return this.get(tenantId, id);
  }

  setActive(tenantId: string, id: number, active: boolean): Assistant | null {
    return this.update(tenantId, id, { is_active: active });
  }

  delete(tenantId: string, id: number): boolean {
    return prepared(this.db, 'DELETE FROM assistants WHERE tenant_id = ? AND id = ?').run(tenantId, id).changes > 0;
  }
}

function where(tenantId: string, filter: AssistantFilter): { clause: string; params: Record<string, unknown> } {
  const parts = ['tenant_id = @tenant_id'];
  const params: Record<string, unknown> = { tenant_id: tenantId };
  if (filter.active_only) parts.push('is_active = 1');
  if (filter.created_by !== undefined) {
    parts.push('created_by = @created_by');
    params.created_by = filter.created_by;
  }
  return { clause: parts.join(' AND '), params };
}
