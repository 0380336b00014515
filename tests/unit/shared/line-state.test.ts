import { describe, expect, it } from 'vitest';
import {
  LINE_EVENT_TYPES,
  LINE_STATES,
  availableActions,
  canApply,
  endReasonForCode,
  initialLine,
  isEnded,
  isLive,
  reduceLine,
  type LineEvent,
  type LineEventType,
  type LineState,
  type LineStateName,
} from '../../../shared/sip/line-state.ts';

const T0 = '2025-01-01T09:00:00.000Z';
const T1 = '2025-01-01T09:00:05.000Z';
const T2 = '2025-01-01T09:01:00.000Z';
const T3 = '2025-01-01T09:02:00.000Z';

function outbound(): LineState {
  return initialLine({
    line_id: 'L1',
    call_sid: 'CA1',
    direction: 'outbound',
    remote: { uri: 'sip:1001@pbx.lan', display: '1001' },
    at: T0,
  });
}

function inbound(): LineState {
  return initialLine({
    line_id: 'L2',
    call_sid: 'CA2',
    direction: 'inbound',
    remote: { uri: 'sip:+15551234567@pbx.lan', display: 'Alice' },
    at: T0,
  });
}

/** Apply events in order, checking each one is accepted (changes the line or is a legal no-op). */
function run(line: LineState, ...events: LineEvent[]): LineState {
  return events.reduce((l, e) => {
    expect(canApply(l, e.type), `${e.type} in ${l.state}`).toBe(true);
    return reduceLine(l, e);
  }, line);
}

/** A sample event of each type, for sweeps. */
const SAMPLE: { [T in LineEventType]: Extract<LineEvent, { type: T }> } = {
  'invite-sent': { type: 'invite-sent', at: T1 },
  provisional: { type: 'provisional', code: 183, early: true },
  accepted: { type: 'accepted', at: T1 },
  answer: { type: 'answer' },
  confirmed: { type: 'confirmed', at: T1 },
  rejected: { type: 'rejected', code: 486, reason: 'Busy Here', at: T1 },
  cancel: { type: 'cancel', at: T1 },
  decline: { type: 'decline', code: 603, at: T1 },
  'hangup-local': { type: 'hangup-local', at: T1 },
  'hangup-remote': { type: 'hangup-remote', at: T1 },
  'hold-requested': { type: 'hold-requested' },
  'hold-ok': { type: 'hold-ok' },
  'hold-failed': { type: 'hold-failed' },
  'resume-requested': { type: 'resume-requested' },
  'resume-ok': { type: 'resume-ok' },
  'resume-failed': { type: 'resume-failed' },
  'remote-hold': { type: 'remote-hold' },
  'remote-resume': { type: 'remote-resume' },
  mute: { type: 'mute' },
  unmute: { type: 'unmute' },
  'refer-sent': { type: 'refer-sent' },
  'refer-accepted': { type: 'refer-accepted', at: T1 },
  'refer-failed': { type: 'refer-failed' },
  failed: { type: 'failed', reason: 'WebSocket closed', at: T1 },
};

const talkingOut = () => run(outbound(), { type: 'provisional', code: 180, early: false }, { type: 'accepted', at: T1 });
const talkingIn = () => run(inbound(), { type: 'answer' }, { type: 'confirmed', at: T1 });
const onHold = () => run(talkingOut(), { type: 'hold-requested' }, { type: 'hold-ok' });
const remoteHeld = () => run(talkingOut(), { type: 'remote-hold' });
const transferring = () => run(talkingOut(), { type: 'refer-sent' });

/** One line in every state, with the flags each state can have. */
const FIXTURES: Array<[string, () => LineState]> = [
  ['dialing', outbound],
  ['ringing', () => run(outbound(), { type: 'provisional', code: 180, early: false })],
  ['ringing (early media)', () => run(outbound(), { type: 'provisional', code: 183, early: true })],
  ['incoming', inbound],
  ['connecting', () => run(inbound(), { type: 'answer' })],
  ['talking', talkingOut],
  ['talking (muted)', () => run(talkingOut(), { type: 'mute' })],
  ['talking (hold pending)', () => run(talkingOut(), { type: 'hold-requested' })],
  ['on-hold', onHold],
  ['on-hold (resume pending)', () => run(onHold(), { type: 'resume-requested' })],
  ['on-hold (both held)', () => run(onHold(), { type: 'remote-hold' })],
  ['remote-hold', remoteHeld],
  ['transferring', transferring],
  ['ended', () => run(talkingOut(), { type: 'hangup-remote', at: T2 })],
];

