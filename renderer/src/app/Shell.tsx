// The signed-in console: navigation on the left, the current view, the status bar below.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { AssistantsContainer } from '../features/assistants/AssistantsContainer.tsx';
import { HistoryContainer } from '../features/history/HistoryContainer.tsx';
import { LiveCallsContainer } from '../features/live-calls/LiveCallsContainer.tsx';
import { QueueOverlay } from '../features/queue/QueueOverlay.tsx';
import { QueuePanel } from '../features/queue/QueuePanel.tsx';
import { SettingsContainer } from '../features/settings/SettingsContainer.tsx';
import { PhoneOverlay } from '../features/softphone/PhoneOverlay.tsx';
import { SoftphoneContainer } from '../features/softphone/SoftphoneContainer.tsx';
import { StatusBarContainer } from '../features/status-bar/StatusBarContainer.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { HotkeyCue } from './hotkeys/HotkeyCue.tsx';
import { Nav, viewForShortcut } from './Nav.tsx';
import { navigate, useRoute, type Route } from './routes.ts';
import { EarshotMark } from './ui/EarshotMark.tsx';

function CurrentView({ route }: { route: Route }) {
  switch (route.view) {
    case 'softphone':
      return <SoftphoneContainer />;
    case 'live':
      return <LiveCallsContainer callId={route.callId} />;
    case 'queue':
      return <QueuePanel />;
    case 'history':
      return <HistoryContainer callId={route.callId} />;
    case 'assistants':
      return <AssistantsContainer />;
    case 'settings':
      return <SettingsContainer />;
  }
}

export function Shell() {
  const { t } = useTranslation();
  const route = useRoute();
  const mainRef = useRef<HTMLElement>(null);
  const firstView = useRef(true);

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const view = viewForShortcut(event);
      if (!view) return;
      event.preventDefault();
      navigate(view);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // Moving to another view puts focus on its heading, so keyboard and screen-reader users land there.
  useEffect(() => {
    if (firstView.current) {
      firstView.current = false;
      return;
    }
    mainRef.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [route.view]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main" onClick={(e) => (e.preventDefault(), mainRef.current?.focus())}>
        {t('app.skipToContent')}
      </a>
      <aside className="sidebar">
        <div className="brand">
          <EarshotMark size={26} />
          <span className="brand-name">{t('app.name')}</span>
        </div>
        <Nav current={route.view} />
      </aside>
      <main id="main" className="main" ref={mainRef} tabIndex={-1}>
        <ErrorBoundary resetKey={route.view}>
          <CurrentView route={route} />
        </ErrorBoundary>
      </main>
      <StatusBarContainer />
      <PhoneOverlay />
      <QueueOverlay />
      <HotkeyCue />
    </div>
  );
}
