// React access to the stores: containers select what they need; components never see a store.
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AgentsState } from '../state/agents.store.ts';
import type { AiControlsState } from '../state/ai-controls.store.ts';
import type { AiSettingsState } from '../state/ai-settings.store.ts';
import type { AssistantsState } from '../state/assistants.store.ts';
import type { AuditState } from '../state/audit.store.ts';
import type { DevicesState, DevicesStore } from '../media/devices.store.ts';
import type { CallsState } from '../state/calls.store.ts';
import type { ClickToDialState } from '../state/click-to-dial.store.ts';
import type { ConferenceState } from '../state/conference.store.ts';
import type { PhoneSettingsState } from '../state/phone-settings.store.ts';
import type { LinesState } from '../state/lines.store.ts';
import type { MonitorState } from '../state/monitor.store.ts';
import type { QueueState } from '../state/queue.store.ts';
import type { SessionState } from '../state/session.store.ts';
import type { StatusState } from '../state/status.store.ts';
import type { Stores } from '../state/stores.ts';
import type { PreferencesState, PreferencesStore } from './preferences.ts';

export interface AppStores extends Stores {
  preferences: PreferencesStore;
  devices: DevicesStore;
}

export const StoresContext = createContext<AppStores | null>(null);

export function useStores(): AppStores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('StoresContext is missing');
  return stores;
}

export const useSession = <T,>(selector: (s: SessionState) => T): T => useStore(useStores().session, selector);
export const useStatus = <T,>(selector: (s: StatusState) => T): T => useStore(useStores().status, selector);
export const useCalls = <T,>(selector: (s: CallsState) => T): T => useStore(useStores().calls, selector);
export const useAgents = <T,>(selector: (s: AgentsState) => T): T => useStore(useStores().agents, selector);
export const usePreferences = <T,>(selector: (s: PreferencesState) => T): T => useStore(useStores().preferences, selector);
export const useLines = <T,>(selector: (s: LinesState) => T): T => useStore(useStores().lines, selector);
export const useConference = <T,>(selector: (s: ConferenceState) => T): T => useStore(useStores().conference, selector);
export const usePhoneSettings = <T,>(selector: (s: PhoneSettingsState) => T): T => useStore(useStores().phoneSettings, selector);
export const useClickToDial = <T,>(selector: (s: ClickToDialState) => T): T => useStore(useStores().clickToDial, selector);
export const useAssistants = <T,>(selector: (s: AssistantsState) => T): T => useStore(useStores().assistants, selector);
export const useAiControls = <T,>(selector: (s: AiControlsState) => T): T => useStore(useStores().aiControls, selector);
export const useAiSettings = <T,>(selector: (s: AiSettingsState) => T): T => useStore(useStores().aiSettings, selector);
export const useMonitor = <T,>(selector: (s: MonitorState) => T): T => useStore(useStores().monitor, selector);
export const useAudit = <T,>(selector: (s: AuditState) => T): T => useStore(useStores().audit, selector);
export const useQueue = <T,>(selector: (s: QueueState) => T): T => useStore(useStores().queue, selector);
export const useDevices = <T,>(selector: (s: DevicesState) => T): T => useStore(useStores().devices, selector);