describe('initialLine', () => {
  it('starts outbound lines dialing and inbound lines incoming, with no end yet', () => {
    expect(outbound()).toEqual({
      line_id: 'L1',
      call_sid: 'CA1',
      direction: 'outbound',
      state: 'dialing',
      remote: { uri: 'sip:1001@pbx.lan', display: '1001' },
      early: false,
      muted: false,
      held: false,
      remote_held: false,
      pending: null,
      consult_for: null,
      started_at: T0,
      answered_at: null,
      ended_at: null,
      end_reason: null,
      sip_code: null,
      end_detail: null,
    });
    expect(inbound()).toMatchObject({ state: 'incoming', direction: 'inbound' });
  });

  it('remembers which call a consultation call belongs to', () => {
    const consult = initialLine({
      line_id: 'L3',
      call_sid: 'CA3',
      direction: 'outbound',
      remote: { uri: 'sip:1002@pbx.lan', display: '1002' },
      at: T2,
      consult_for: 'L1',
    });
    expect(consult.consult_for).toBe('L1');
  });
});

describe('outbound calls', () => {
  it('dialing → ringing → talking → hung up by us', () => {
    let line = run(outbound(), { type: 'invite-sent', at: T0 });
    expect(line.state).toBe('dialing');
    line = run(line, { type: 'provisional', code: 100, early: false });
    expect(line.state).toBe('dialing');
    line = run(line, { type: 'provisional', code: 180, early: false });
    expect(line).toMatchObject({ state: 'ringing', early: false });
    line = run(line, { type: 'provisional', code: 183, early: true });
    expect(line).toMatchObject({ state: 'ringing', early: true });
    line = run(line, { type: 'provisional', code: 180, early: false });
    expect(line.early).toBe(true);
    line = run(line, { type: 'accepted', at: T1 });
    expect(line).toMatchObject({ state: 'talking', answered_at: T1, sip_code: 200 });
    line = run(line, { type: 'hangup-local', at: T2 });
    expect(line).toMatchObject({ state: 'ended', end_reason: 'local-hangup', ended_at: T2, sip_code: 200, started_at: T0, answered_at: T1 });
  });

  it('goes straight from dialing to talking on a 200 without ringing', () => {
    expect(run(outbound(), { type: 'accepted', at: T1 })).toMatchObject({ state: 'talking', answered_at: T1 });
  });

  it('goes to ringing with early media on a 183 with SDP', () => {
    expect(run(outbound(), { type: 'provisional', code: 183, early: true })).toMatchObject({ state: 'ringing', early: true });
  });

  it('ignores 100 Trying and non-provisional codes', () => {
    const line = outbound();
    expect(reduceLine(line, { type: 'provisional', code: 100, early: false })).toBe(line);
    expect(reduceLine(line, { type: 'provisional', code: 200, early: false })).toBe(line);
  });

  it('returns the same object for a repeated 180', () => {
    const ringing = run(outbound(), { type: 'provisional', code: 180, early: false });
    expect(reduceLine(ringing, { type: 'provisional', code: 180, early: false })).toBe(ringing);
  });

  it.each([
    [486, 'busy'],
    [600, 'busy'],
    [404, 'not-found'],
    [604, 'not-found'],
    [480, 'unavailable'],
    [503, 'unavailable'],
    [603, 'declined'],
    [408, 'no-answer'],
    [487, 'canceled'],
    [403, 'failed'],
    [488, 'failed'],
    [500, 'failed'],
    [302, 'failed'],
  ] as const)('a final %i while ringing ends it as %s', (code, reason) => {
    const line = run(
      outbound(),
      { type: 'provisional', code: 180, early: false },
      { type: 'rejected', code, reason: 'Reason Phrase', at: T2 },
    );
    expect(line).toMatchObject({ state: 'ended', end_reason: reason, sip_code: code, ended_at: T2, end_detail: 'Reason Phrase', answered_at: null });
    expect(endReasonForCode(code)).toBe(reason);
  });

  it('a final response can arrive while still dialing', () => {
    expect(run(outbound(), { type: 'rejected', code: 404, reason: '', at: T1 })).toMatchObject({
      state: 'ended',
      end_reason: 'not-found',
      end_detail: null,
    });
  });

  it('hanging up before an answer cancels, and the 487 that follows changes nothing', () => {
    for (const start of [outbound(), run(outbound(), { type: 'provisional', code: 180, early: false })]) {
      const ended = run(start, { type: 'hangup-local', at: T1 });
      expect(ended).toMatchObject({ state: 'ended', end_reason: 'canceled', ended_at: T1, sip_code: null });
      expect(reduceLine(ended, { type: 'rejected', code: 487, reason: 'Request Terminated', at: T2 })).toBe(ended);
    }
  });
});

