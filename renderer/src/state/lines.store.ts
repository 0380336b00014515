// The signed-in seat's phone lines: loaded with `listLines` on sign-in and reconnect, kept
// current by `line.updated` events (the core's word wins), ended lines kept until dismissed.
// Actions call the core; the selected line is what keyboard shortcuts act on.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CoreClient } from '../../../shared/contracts/core-client.ts';
import type { EventEnvelope } from '../../../shared/contracts/domain-events.ts';
import { isMonitorLeg } from '../../../shared/sip/line-monitor.ts';
import { availableActions, isEnded, isLive, type DeclineCode, type LineState } from '../../../shared/sip/line-state.ts';
import { requestError, type RequestError } from './errors.ts';

/** What is in flight on a line (a button shows it as busy). */
export type LineBusy = 'answer' | 'decline' | 'hangup' | 'hold' | 'mute' | 'dtmf' | 'transfer' | 'dismiss';

/** Key of `errors` for a failed dial (not tied to a line yet). */
export const DIAL_KEY = 'dial';

export interface LinesState {
  /** Oldest first. Calls only: a supervisor's monitor legs are in `monitorLegs`. */
  lines: LineState[];
  /**
   * Monitor legs (shared/sip/line-monitor.ts): the supervisor's own monitor line, or a
   * supervisor's monitor call to this seat. Never rung, shown as a card, selected or
   * transcribed. Ended ones stay (the newest few) so a failed monitor call can say why.
   */
  monitorLegs: LineState[];
  loaded: boolean;
  loading: boolean;
  error: RequestError | null;
  selectedId: string | null;
  dialing: boolean;
  busy: Record<string, LineBusy>;
  /** The last failed action, per line id (or DIAL_KEY). */
  errors: Record<string, RequestError>;
  /** Attended transfers started here: consultation line id → the line being transferred. */
  consults: Record<string, string>;

  load(): Promise<void>;
  applyEvent(envelope: EventEnvelope): void;
  reset(): void;
  select(lineId: string): void;
  /** Moves the selection up (-1) or down (+1) the list, wrapping. */
  selectNext(delta: 1 | -1): void;
  clearError(key: string): void;

  /** Places a call; other calls in progress go on hold first. Resolves to the new line or null. */
  dial(target: string): Promise<LineState | null>;
  answer(lineId: string): Promise<void>;
  decline(lineId: string, code?: DeclineCode): Promise<void>;
  hangup(lineId: string): Promise<void>;
  setHold(lineId: string, on: boolean): Promise<void>;
  setMute(lineId: string, on: boolean): Promise<void>;
  sendDtmf(lineId: string, digits: string): Promise<void>;
  transfer(lineId: string, target: string): Promise<void>;
  /** Attended transfer, step one: hold the line and dial the target as a consultation call. */
  consult(lineId: string, target: string): Promise<void>;
  /** Attended transfer, step two (on the consultation line): connect the two far ends. */
  completeTransfer(consultLineId: string): Promise<void>;
  dismiss(lineId: string): Promise<void>;
}

export type LinesStore = StoreApi<LinesState>;

export interface LinesStoreOptions {
  /** The signed-in agent: `line.updated` events for anyone else are ignored. */
  agentId(): number | null;
}

const byStart = (a: LineState, b: LineState): number => a.started_at.localeCompare(b.started_at) || a.line_id.localeCompare(b.line_id);

export function upsertLine(lines: readonly LineState[], line: LineState): LineState[] {
  const i = lines.findIndex((l) => l.line_id === line.line_id);
  if (i < 0) return [...lines, line].sort(byStart);
  if (lines[i] === line) return lines as LineState[];
  const copy = [...lines];
  copy[i] = line;
  return copy;
}

const MAX_ENDED_LEGS = 5;

/** Monitor legs: every live one, and only the newest few ended ones. */
function keepRecentEnded(legs: LineState[]): LineState[] {
  const ended = legs.filter(isEnded);
  if (ended.length <= MAX_ENDED_LEGS) return legs;
  const drop = new Set(ended.slice(0, ended.length - MAX_ENDED_LEGS));
  return legs.filter((l) => !drop.has(l));
}

/**
 * Which line shortcuts act on: the current one while it is there and not ended (or nothing
 * else is going on); else the first live call, else the first line not ended, else the newest.
 */
