import { Bot, BotOff, Plus, RotateCw } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { Assistant } from '../../../../shared/domain/assistant.ts';
import { useFormat } from '../../app/use-format.ts';
import type { RequestError } from '../../state/errors.ts';

export interface AssistantsTableProps {
  items: Assistant[];
  loading: boolean;
  error: RequestError | null;
  selectedId: number | 'new' | null;
  canEdit: boolean;
  onOpen(id: number): void;
  onNew(): void;
  onRefresh(): void;
}

export function AssistantsTable({ items, loading, error, selectedId, canEdit, onOpen, onNew, onRefresh }: AssistantsTableProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <div className="assistants-list">
      <div className="toolbar">
        {canEdit && (
          <button type="button" className="button primary small" onClick={onNew} data-testid="assistant-new">
            <Plus className="icon" size={16} aria-hidden="true" />
            <span>{t('assistants.new')}</span>
          </button>
        )}
        <span className="toolbar-spacer" />
        <button type="button" className="button ghost small" onClick={onRefresh} disabled={loading} title={t('assistants.refresh')}>
          <RotateCw className="icon" size={16} aria-hidden="true" />
          <span>{t('assistants.refresh')}</span>
        </button>
      </div>
      {error && (
        <p className="inline-error" role="alert">
          {t('assistants.loadFailed', { message: error.message })}
        </p>
      )}
      {!loading && !error && items.length === 0 && <p className="muted empty-message">{t('assistants.empty')}</p>}
      {items.length > 0 && (
        <div className="table-wrap" aria-busy={loading}>
          <table className="table" data-testid="assistants-table">
            <caption className="visually-hidden">{t('assistants.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('assistants.fields.name')}</th>
                <th scope="col">{t('assistants.fields.phoneNumbers')}</th>
                <th scope="col" className="col-optional">
                  {t('assistants.fields.voice')}
                </th>
                <th scope="col">{t('assistants.columns.state')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr
                  key={a.id}
                  className={a.id === selectedId ? 'row-link selected' : 'row-link'}
                  aria-current={a.id === selectedId ? 'true' : undefined}
                  onClick={() => onOpen(a.id)}
                  data-testid="assistant-row"
                  data-assistant-id={a.id}
                >
                  <td>
                    <button type="button" className="link-button" onClick={(e) => (e.stopPropagation(), onOpen(a.id))}>
                      {a.name}
                    </button>
                  </td>
                  <td className="phone">{a.phone_numbers.map((n) => fmt.phone(n)).join(', ') || t('assistants.noNumbers')}</td>
                  <td className="col-optional">{a.voice}</td>
                  <td>
                    <span className={a.is_active ? 'badge tone-good' : 'badge tone-neutral'}>
                      {a.is_active ? <Bot className="icon" size={14} aria-hidden="true" /> : <BotOff className="icon" size={14} aria-hidden="true" />}
                      {a.is_active ? t('assistants.active') : t('assistants.inactive')}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
