import './assistants.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAssistants, useSession } from '../../app/stores-context.tsx';
import { AssistantEditor } from './AssistantEditor.tsx';
import { AssistantsTable } from './AssistantsTable.tsx';

/** The tenant's AI voice agents: everyone may look, supervisors and admins change them. */
export function AssistantsContainer() {
  const { t } = useTranslation();
  const role = useSession((s) => s.session?.agent.role);
  const items = useAssistants((s) => s.items);
  const loading = useAssistants((s) => s.loading);
  const saving = useAssistants((s) => s.saving);
  const error = useAssistants((s) => s.error);
  const saveError = useAssistants((s) => s.saveError);
  const load = useAssistants((s) => s.load);
  const save = useAssistants((s) => s.save);
  const remove = useAssistants((s) => s.remove);
  const clearSaveError = useAssistants((s) => s.clearSaveError);
  const [selected, setSelected] = useState<number | 'new' | null>(null);
  const canEdit = role === 'admin' || role === 'supervisor';

  useEffect(() => {
    void load();
  }, [load]);

  const open = (next: number | 'new' | null) => {
    clearSaveError();
    setSelected(next);
  };
  const current = typeof selected === 'number' ? (items.find((a) => a.id === selected) ?? null) : null;

  return (
    <section className="view" aria-labelledby="assistants-title" data-testid="assistants-view">
      <header className="view-header">
        <h1 id="assistants-title" tabIndex={-1}>
          {t('assistants.title')}
        </h1>
        <p className="muted small">{t('assistants.hint')}</p>
      </header>
      <div className={selected !== null ? 'split with-detail assistants-split' : 'split'}>
        <AssistantsTable items={items} loading={loading} error={error} selectedId={selected} canEdit={canEdit} onOpen={open} onNew={() => open('new')} onRefresh={() => void load()} />
        {selected !== null && (selected === 'new' || current) && (
          <AssistantEditor
            key={selected}
            assistant={current}
            canEdit={canEdit}
            saving={saving}
            error={saveError}
            onSave={(input) =>
              void save(input).then((saved) => {
                if (saved) setSelected(saved.id);
              })
            }
            onDelete={(id) =>
              void remove(id).then((ok) => {
                if (ok) setSelected(null);
              })
            }
            onClose={() => open(null)}
          />
        )}
      </div>
    </section>
  );
}