describe('inbound calls', () => {
  it('incoming → answered → confirmed → hung up by the caller', () => {
    let line = run(inbound(), { type: 'answer' });
    expect(line).toMatchObject({ state: 'connecting', answered_at: null });
    line = run(line, { type: 'confirmed', at: T1 });
    expect(line).toMatchObject({ state: 'talking', answered_at: T1, sip_code: 200 });
    line = run(line, { type: 'hangup-remote', at: T2 });
    expect(line).toMatchObject({ state: 'ended', end_reason: 'remote-hangup', ended_at: T2, sip_code: 200 });
  });

  it.each([486, 603] as const)('the agent declines with %i', (code) => {
    expect(run(inbound(), { type: 'decline', code, at: T1 })).toMatchObject({
      state: 'ended',
      end_reason: 'declined',
      sip_code: code,
      ended_at: T1,
      answered_at: null,
    });
  });

  it('the caller cancels while it rings, or before our answer is confirmed', () => {
    expect(run(inbound(), { type: 'cancel', at: T1 })).toMatchObject({ state: 'ended', end_reason: 'canceled', sip_code: 487, ended_at: T1 });
    expect(run(inbound(), { type: 'answer' }, { type: 'cancel', at: T1 })).toMatchObject({ state: 'ended', end_reason: 'canceled' });
  });

  it('the agent hangs up before the ACK arrives', () => {
    expect(run(inbound(), { type: 'answer' }, { type: 'hangup-local', at: T1 })).toMatchObject({
      state: 'ended',
      end_reason: 'local-hangup',
      answered_at: null,
    });
  });

  it('fails when the ACK never comes', () => {
    expect(run(inbound(), { type: 'answer' }, { type: 'failed', reason: 'ACK timeout', code: 408, at: T2 })).toMatchObject({
      state: 'ended',
      end_reason: 'failed',
      end_detail: 'ACK timeout',
      sip_code: 408,
    });
  });

  it('cannot be hung up, cancelled by us or accepted like an outbound call while ringing', () => {
    const line = inbound();
    for (const type of ['hangup-local', 'hangup-remote', 'accepted', 'provisional', 'rejected'] as const) {
      expect(canApply(line, type)).toBe(false);
      expect(reduceLine(line, SAMPLE[type])).toBe(line);
    }
  });
});

describe('hangup from both sides', () => {
  it.each([
    ['talking', talkingOut],
    ['talking (inbound)', talkingIn],
    ['on-hold', onHold],
    ['remote-hold', remoteHeld],
    ['transferring', transferring],
  ])('from %s', (_name, make) => {
    const local = run(make(), { type: 'hangup-local', at: T3 });
    expect(local).toMatchObject({ state: 'ended', end_reason: 'local-hangup', ended_at: T3, pending: null });
    const remote = run(make(), { type: 'hangup-remote', at: T3 });
    expect(remote).toMatchObject({ state: 'ended', end_reason: 'remote-hangup', ended_at: T3 });
  });

  it('clears a pending hold when the call ends', () => {
    const line = run(talkingOut(), { type: 'hold-requested' }, { type: 'hangup-remote', at: T2 });
    expect(line).toMatchObject({ state: 'ended', pending: null });
  });
});

