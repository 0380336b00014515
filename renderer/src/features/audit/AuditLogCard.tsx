import { RotateCw } from 'lucide-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_FAMILIES, type AuditEntry, type AuditFamily } from '../../../../shared/domain/audit.ts';
import { useFormat } from '../../app/use-format.ts';
import type { RequestError } from '../../state/errors.ts';
import { auditActor, auditDetails, auditSubjectAgent, isKnownDetailLabel } from './audit-entry.ts';

export interface AuditLogCardProps {
  entries: AuditEntry[];
  more: boolean;
  family: AuditFamily | null;
  loading: boolean;
  error: RequestError | null;
  agentName(id: number): string | null;
  onFamily(family: AuditFamily | null): void;
  onRefresh(): void;
  onMore(): void;
}

/** Admins' view of the audit log: who monitored, steered AI calls, set others' status or changed settings. */
export function AuditLogCard({ entries, more, family, loading, error, agentName, onFamily, onRefresh, onMore }: AuditLogCardProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const titleId = useId();
  const who = (actor: string): string => {
    const a = auditActor(actor, agentName);
    if (a.kind === 'agent') return a.name ?? t('audit.actor.agent', { id: a.id });
    if (a.kind === 'key') return t('audit.actor.key', { id: a.id });
    return t('audit.actor.system');
  };
  return (
    <section className="card audit-log" aria-labelledby={titleId} aria-busy={loading || undefined} data-testid="audit-log">
      <h2 id={titleId}>{t('audit.title')}</h2>
      <p className="muted small">{t('audit.hint')}</p>
      <div className="toolbar" role="group" aria-label={t('audit.filter')}>
        <label className="inline-field">
          <span>{t('audit.filter')}</span>
          <select value={family ?? ''} onChange={(e) => onFamily((e.target.value || null) as AuditFamily | null)} data-testid="audit-filter">
            <option value="">{t('audit.family.all')}</option>
            {AUDIT_FAMILIES.map((f) => (
              <option key={f} value={f}>
                {t(`audit.family.${f}`)}
              </option>
            ))}
          </select>
        </label>
        <span className="toolbar-spacer" />
        <button type="button" className="button ghost small" onClick={onRefresh} disabled={loading} data-testid="audit-refresh">
          <RotateCw className="icon" size={16} aria-hidden="true" />
          <span>{t('audit.refresh')}</span>
        </button>
      </div>
      {error && (
        <p className="inline-error" role="alert">
          {t('audit.error', { message: error.message })}
        </p>
      )}
      {entries.length === 0 && !loading && !error ? (
        <p className="muted" data-testid="audit-empty">
          {t('audit.empty')}
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table audit-table" data-testid="audit-table">
            <thead>
              <tr>
                <th scope="col">{t('audit.col.at')}</th>
                <th scope="col">{t('audit.col.who')}</th>
                <th scope="col">{t('audit.col.action')}</th>
                <th scope="col">{t('audit.col.concerning')}</th>
                <th scope="col">{t('audit.col.details')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => {
                const subjectAgent = auditSubjectAgent(e);
                return (
                  <tr key={e.id} data-testid="audit-row" data-action={e.action}>
                    <td className="nowrap">{fmt.dateTime(e.at)}</td>
                    <td>{who(e.actor)}</td>
                    <td>{t(`audit.action.${e.action}`)}</td>
                    <td className="audit-concerning">
                      {subjectAgent !== null ? (agentName(subjectAgent) ?? t('audit.actor.agent', { id: subjectAgent })) : e.call_sid ? <code>{e.call_sid}</code> : t('common.none')}
                    </td>
                    <td>
                      <dl className="audit-details">
                        {auditDetails(e).map(([label, value]) => (
                          <div key={label}>
                            <dt>{isKnownDetailLabel(label) ? t(`audit.detail.${label}`) : label}</dt>
                            <dd>{value}</dd>
                          </div>
                        ))}
                      </dl>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {more && (
        <button type="button" className="button ghost" onClick={onMore} disabled={loading} data-testid="audit-more">
          {t('audit.more')}
        </button>
      )}
    </section>
  );
}
