import { useTranslation } from 'react-i18next';
import { LoginContainer } from '../features/login/LoginContainer.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { Shell } from './Shell.tsx';
import { useSession } from './stores-context.tsx';
import { EarshotMark } from './ui/EarshotMark.tsx';

export function App() {
  const { t } = useTranslation();
  const phase = useSession((s) => s.phase);
  if (phase === 'restoring') {
    return (
      <div className="splash" role="status" aria-live="polite">
        <EarshotMark size={40} />
        <p>{t('login.restoring')}</p>
      </div>
    );
  }
  return <ErrorBoundary>{phase === 'signed-in' ? <Shell /> : <LoginContainer />}</ErrorBoundary>;
}
