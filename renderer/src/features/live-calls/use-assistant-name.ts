import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useAssistants } from '../../app/stores-context.tsx';

/** Looks up an assistant's name by id, loading the tenant's assistants once if nobody has yet. */
export function useAssistantName(): (id: number | null) => string | null {
  const items = useAssistants((s) => s.items);
  const loading = useAssistants((s) => s.loading);
  const load = useAssistants((s) => s.load);
  // Once per mount: an office without assistants is not asked again and again.
  const asked = useRef(false);
  useEffect(() => {
    if (asked.current || items.length > 0 || loading) return;
    asked.current = true;
    void load();
  }, [items.length, loading, load]);
  const byId = useMemo(() => new Map(items.map((a) => [a.id, a.name])), [items]);
  return useCallback((id: number | null) => (id === null ? null : (byId.get(id) ?? null)), [byId]);
}