describe('hold and resume', () => {
  it('talking → hold requested → on-hold → resume requested → talking', () => {
    let line = run(talkingOut(), { type: 'hold-requested' });
    expect(line).toMatchObject({ state: 'talking', pending: 'hold', held: false });
    expect(availableActions(line)).not.toContain('hold');
    line = run(line, { type: 'hold-ok' });
    expect(line).toMatchObject({ state: 'on-hold', pending: null, held: true });
    line = run(line, { type: 'resume-requested' });
    expect(line).toMatchObject({ state: 'on-hold', pending: 'resume' });
    expect(availableActions(line)).not.toContain('resume');
    line = run(line, { type: 'resume-ok' });
    expect(line).toMatchObject({ state: 'talking', pending: null, held: false });
  });

  it('a failed hold leaves the call talking', () => {
    const line = run(talkingOut(), { type: 'hold-requested' }, { type: 'hold-failed' });
    expect(line).toMatchObject({ state: 'talking', pending: null, held: false });
    expect(availableActions(line)).toContain('hold');
  });

  it('a failed resume leaves the call on hold', () => {
    const line = run(onHold(), { type: 'resume-requested' }, { type: 'resume-failed' });
    expect(line).toMatchObject({ state: 'on-hold', pending: null, held: true });
    expect(availableActions(line)).toContain('resume');
  });

  it('allows one re-INVITE at a time', () => {
    const pending = run(talkingOut(), { type: 'hold-requested' });
    expect(reduceLine(pending, { type: 'hold-requested' })).toBe(pending);
    expect(reduceLine(pending, { type: 'refer-sent' })).toBe(pending);
    const resuming = run(onHold(), { type: 'resume-requested' });
    expect(reduceLine(resuming, { type: 'resume-requested' })).toBe(resuming);
    expect(reduceLine(resuming, { type: 'refer-sent' })).toBe(resuming);
  });

  it('ignores a hold answer nobody asked for', () => {
    const line = talkingOut();
    for (const type of ['hold-ok', 'hold-failed', 'resume-ok', 'resume-failed'] as const) {
      expect(reduceLine(line, SAMPLE[type])).toBe(line);
    }
    const held = onHold();
    expect(reduceLine(held, { type: 'hold-ok' })).toBe(held);
    expect(reduceLine(held, { type: 'resume-ok' })).toBe(held);
  });
});

describe('hold by the far end', () => {
  it('talking → remote-hold → talking', () => {
    let line = run(talkingOut(), { type: 'remote-hold' });
    expect(line).toMatchObject({ state: 'remote-hold', remote_held: true, held: false });
    line = run(line, { type: 'remote-resume' });
    expect(line).toMatchObject({ state: 'talking', remote_held: false });
  });

  it('when both hold, on-hold wins and the remote flag is kept', () => {
    let line = run(onHold(), { type: 'remote-hold' });
    expect(line).toMatchObject({ state: 'on-hold', held: true, remote_held: true });
    // We resume while they still hold us: the call shows their hold.
    line = run(line, { type: 'resume-requested' }, { type: 'resume-ok' });
    expect(line).toMatchObject({ state: 'remote-hold', held: false, remote_held: true });
    line = run(line, { type: 'remote-resume' });
    expect(line).toMatchObject({ state: 'talking', remote_held: false });
  });

  it('we can hold a call that holds us, and their resume keeps it on-hold', () => {
    let line = run(remoteHeld(), { type: 'hold-requested' }, { type: 'hold-ok' });
    expect(line).toMatchObject({ state: 'on-hold', held: true, remote_held: true });
    line = run(line, { type: 'remote-resume' });
    expect(line).toMatchObject({ state: 'on-hold', held: true, remote_held: false });
  });

  it('a remote hold arriving while our hold is pending', () => {
    let line = run(talkingOut(), { type: 'hold-requested' }, { type: 'remote-hold' });
    expect(line).toMatchObject({ state: 'remote-hold', pending: 'hold' });
    line = run(line, { type: 'hold-ok' });
    expect(line).toMatchObject({ state: 'on-hold', held: true, remote_held: true, pending: null });
  });

  it('ignores a duplicate remote hold or a resume without a hold', () => {
    const held = remoteHeld();
    expect(reduceLine(held, { type: 'remote-hold' })).toBe(held);
    const talking = talkingOut();
    expect(reduceLine(talking, { type: 'remote-resume' })).toBe(talking);
  });
});

