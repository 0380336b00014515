import type { Assistant } from '../../../../shared/domain/assistant.ts';
import type { Store } from '../../store/store.ts';
import { phoneForms } from './phone-number.ts';

/**
 * The assistant that answers a dialled number: the active assistant with that number (`+81…`
 * and `0…` are the same number). Failing that, the tenant's default — the one active assistant
 * that lists no numbers, if there is exactly one (several such would make the choice a guess).
 */
export function pickAssistant(store: Store, tenantId: string, dialled: string): Assistant | null {
  const byNumber = store.assistants.byPhone(tenantId, phoneForms(dialled), { active_only: true })[0];
  if (byNumber) return byNumber;
  const unnumbered = store.assistants.list(tenantId, { active_only: true }).filter((a) => a.phone_numbers.length === 0);
  return unnumbered.length === 1 ? unnumbered[0]! : null;
}
