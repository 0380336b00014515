// The 3-way conference as the console sees it: which two lines are joined. Joining resumes a
// held leg (the core's `hold` with on:false, without holding the other as a plain resume does);
// the media session mixes the audio (media/conference-mix.ts). The core is not told: for SIP
// these are two ordinary calls. A leg that ends, or that the agent holds (e.g. by placing a new
// call), ends the conference; the remaining line goes back to the plain microphone.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CoreClient } from '../../../shared/contracts/core-client.ts';
import type { LineState } from '../../../shared/sip/line-state.ts';
import { requestError, type RequestError } from './errors.ts';
import type { LinesStore } from './lines.store.ts';

/** States in which a call is established and can be joined. */
const JOINABLE: ReadonlySet<LineState['state']> = new Set(['talking', 'on-hold', 'remote-hold']);

export const isJoinable = (line: LineState): boolean => JOINABLE.has(line.state) && line.pending === null;

/**
 * The line `lineId` would be joined with: the newest other established call (null when there
 * is none, or when `lineId` itself cannot be joined).
 */
export function conferencePartner(lines: readonly LineState[], lineId: string): LineState | null {
  const self = lines.find((l) => l.line_id === lineId);
  if (!self || !isJoinable(self)) return null;
  const others = lines.filter((l) => l.line_id !== lineId && isJoinable(l));
  return others.at(-1) ?? null;
}

/** Whether the lines' change breaks the conference: a leg gone or ended, or newly held by us. */
export function conferenceBroken(members: readonly string[], next: readonly LineState[], prev: readonly LineState[]): boolean {
  return members.some((id) => {
    const line = next.find((l) => l.line_id === id);
    if (!line || line.state === 'ended' || line.state === 'transferring') return true;
    const before = prev.find((l) => l.line_id === id);
    return line.pending === 'hold' || (line.held && before !== undefined && !before.held);
  });
}

export interface ConferenceState {
  /** The joined lines (the one whose card started it first), or null. */
  members: string[] | null;
  joining: boolean;
  error: RequestError | null;
  /** Joins `lineId` with its partner (conferencePartner). */
  start(lineId: string): Promise<void>;
  /** Splits the conference: both lines back to plain audio, the one not kept goes on hold. */
  split(keepId: string): Promise<void>;
  /** Ends the conference without touching the calls. */
  end(): void;
  reset(): void;
}

export type ConferenceStore = StoreApi<ConferenceState>;

export function createConferenceStore(client: CoreClient, lines: LinesStore): ConferenceStore {
  const store = createStore<ConferenceState>()((set, get) => ({
    members: null,
    joining: false,
    error: null,

    async start(lineId) {
      if (get().joining) return;
      const partner = conferencePartner(lines.getState().lines, lineId);
      if (!partner) return;
      const members = [lineId, partner.line_id];
      set({ joining: true, error: null });
      try {
        // Resume the held leg(s) only: a plain resume would hold the other one.
        const held = lines.getState().lines.filter((l) => members.includes(l.line_id) && l.held);
        await Promise.all(held.map((l) => client.call('hold', { line_id: l.line_id, on: false })));
        const now = lines.getState().lines;
        if (members.every((id) => now.some((l) => l.line_id === id && l.state !== 'ended'))) {
          set({ members });
        }
      } catch (reason) {
        set({ error: requestError(reason) });
      } finally {
        set({ joining: false });
      }
    },

    async split(keepId) {
      const members = get().members;
      if (!members) return;
      set({ members: null });
      const others = members.filter((id) => id !== keepId);
      await Promise.all(others.map((id) => lines.getState().setHold(id, true)));
    },

    end() {
      if (get().members) set({ members: null });
    },

    reset() {
      set({ members: null, joining: false, error: null });
    },
  }));

  lines.subscribe((next, prev) => {
    const members = store.getState().members;
    if (members && next.lines !== prev.lines && conferenceBroken(members, next.lines, prev.lines)) store.getState().end();
  });
  return store;
}