describe('mute', () => {
  it.each([
    ['talking', talkingOut],
    ['on-hold', onHold],
    ['remote-hold', remoteHeld],
  ])('mutes and unmutes while %s, without changing the state', (_name, make) => {
    const line = make();
    const muted = run(line, { type: 'mute' });
    expect(muted).toMatchObject({ muted: true, state: line.state });
    expect(availableActions(muted)).toContain('unmute');
    expect(availableActions(muted)).not.toContain('mute');
    const unmuted = run(muted, { type: 'unmute' });
    expect(unmuted).toMatchObject({ muted: false, state: line.state });
  });

  it.each([
    ['dialing', outbound],
    ['incoming', inbound],
    ['connecting', () => run(inbound(), { type: 'answer' })],
    ['transferring', transferring],
  ])('cannot mute while %s', (_name, make) => {
    const line = make();
    expect(canApply(line, 'mute')).toBe(false);
    expect(reduceLine(line, { type: 'mute' })).toBe(line);
  });

  it('ignores mute when muted and unmute when not', () => {
    const line = talkingOut();
    expect(reduceLine(line, { type: 'unmute' })).toBe(line);
    const muted = run(line, { type: 'mute' });
    expect(reduceLine(muted, { type: 'mute' })).toBe(muted);
  });

  it('keeps the mute across hold, resume and a failed transfer', () => {
    const line = run(
      talkingOut(),
      { type: 'mute' },
      { type: 'hold-requested' },
      { type: 'hold-ok' },
      { type: 'resume-requested' },
      { type: 'resume-ok' },
      { type: 'refer-sent' },
      { type: 'refer-failed' },
    );
    expect(line).toMatchObject({ state: 'talking', muted: true });
  });
});

describe('blind transfer', () => {
  it.each([
    ['talking', talkingOut],
    ['on-hold', onHold],
    ['remote-hold', remoteHeld],
  ])('from %s: REFER accepted ends the line as transferred', (_name, make) => {
    const line = run(make(), { type: 'refer-sent' });
    expect(line.state).toBe('transferring');
    expect(availableActions(line)).toEqual(['hangup']);
    const done = run(line, { type: 'refer-accepted', at: T3 });
    expect(done).toMatchObject({ state: 'ended', end_reason: 'transferred', ended_at: T3 });
  });

  it.each([
    ['talking', talkingOut, 'talking'],
    ['on-hold', onHold, 'on-hold'],
    ['remote-hold', remoteHeld, 'remote-hold'],
  ] as const)('from %s: a failed REFER returns to %s', (_name, make, back) => {
    const line = run(make(), { type: 'refer-sent' }, { type: 'refer-failed' });
    expect(line.state).toBe(back);
  });

  it('a failed REFER returns to where the call rests now if the far end held us meanwhile', () => {
    let line = run(talkingOut(), { type: 'refer-sent' }, { type: 'remote-hold' });
    expect(line).toMatchObject({ state: 'transferring', remote_held: true });
    line = run(line, { type: 'refer-failed' });
    expect(line).toMatchObject({ state: 'remote-hold', remote_held: true });
  });

  it('refuses hold, resume, mute and a second REFER while transferring', () => {
    const line = transferring();
    for (const type of ['hold-requested', 'resume-requested', 'mute', 'refer-sent'] as const) {
      expect(reduceLine(line, SAMPLE[type])).toBe(line);
    }
  });

  it('a consultation call for an attended transfer is an ordinary line with consult_for', () => {
    const consult = initialLine({ line_id: 'L3', call_sid: 'CA3', direction: 'outbound', remote: { uri: 'sip:1002@pbx.lan', display: '1002' }, at: T2, consult_for: 'L1' });
    const talking = run(consult, { type: 'accepted', at: T2 });
    const original = run(onHold(), { type: 'refer-sent' }, { type: 'refer-accepted', at: T3 });
    expect(original.end_reason).toBe('transferred');
    expect(run(talking, { type: 'hangup-remote', at: T3 })).toMatchObject({ end_reason: 'remote-hangup', consult_for: 'L1' });
  });
});

