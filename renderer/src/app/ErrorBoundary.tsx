import { Component, type ErrorInfo, type ReactNode } from 'react';
import { TriangleExclamationPoint } from 'lucide-react';
import { useTranslation } from 'react-i18next';

interface Props {
  children: ReactNode;
  /** Changing this (e.g. the current view) clears a caught error. */
  resetKey?: string;
}

interface State {
  error: Error | null;
  resetKey: string | undefined;
}

/** Keeps one broken view from taking the whole console (and the status bar) down. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.resetKey ? { error: null, resetKey: props.resetKey } : null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Earshot view failed', error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error) return <ErrorFallback error={this.state.error} onRetry={() => this.setState({ error: null })} />;
    return this.props.children;
  }
}

function ErrorFallback({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="error-fallback" role="alert">
      <TriangleExclamationPoint className="icon" size={28} aria-hidden="true" />
      <h2>{t('errorBoundary.title')}</h2>
      <p>{t('errorBoundary.body')}</p>
      <pre className="error-detail">{error.message}</pre>
      <div className="button-row">
        <button type="button" className="button primary" onClick={onRetry}>
          {t('errorBoundary.retry')}
        </button>
        <button type="button" className="button" onClick={() => window.location.reload()}>
          {t('errorBoundary.reload')}
        </button>
      </div>
    </div>
  );
}
