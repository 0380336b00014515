// Composition root of the renderer's state: one client, the stores, and the wiring between
// them (sign-in loads, sign-out clears, a reconnect refreshes, a 401 ends the session).
import type { CoreArg, CoreClient, CoreMethod, CoreResult } from '../../../shared/contracts/core-client.ts';
import { toCoreError } from '../client/core-error.ts';
import { createAgentsStore, type AgentsStore } from './agents.store.ts';
import { createAiControlsStore, type AiControlsStore } from './ai-controls.store.ts';
import { createAiSettingsStore, type AiSettingsStore } from './ai-settings.store.ts';
import { createAssistantsStore, type AssistantsStore } from './assistants.store.ts';
import { createCallsStore, type CallsStore } from './calls.store.ts';
import { createClickToDialStore, type ClickToDialStore } from './click-to-dial.store.ts';
import { createConferenceStore, type ConferenceStore } from './conference.store.ts';
import { createPhoneSettingsStore, type PhoneSettingsStore } from './phone-settings.store.ts';
import { createLinesStore, type LinesStore } from './lines.store.ts';
import { createMonitorStore, type MonitorStore } from './monitor.store.ts';
import { createAuditStore, type AuditStore } from './audit.store.ts';
import { createQueueStore, type QueueStore } from './queue.store.ts';
import { createSessionStore, type SessionStore } from './session.store.ts';
import { createStatusStore, type StatusStore } from './status.store.ts';
import { createTranscriptsRegistry, type TranscriptsRegistry } from './transcripts.store.ts';

export interface Stores {
  session: SessionStore;
  status: StatusStore;
  calls: CallsStore;
  agents: AgentsStore;
  lines: LinesStore;
  conference: ConferenceStore;
  phoneSettings: PhoneSettingsStore;
  clickToDial: ClickToDialStore;
  assistants: AssistantsStore;
  aiControls: AiControlsStore;
  transcripts: TranscriptsRegistry;
  aiSettings: AiSettingsStore;
  monitor: MonitorStore;
  queue: QueueStore;
  audit: AuditStore;
}

/** Methods whose 401 means "wrong credentials" or "no session yet", not "session expired". */
const SESSION_METHODS: readonly CoreMethod[] = ['login', 'logout', 'session'];

/** Wraps a client so a 401 on any other request reports an expired session. */
export function guardUnauthorized(client: CoreClient, onUnauthorized: () => void): CoreClient {
  return {
    async call<M extends CoreMethod>(method: M, arg: CoreArg<M>): Promise<CoreResult<M>> {
      try {
        return await client.call(method, arg);
      } catch (reason) {
        const error = toCoreError(reason);
        if (error.isUnauthorized && !SESSION_METHODS.includes(method)) onUnauthorized();
        throw error;
      }
    },
    onEvent: (listener) => client.onEvent(listener),
    onConnection: (listener) => client.onConnection(listener),
    onMediaRequest: (listener) => client.onMediaRequest(listener),
  };
}

export function createStores(rawClient: CoreClient): Stores {
  const client = guardUnauthorized(rawClient, () => session.getState().expire());
  const session = createSessionStore(client);
  const status = createStatusStore(client);
  const calls = createCallsStore(client);
  const agents = createAgentsStore(client);
  const lines = createLinesStore(client, { agentId: () => session.getState().session?.agent.id ?? null });
  const conference = createConferenceStore(client, lines);
  const phoneSettings = createPhoneSettingsStore(client);
  const clickToDial = createClickToDialStore();
  const assistants = createAssistantsStore(client);
  const aiControls = createAiControlsStore(client);
  const transcripts = createTranscriptsRegistry(client);
  const aiSettings = createAiSettingsStore(client);
  const monitor = createMonitorStore(client, lines);
  const queue = createQueueStore(client);
  const audit = createAuditStore(client);

  const loadSignedIn = (): void => {
    void status.getState().refresh();
    void agents.getState().load();
    void calls.getState().loadLive();
    void lines.getState().load();
    void phoneSettings.getState().load();
    void queue.getState().load();
  };

  session.subscribe((next, prev) => {
    if (next.phase === prev.phase) return;
    if (next.phase === 'signed-in') loadSignedIn();
    if (prev.phase === 'signed-in') {
      calls.getState().reset();
      lines.getState().reset();
      conference.getState().reset();
      phoneSettings.getState().reset();
      agents.getState().reset();
      assistants.getState().reset();
      aiControls.getState().reset();
      transcripts.reset();
      aiSettings.getState().reset();
      monitor.getState().reset();
      queue.getState().reset();
      audit.getState().reset();
      status.getState().reset();
    }
  });

  // After a reconnect events may have been missed: fetch again what is on screen.
  status.subscribe((next, prev) => {
    if (next.connection !== 'connected' || prev.connection === 'connected') return;
    if (session.getState().phase !== 'signed-in') return;
    void status.getState().refresh();
    void agents.getState().load();
    void calls.getState().refresh();
    void lines.getState().load();
    void phoneSettings.getState().load();
    void queue.getState().load();
    transcripts.refresh();
  });

  return { session, status, calls, agents, lines, conference, phoneSettings, clickToDial, assistants, aiControls, transcripts, aiSettings, monitor, queue, audit };
}