describe('failure', () => {
  it.each(FIXTURES.filter(([name]) => name !== 'ended'))('ends the line from %s', (_name, make) => {
    const line = run(make(), { type: 'failed', reason: 'WebSocket closed', at: T3 });
    expect(line).toMatchObject({ state: 'ended', end_reason: 'failed', end_detail: 'WebSocket closed', ended_at: T3, pending: null });
  });
});

describe('illegal events', () => {
  it.each(FIXTURES)('%s: every refused event returns the same object, unchanged', (_name, make) => {
    const line = make();
    const snapshot = structuredClone(line);
    for (const type of LINE_EVENT_TYPES) {
      if (canApply(line, type)) continue;
      expect(reduceLine(line, SAMPLE[type]), type).toBe(line);
    }
    expect(line).toEqual(snapshot);
  });

  it('ended is final', () => {
    const ended = run(talkingOut(), { type: 'hangup-local', at: T2 });
    for (const type of LINE_EVENT_TYPES) {
      expect(canApply(ended, type), type).toBe(false);
      expect(reduceLine(ended, SAMPLE[type])).toBe(ended);
    }
    expect(availableActions(ended)).toEqual([]);
    expect(isEnded(ended)).toBe(true);
    expect(isLive(ended)).toBe(false);
  });

  it('never mutates the line it is given', () => {
    for (const [, make] of FIXTURES) {
      const line = make();
      const snapshot = structuredClone(line);
      for (const type of LINE_EVENT_TYPES) reduceLine(line, SAMPLE[type]);
      expect(line).toEqual(snapshot);
    }
  });

  it('refuses an unknown event type from untyped callers', () => {
    const line = talkingOut();
    for (const type of ['constructor', 'toString', '__proto__', 'bogus']) {
      expect(canApply(line, type as LineEventType)).toBe(false);
      expect(reduceLine(line, { type } as unknown as LineEvent)).toBe(line);
    }
  });

  it('every state is reachable and has a fixture', () => {
    const reached = new Set<LineStateName>(FIXTURES.map(([, make]) => make().state));
    expect([...reached].sort()).toEqual([...LINE_STATES].sort());
    expect(new Set(LINE_EVENT_TYPES)).toEqual(new Set(Object.keys(SAMPLE)));
  });
});

describe('availableActions, isLive', () => {
  it.each([
    ['dialing', ['hangup'], false],
    ['ringing', ['hangup'], false],
    ['ringing (early media)', ['hangup', 'dtmf'], false],
    ['incoming', ['answer', 'decline'], false],
    ['connecting', ['hangup'], false],
    ['talking', ['hangup', 'hold', 'mute', 'dtmf', 'transfer'], true],
    ['talking (muted)', ['hangup', 'hold', 'unmute', 'dtmf', 'transfer'], true],
    ['talking (hold pending)', ['hangup', 'mute', 'dtmf'], true],
    ['on-hold', ['hangup', 'resume', 'mute', 'transfer'], true],
    ['on-hold (resume pending)', ['hangup', 'mute'], true],
    ['on-hold (both held)', ['hangup', 'resume', 'mute', 'transfer'], true],
    ['remote-hold', ['hangup', 'hold', 'mute', 'transfer'], true],
    ['transferring', ['hangup'], true],
    ['ended', [], false],
  ] as const)('%s → %j', (name, actions, live) => {
    const make = FIXTURES.find(([n]) => n === name)?.[1];
    if (make === undefined) throw new Error(`no fixture ${name}`);
    const line = make();
    expect(availableActions(line)).toEqual(actions);
    expect(isLive(line)).toBe(live);
  });

  it('agrees with canApply for every action that maps to an event', () => {
    const eventFor = {
      answer: 'answer',
      decline: 'decline',
      hangup: 'hangup-local',
      hold: 'hold-requested',
      resume: 'resume-requested',
      mute: 'mute',
      unmute: 'unmute',
      transfer: 'refer-sent',
    } as const;
    for (const [, make] of FIXTURES) {
      const line = make();
      const actions = availableActions(line);
      for (const [action, type] of Object.entries(eventFor)) {
        expect(actions.includes(action as keyof typeof eventFor), `${line.state} ${action}`).toBe(canApply(line, type));
      }
    }
  });
});