export function reconcileSelection(lines: readonly LineState[], current: string | null): string | null {
  const selected = current === null ? undefined : lines.find((l) => l.line_id === current);
  const open = lines.filter((l) => !isEnded(l));
  if (selected && (!isEnded(selected) || open.length === 0)) return selected.line_id;
  const pick = open.find((l) => l.state === 'talking') ?? open.find(isLive) ?? open[0] ?? lines.at(-1);
  return pick?.line_id ?? null;
}

/** The line a consultation call transfers (from the core when it says, else from here). */
export function consultTarget(line: LineState, consults: Record<string, string>): string | null {
  return line.consult_for ?? consults[line.line_id] ?? null;
}

export function createLinesStore(client: CoreClient, options: LinesStoreOptions): LinesStore {
  let generation = 0;
  /** Lines the person dismissed: a late event must not bring them back. */
  let dismissed = new Set<string>();
  /** Events that arrive while `listLines` is in flight win over its (older) answer. */
  let pendingDuringLoad: Map<string, LineState> | null = null;

  const store = createStore<LinesState>()((set, get) => {
    const setLines = (lines: LineState[], extra: Partial<LinesState> = {}): void => {
      const wanted = extra.selectedId !== undefined ? extra.selectedId : get().selectedId;
      set({ ...extra, lines, selectedId: reconcileSelection(lines, wanted) });
    };

    /** A line from an action's answer: only new lines and endings (events carry the rest in order). */
    const takeResponse = (line: LineState): void => {
      if (dismissed.has(line.line_id)) return;
      const known = get().lines.find((l) => l.line_id === line.line_id);
      if (known && line.state !== 'ended') return;
      if (known && isEnded(known)) return;
      setLines(upsertLine(get().lines, line));
    };

    const setBusy = (lineId: string, what: LineBusy | null): void => {
      const busy = { ...get().busy };
      if (what === null) delete busy[lineId];
      else busy[lineId] = what;
      set({ busy });
    };

    const setError = (key: string, error: RequestError | null): void => {
      const errors = { ...get().errors };
      if (error === null) delete errors[key];
      else errors[key] = error;
      set({ errors });
    };

    /** Runs one line action: busy while in flight, error kept for the card, answer merged. */
    const act = async (lineId: string, what: LineBusy, run: () => Promise<LineState | null>): Promise<boolean> => {
      if (get().busy[lineId] !== undefined && what !== 'dtmf') return false;
      setBusy(lineId, what);
      setError(lineId, null);
      try {
        const line = await run();
        if (line) takeResponse(line);
        return true;
      } catch (reason) {
        setError(lineId, requestError(reason));
        return false;
      } finally {
        setBusy(lineId, null);
      }
    };

    /** Puts every other talking call on hold (one microphone, one conversation at a time). */
    const holdOthers = async (exceptId: string | null): Promise<void> => {
      const talking = get().lines.filter((l) => l.line_id !== exceptId && availableActions(l).includes('hold') && !l.held);
      await Promise.all(
        talking.map((l) =>
          client.call('hold', { line_id: l.line_id, on: true }).then(takeResponse, () => {
            // The core may have held it itself, or the far end refused: the call goes on.
          }),
        ),
      );
    };

    const placeCall = async (target: string, consultFor: string | null): Promise<LineState | null> => {
      if (get().dialing) return null;
      set({ dialing: true });
      setError(DIAL_KEY, null);
      try {
        await holdOthers(null);
        const line = await client.call('dial', { target });
        if (consultFor !== null) set({ consults: { ...get().consults, [line.line_id]: consultFor } });
        takeResponse(line);
        setLines(get().lines, { selectedId: line.line_id });
        return line;
      } catch (reason) {
        setError(DIAL_KEY, requestError(reason));
        if (consultFor !== null) setError(consultFor, requestError(reason));
        return null;
      } finally {
        set({ dialing: false });
      }
    };

    return {
      lines: [],
      monitorLegs: [],
      loaded: false,
      loading: false,
      error: null,
      selectedId: null,
      dialing: false,
      busy: {},
      errors: {},
      consults: {},

      async load() {
        const mine = ++generation;
        pendingDuringLoad = new Map();
        set({ loading: true, error: null });
        try {
          const fetched = await client.call('listLines', undefined);
          if (mine !== generation) return;
          let all = [...fetched].filter((l) => !dismissed.has(l.line_id)).sort(byStart);
          for (const line of pendingDuringLoad?.values() ?? []) all = upsertLine(all, line);
          pendingDuringLoad = null;
          const monitorLegs = keepRecentEnded(all.filter((l) => isMonitorLeg(l)));
          setLines(
            all.filter((l) => !isMonitorLeg(l)),
            { loaded: true, loading: false, monitorLegs },
          );
        } catch (reason) {
          if (mine !== generation) return;
          pendingDuringLoad = null;
          set({ loading: false, error: requestError(reason) });
        }
      },

      applyEvent({ event }) {
        if (event.type !== 'line.updated') return;
        const me = options.agentId();
        if (me === null || event.agent_id !== me) return;
        const { line } = event;
        if (dismissed.has(line.line_id)) return;
        pendingDuringLoad?.set(line.line_id, line);
        if (isMonitorLeg(line)) {
          const known = get().monitorLegs.find((l) => l.line_id === line.line_id);
          if (known && isEnded(known)) return;
          set({ monitorLegs: keepRecentEnded(upsertLine(get().monitorLegs, line)) });
          return;
        }
        const known = get().lines.find((l) => l.line_id === line.line_id);
        // `ended` is final: a late event cannot revive a line.
        if (known && isEnded(known) && !isEnded(line)) return;
        setLines(upsertLine(get().lines, line));
      },

      reset() {
        generation++;
        dismissed = new Set();
        pendingDuringLoad = null;
        set({ lines: [], monitorLegs: [], loaded: false, loading: false, error: null, selectedId: null, dialing: false, busy: {}, errors: {}, consults: {} });
      },

      select(lineId) {
        if (get().lines.some((l) => l.line_id === lineId)) set({ selectedId: lineId });
      },

      selectNext(delta) {
        const { lines, selectedId } = get();
        if (lines.length === 0) return;
        const i = lines.findIndex((l) => l.line_id === selectedId);
        const next = i < 0 ? (delta > 0 ? 0 : lines.length - 1) : (i + delta + lines.length) % lines.length;
        set({ selectedId: lines[next]?.line_id ?? null });
      },

      clearError(key) {
        setError(key, null);
      },

      dial: (target) => placeCall(target, null),

      async answer(lineId) {
        set({ selectedId: lineId });
        await act(lineId, 'answer', async () => {
          await holdOthers(lineId);
          return client.call('answer', { line_id: lineId });
        });
      },

      async decline(lineId, code) {
        await act(lineId, 'decline', () => client.call('decline', { line_id: lineId, ...(code ? { code } : {}) }));
      },

      async hangup(lineId) {
        await act(lineId, 'hangup', () => client.call('hangup', { line_id: lineId }));
      },

      async setHold(lineId, on) {
        await act(lineId, 'hold', async () => {
          // Resuming one call holds the others.
          if (!on) await holdOthers(lineId);
          return client.call('hold', { line_id: lineId, on });
        });
      },

      async setMute(lineId, on) {
        await act(lineId, 'mute', () => client.call('mute', { line_id: lineId, on }));
      },

      async sendDtmf(lineId, digits) {
        await act(lineId, 'dtmf', () => client.call('sendDtmf', { line_id: lineId, digits }));
      },

      async transfer(lineId, target) {
        await act(lineId, 'transfer', () => client.call('transfer', { line_id: lineId, target }));
      },

      async consult(lineId, target) {
        setError(lineId, null);
        await placeCall(target, lineId);
      },

      async completeTransfer(consultLineId) {
        const consult = get().lines.find((l) => l.line_id === consultLineId);
        const original = consult ? consultTarget(consult, get().consults) : null;
        if (!original) return;
        const ok = await act(original, 'transfer', () => client.call('completeTransfer', { line_id: original, consult_line_id: consultLineId }));
        if (!ok) setError(consultLineId, get().errors[original] ?? null);
      },

      async dismiss(lineId) {
        const ok = await act(lineId, 'dismiss', async () => {
          try {
            await client.call('dismissLine', { line_id: lineId });
          } catch (reason) {
            // Already forgotten by the core (it restarted): dismiss here too.
            if (requestError(reason).statusCode !== 404) throw reason;
          }
          return null;
        });
        if (!ok) return;
        dismissed.add(lineId);
        const consults = { ...get().consults };
        delete consults[lineId];
        setLines(
          get().lines.filter((l) => l.line_id !== lineId),
          { consults },
        );
      },
    };
  });

  client.onEvent((envelope) => store.getState().applyEvent(envelope));
  return store;
}
