// Pure (no I/O, no clock): the state of one call line (one SIP session on a seat). The core
// feeds it sip.js happenings and agent actions; the renderer renders `state` as `data-state`
// and asks `availableActions` which buttons to enable. Times come in on the events.
//
// The rules are one table, `TRANSITIONS`: for each event, the states it may arrive in, an
// optional guard on the line's flags, and what it does. An event the table does not allow
// returns the very same object, so a late or duplicated sip.js callback cannot corrupt a line
// (and React sees no change). `ended` appears in no `from` list: it is final.

import type { LineMonitor } from './line-monitor.ts';

export const LINE_STATES = [
  'dialing',
  'ringing',
  'incoming',
  'connecting',
  'talking',
  'on-hold',
  'remote-hold',
  'transferring',
  'ended',
] as const;
export type LineStateName = (typeof LINE_STATES)[number];

export const LINE_END_REASONS = [
  'local-hangup',
  'remote-hangup',
  'declined',
  'rejected',
  'canceled',
  'busy',
  'not-found',
  'unavailable',
  'failed',
  'transferred',
  'no-answer',
] as const;
export type LineEndReason = (typeof LINE_END_REASONS)[number];

export type LineDirection = 'inbound' | 'outbound';

export interface LineRemote {
  uri: string;
  display: string;
}

export interface LineState {
  line_id: string;
  call_sid: string;
  direction: LineDirection;
  state: LineStateName;
  remote: LineRemote;
  /** `ringing` only: the far end sent 183 with SDP, so its media (ringback, IVR) is playing. */
  early: boolean;
  /** Our microphone is muted; changes only in talking/on-hold/remote-hold, kept afterwards. */
  muted: boolean;
  /** We hold the far end (our re-INVITE succeeded). */
  held: boolean;
  /** The far end holds us. With `held` too, the state is `on-hold`. */
  remote_held: boolean;
  /** A hold or resume re-INVITE we sent, not yet answered (the button shows it as busy). */
  pending: 'hold' | 'resume' | null;
  /** For a consultation call of an attended transfer: the line it belongs to. */
  consult_for: string | null;
  started_at: string;
  /** When the call reached `talking`: 200 received (outbound) or ACK received (inbound). */
  answered_at: string | null;
  ended_at: string | null;
  end_reason: LineEndReason | null;
  /** The final response of the INVITE when known: 200, 486, 487… */
  sip_code: number | null;
  /** Free text for the end: the reason phrase of a rejection or why the call failed. */
  end_detail: string | null;
  /** A supervisor's monitoring this line takes part in (absent: none). */
  monitor?: LineMonitor;
}

export type DeclineCode = 486 | 603;

export type LineEvent =
  /** The INVITE went out (again after a 401/407 challenge); the line stays `dialing`. */
  | { type: 'invite-sent'; at: string }
  /** 1xx to our INVITE; 100 changes nothing, 180/183 ring; `early` for 183 with SDP. */
  | { type: 'provisional'; code: number; early: boolean }
  /** 2xx to our INVITE. */
  | { type: 'accepted'; at: string }
  /** The agent answered an incoming call (200 being sent). */
  | { type: 'answer' }
  /** ACK for our 200 arrived: the inbound call is established. */
  | { type: 'confirmed'; at: string }
  /** Final non-2xx to our INVITE. */
  | { type: 'rejected'; code: number; reason: string; at: string }
  /** The caller sent CANCEL before the call was established. */
  | { type: 'cancel'; at: string }
  /** The agent declined an incoming call with this code. */
  | { type: 'decline'; code: DeclineCode; at: string }
  /** We end the call: BYE, or CANCEL for an outbound call not yet answered. */
  | { type: 'hangup-local'; at: string }
  /** The far end sent BYE. */
  | { type: 'hangup-remote'; at: string }
  | { type: 'hold-requested' }
  | { type: 'hold-ok' }
  | { type: 'hold-failed' }
  | { type: 'resume-requested' }
  | { type: 'resume-ok' }
  | { type: 'resume-failed' }
  /** The far end's re-INVITE put us on hold (sendonly/inactive) or took us off it. */
  | { type: 'remote-hold' }
  | { type: 'remote-resume' }
  | { type: 'mute' }
  | { type: 'unmute' }
  /** REFER sent (blind, or attended with Replaces); waiting for the NOTIFY. */
  | { type: 'refer-sent' }
  /** NOTIFY with a 2xx sipfrag: the transfer target answered. */
  | { type: 'refer-accepted'; at: string }
  /** REFER refused or NOTIFY with a failure: the call is ours again. */
  | { type: 'refer-failed' }
  /** Anything else that kills the session: transport gone, no ACK, media failure. */
  | { type: 'failed'; reason: string; at: string; code?: number };

export type LineEventType = LineEvent['type'];
type EventOf<T extends LineEventType> = Extract<LineEvent, { type: T }>;

