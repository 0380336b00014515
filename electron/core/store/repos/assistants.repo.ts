import type { Assistant } from '../../../../shared/domain/assistant.ts';
import type { Db } from '../database.ts';
import { fromBool, nowIso, parseJson, toBool } from '../sql-values.ts';

interface AssistantRow extends Omit<Assistant, 'phone_numbers' | 'is_active'> {
  phone_numbers: string;
  is_active: number;
}

const toAssistant = (row: AssistantRow): Assistant => ({
  ...row,
  phone_numbers: parseJson<string[]>(row.phone_numbers, []),
  is_active: toBool(row.is_active),
});

export type AssistantInput = Omit<Assistant, 'id' | 'tenant_id' | 'created_at' | 'updated_at'>;

export class AssistantsRepo {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  create(tenantId: string, input: AssistantInput): Assistant {
    const at = nowIso();
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO assistants (tenant_id, name, description, instructions, model, voice, language, phone_numbers,
           faq_knowledge_base, is_active, created_at, updated_at)
         VALUES (@tenant_id, @name, @description, @instructions, @model, @voice, @language, @phone_numbers,
           @faq_knowledge_base, @is_active, @at, @at)`,
      )
      .run({ ...input, tenant_id: tenantId, phone_numbers: JSON.stringify(input.phone_numbers), is_active: fromBool(input.is_active), at });
    return this.get(tenantId, Number(lastInsertRowid)) as Assistant;
  }

  get(tenantId: string, id: number): Assistant | null {
    const row = this.db.prepare('SELECT * FROM assistants WHERE tenant_id = ? AND id = ?').get(tenantId, id) as AssistantRow | undefined;
    return row ? toAssistant(row) : null;
  }

  list(tenantId: string): Assistant[] {
    return (this.db.prepare('SELECT * FROM assistants WHERE tenant_id = ? ORDER BY id').all(tenantId) as AssistantRow[]).map(toAssistant);
  }

  delete(tenantId: string, id: number): boolean {
    return this.db.prepare('DELETE FROM assistants WHERE tenant_id = ? AND id = ?').run(tenantId, id).changes > 0;
  }
}
