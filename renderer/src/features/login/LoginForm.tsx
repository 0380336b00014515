import { useId, type FormEvent } from 'react';
import { CircleX, LogIn } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { LoginRequest } from '../../../../shared/contracts/console-session.ts';
import type { LoginError } from '../../state/session.store.ts';
import { EarshotMark } from '../../app/ui/EarshotMark.tsx';

export interface LoginFormProps {
  busy: boolean;
  error: LoginError | null;
  onSubmit(req: LoginRequest): void;
}

export function LoginForm({ busy, error, onSubmit }: LoginFormProps) {
  const { t } = useTranslation();
  const errorId = useId();
  const tenantHintId = useId();

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const tenant = String(data.get('tenant') ?? '').trim();
    onSubmit({
      username: String(data.get('username') ?? ''),
      password: String(data.get('password') ?? ''),
      ...(tenant ? { tenant_id: tenant } : {}),
    });
  };

  const errorText = error
    ? error.kind === 'other'
      ? t('login.errors.other', { message: error.message })
      : t(`login.errors.${error.kind}`)
    : null;

  return (
    <div className="login-page">
      <main className="login-card" aria-labelledby="login-title">
        <div className="login-brand">
          <EarshotMark size={36} />
          <div>
            <div className="login-app-name">{t('app.name')}</div>
            <div className="login-tagline">{t('app.tagline')}</div>
          </div>
        </div>
        <h1 id="login-title">{t('login.title')}</h1>
        <p className="muted">{t('login.subtitle')}</p>
        <form onSubmit={submit} noValidate={false} aria-describedby={errorText ? errorId : undefined}>
          <label className="field">
            <span className="field-label">{t('login.username')}</span>
            <input
              name="username"
              type="text"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              autoFocus
              disabled={busy}
              aria-invalid={error?.kind === 'credentials' || undefined}
              data-testid="login-username"
            />
          </label>
          <label className="field">
            <span className="field-label">{t('login.password')}</span>
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              required
              disabled={busy}
              aria-invalid={error?.kind === 'credentials' || undefined}
              data-testid="login-password"
            />
          </label>
          <details className="advanced">
            <summary>{t('login.advanced')}</summary>
            <label className="field">
              <span className="field-label">{t('login.tenant')}</span>
              <input
                name="tenant"
                type="text"
                autoComplete="organization"
                autoCapitalize="none"
                spellCheck={false}
                placeholder="default"
                disabled={busy}
                aria-describedby={tenantHintId}
                data-testid="login-tenant"
              />
              <span className="field-hint" id={tenantHintId}>
                {t('login.tenantHint')}
              </span>
            </label>
          </details>
          {errorText && (
            <p className="form-error" role="alert" id={errorId} data-testid="login-error" data-kind={error?.kind}>
              <CircleX className="icon" size={18} aria-hidden="true" />
              <span>{errorText}</span>
            </p>
          )}
          <button type="submit" className="button primary wide" disabled={busy} aria-busy={busy} data-testid="login-submit">
            <LogIn className="icon" size={18} aria-hidden="true" />
            <span>{busy ? t('login.submitting') : t('login.submit')}</span>
          </button>
        </form>
      </main>
    </div>
  );
}