export type LineAction = 'answer' | 'decline' | 'hangup' | 'hold' | 'resume' | 'mute' | 'unmute' | 'dtmf' | 'transfer';

export interface NewLine {
  line_id: string;
  call_sid: string;
  direction: LineDirection;
  remote: LineRemote;
  /** When the INVITE was sent (outbound) or received (inbound). */
  at: string;
  consult_for?: string | null;
}

/** A new line: outbound lines start `dialing`, inbound lines `incoming`. */
export function initialLine(init: NewLine): LineState {
  return {
    line_id: init.line_id,
    call_sid: init.call_sid,
    direction: init.direction,
    state: init.direction === 'outbound' ? 'dialing' : 'incoming',
    remote: { uri: init.remote.uri, display: init.remote.display },
    early: false,
    muted: false,
    held: false,
    remote_held: false,
    pending: null,
    consult_for: init.consult_for ?? null,
    started_at: init.at,
    answered_at: null,
    ended_at: null,
    end_reason: null,
    sip_code: null,
    end_detail: null,
  };
}

// ---------------------------------------------------------------------------------------------
// Helpers for the table

/** States with an established dialog and media. */
export const LIVE_STATES: readonly LineStateName[] = ['talking', 'on-hold', 'remote-hold', 'transferring'];
/** Established and not in the middle of a transfer: hold, mute and transfer apply here. */
const SETTLED: readonly LineStateName[] = ['talking', 'on-hold', 'remote-hold'];
const OUTBOUND_EARLY: readonly LineStateName[] = ['dialing', 'ringing'];
const NOT_ENDED: readonly LineStateName[] = LINE_STATES.filter((s) => s !== 'ended');

/** Where an established call rests given its hold flags (`on-hold` wins over `remote-hold`). */
function settledState(held: boolean, remote_held: boolean): LineStateName {
  if (held) return 'on-hold';
  return remote_held ? 'remote-hold' : 'talking';
}

/** `line` with `changes`, or `line` itself when nothing actually changes. */
function patch(line: LineState, changes: Partial<LineState>): LineState {
  const keys = Object.keys(changes) as (keyof LineState)[];
  return keys.some((k) => line[k] !== changes[k]) ? { ...line, ...changes } : line;
}

function end(line: LineState, at: string, end_reason: LineEndReason, sip_code: number | null, end_detail: string | null = null): LineState {
  return { ...line, state: 'ended', pending: null, ended_at: at, end_reason, sip_code, end_detail };
}

/** Final response code of an outbound INVITE → why the call ended. */
export function endReasonForCode(code: number): LineEndReason {
  switch (code) {
    case 486:
    case 600:
      return 'busy';
    case 404:
    case 604:
      return 'not-found';
    case 480:
    case 503:
      return 'unavailable';
    case 603:
      return 'declined';
    case 408:
      return 'no-answer';
    case 487:
      return 'canceled';
    default:
      return 'failed';
  }
}

interface Transition<T extends LineEventType> {
  /** States in which the event may arrive. */
  from: readonly LineStateName[];
  /** Further condition on the line's flags (not the event's payload). */
  when?: (line: LineState) => boolean;
  apply: (line: LineState, event: EventOf<T>) => LineState;
}

// ---------------------------------------------------------------------------------------------
// The table

