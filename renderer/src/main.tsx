// Renderer entry: i18n, theme, the core client for this environment, the stores, the media
// session, then React.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { initI18n } from './app/i18n/index.ts';
import { createPreferencesStore } from './app/preferences.ts';
import { StoresContext, type AppStores } from './app/stores-context.tsx';
import { createCoreClient } from './client/index.ts';
import { createDevicesStore } from './media/devices.store.ts';
import { startMediaSession } from './media/media-session.ts';
import { startLiveTranscript } from './media/live-transcript.ts';
import type { PreloadApi } from '../../shared/contracts/ipc.ts';
import { connectDesktopHotkeys } from './app/hotkeys/desktop-hotkeys.ts';
import { hotkeysStore } from './app/hotkeys/hotkeys.store.ts';
import { dialParamFrom, withoutDialParam } from './features/softphone/dial-url.ts';
import { createStores } from './state/stores.ts';
import './styles/theme.css';
import './styles/app.css';

initI18n();
const client = createCoreClient();
const stores: AppStores = { ...createStores(client), preferences: createPreferencesStore(), devices: createDevicesStore() };
// This window holds the seat's audio: peer connections, microphone, speakers, ringtone.
const media = startMediaSession(client, stores, stores.devices);
// …and transcribes its calls: a voice-activity detector on each leg of every live line.
startLiveTranscript(client, stores, media.engine);
void stores.devices.getState().refresh();
void stores.session.getState().restore();
// Click-to-dial link (`/?dial=tel:+15551234567`, see dial-url.ts): prefilled, dialled only after
// the agent confirms. Taken out of the address so a reload does not ask again.
const dialFromLink = dialParamFrom(window.location.href);
if (dialFromLink !== null) {
  stores.clickToDial.getState().offer(dialFromLink, true);
  window.history.replaceState(window.history.state, '', withoutDialParam(window.location.href));
}
// In the desktop app, tel:/sip: links opened elsewhere arrive from the main process.
(window as { earshot?: PreloadApi }).earshot?.onDialRequest((url) => stores.clickToDial.getState().offer(url, true));
// …and OS-wide hotkeys pressed while the console is in the background.
const desktop = (window as { earshot?: PreloadApi }).earshot;
if (desktop) connectDesktopHotkeys(desktop, hotkeysStore());

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <StoresContext.Provider value={stores}>
      <App />
    </StoresContext.Provider>
  </StrictMode>,
);