const TRANSITIONS: { [T in LineEventType]: Transition<T> } = {
  // Outbound setup
  'invite-sent': { from: ['dialing'], apply: (l) => l },
  provisional: {
    from: OUTBOUND_EARLY,
    apply: (l, e) => (e.code > 100 && e.code < 200 ? patch(l, { state: 'ringing', early: l.early || e.early }) : l),
  },
  accepted: {
    from: OUTBOUND_EARLY,
    apply: (l, e) => ({ ...l, state: 'talking', answered_at: e.at, sip_code: 200 }),
  },
  rejected: {
    from: OUTBOUND_EARLY,
    apply: (l, e) => end(l, e.at, endReasonForCode(e.code), e.code, e.reason === '' ? null : e.reason),
  },

  // Inbound setup
  answer: { from: ['incoming'], apply: (l) => ({ ...l, state: 'connecting' }) },
  confirmed: { from: ['connecting'], apply: (l, e) => ({ ...l, state: 'talking', answered_at: e.at, sip_code: 200 }) },
  cancel: { from: ['incoming', 'connecting'], apply: (l, e) => end(l, e.at, 'canceled', 487) },
  decline: { from: ['incoming'], apply: (l, e) => end(l, e.at, 'declined', e.code) },

  // Ending
  'hangup-local': {
    from: ['dialing', 'ringing', 'connecting', ...LIVE_STATES],
    // Before an answer, hanging up an outbound call is a CANCEL; the 487 that follows is ignored.
    apply: (l, e) => (OUTBOUND_EARLY.includes(l.state) ? end(l, e.at, 'canceled', null) : end(l, e.at, 'local-hangup', l.sip_code)),
  },
  'hangup-remote': { from: ['connecting', ...LIVE_STATES], apply: (l, e) => end(l, e.at, 'remote-hangup', l.sip_code) },
  failed: { from: NOT_ENDED, apply: (l, e) => end(l, e.at, 'failed', e.code ?? l.sip_code, e.reason === '' ? null : e.reason) },

  // Hold (our re-INVITEs): one at a time, none during a transfer
  'hold-requested': { from: ['talking', 'remote-hold'], when: (l) => l.pending === null, apply: (l) => ({ ...l, pending: 'hold' }) },
  'hold-ok': {
    from: ['talking', 'remote-hold'],
    when: (l) => l.pending === 'hold',
    apply: (l) => ({ ...l, pending: null, held: true, state: settledState(true, l.remote_held) }),
  },
  'hold-failed': { from: ['talking', 'remote-hold'], when: (l) => l.pending === 'hold', apply: (l) => ({ ...l, pending: null }) },
  'resume-requested': { from: ['on-hold'], when: (l) => l.pending === null, apply: (l) => ({ ...l, pending: 'resume' }) },
  'resume-ok': {
    from: ['on-hold'],
    when: (l) => l.pending === 'resume',
    apply: (l) => ({ ...l, pending: null, held: false, state: settledState(false, l.remote_held) }),
  },
  'resume-failed': { from: ['on-hold'], when: (l) => l.pending === 'resume', apply: (l) => ({ ...l, pending: null }) },

  // Hold by the far end: a flag; it shows as the state only when we do not hold too
  'remote-hold': {
    from: LIVE_STATES,
    when: (l) => !l.remote_held,
    apply: (l) => ({ ...l, remote_held: true, state: l.state === 'transferring' ? l.state : settledState(l.held, true) }),
  },
  'remote-resume': {
    from: LIVE_STATES,
    when: (l) => l.remote_held,
    apply: (l) => ({ ...l, remote_held: false, state: l.state === 'transferring' ? l.state : settledState(l.held, false) }),
  },

  // Mute (our microphone, no signalling)
  mute: { from: SETTLED, when: (l) => !l.muted, apply: (l) => ({ ...l, muted: true }) },
  unmute: { from: SETTLED, when: (l) => l.muted, apply: (l) => ({ ...l, muted: false }) },

  // Transfer (REFER): not while a hold/resume is in flight
  'refer-sent': { from: SETTLED, when: (l) => l.pending === null, apply: (l) => ({ ...l, state: 'transferring' }) },
  'refer-accepted': { from: ['transferring'], apply: (l, e) => end(l, e.at, 'transferred', l.sip_code) },
  // Back to where the call rests now (the far end may have held us meanwhile).
  'refer-failed': { from: ['transferring'], apply: (l) => ({ ...l, state: settledState(l.held, l.remote_held) }) },
};

/** Every event type, in table order (for tests and tooling). */
export const LINE_EVENT_TYPES = Object.keys(TRANSITIONS) as LineEventType[];

// ---------------------------------------------------------------------------------------------
// API

/** Whether an event of this type would be accepted by the line now (buttons use this). */
export function canApply(line: LineState, type: LineEventType): boolean {
  // Own properties only: a bogus type from untyped callers ("constructor") is simply refused.
  if (!Object.hasOwn(TRANSITIONS, type)) return false;
  const t = TRANSITIONS[type] as Transition<LineEventType>;
  if (!t.from.includes(line.state)) return false;
  return t.when === undefined || t.when(line);
}

/** The line after `event`; the same object when the event does not apply (or changes nothing). */
export function reduceLine(line: LineState, event: LineEvent): LineState {
  if (!canApply(line, event.type)) return line;
  const apply = TRANSITIONS[event.type].apply as (l: LineState, e: LineEvent) => LineState;
  return apply(line, event);
}

/** The call is up (dialog established, media flowing or held): not ringing, not ended. */
export function isLive(line: LineState): boolean {
  return LIVE_STATES.includes(line.state);
}

export function isEnded(line: LineState): boolean {
  return line.state === 'ended';
}

/** What the agent can do on this line now, in a fixed order. DTMF goes to established,
 * unheld calls, and to a ringing call that plays early media (an IVR answering with 183). */
export function availableActions(line: LineState): LineAction[] {
  const actions: LineAction[] = [];
  if (canApply(line, 'answer')) actions.push('answer');
  if (canApply(line, 'decline')) actions.push('decline');
  if (canApply(line, 'hangup-local')) actions.push('hangup');
  if (canApply(line, 'hold-requested')) actions.push('hold');
  if (canApply(line, 'resume-requested')) actions.push('resume');
  if (canApply(line, 'mute')) actions.push('mute');
  if (canApply(line, 'unmute')) actions.push('unmute');
  if (line.state === 'talking' || (line.state === 'ringing' && line.early)) actions.push('dtmf');
  if (canApply(line, 'refer-sent')) actions.push('transfer');
  return actions;
}
