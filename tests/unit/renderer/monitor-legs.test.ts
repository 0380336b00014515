import { describe, expect, it } from 'vitest';
import type { LineMedia } from '../../../renderer/src/media/line-media.ts';
import { MonitorLegs } from '../../../renderer/src/media/monitor-legs.ts';
import type { MonitorMix } from '../../../renderer/src/media/monitor-mix.ts';
import { flush } from './fake-core-client.ts';

/** A stand-in for the WebAudio mix: records what it was wired to and whether the caller hears the supervisor. */
class RecordingMix {
  readonly supervisorTrack = { id: 'to-supervisor' } as MediaStreamTrack;
  readonly callerTrack = { id: 'to-caller' } as MediaStreamTrack;
  mic: MediaStreamTrack | null = null;
  caller: MediaStream | null = null;
  supervisor: MediaStream | null = null;
  callerHearsSupervisor = false;
  closed = false;
  setMic(track: MediaStreamTrack): void {
    this.mic = track;
  }
  setCaller(stream: MediaStream | null): void {
    this.caller = stream;
  }
  setSupervisor(stream: MediaStream | null): void {
    this.supervisor = stream;
  }
  setCallerHearsSupervisor(on: boolean): void {
    this.callerHearsSupervisor = on;
  }
  close(): void {
    this.closed = true;
  }
}

const line = (lineId: string, over: Partial<LineMedia> = {}): LineMedia =>
  ({ lineId, track: { id: `${lineId}-mic` }, audio: { muted: false }, remote: { id: `${lineId}-far` }, muted: false, held: false, ...over }) as unknown as LineMedia;

function setup(lines: LineMedia[], conference: string[] = []) {
  const byId = new Map(lines.map((l) => [l.lineId, l]));
  const mixes: RecordingMix[] = [];
  const pointed: string[][] = [];
  const legs = new MonitorLegs({
    line: (id) => byId.get(id),
    pointSenders: async (ls) => void pointed.push(ls.map((l) => l?.lineId ?? '-')),
    inConference: (id) => conference.includes(id),
    createMix: () => {
      const mix = new RecordingMix();
      mixes.push(mix);
      return mix as unknown as MonitorMix;
    },
  });
  return { legs, byId, mixes, pointed };
}

describe('monitor legs (a supervisor’s monitor call mixed with the agent’s call)', () => {
  it('listen: the supervisor hears caller and agent, nobody hears the supervisor, the call sends its plain microphone', async () => {
    const { legs, byId, mixes, pointed } = setup([line('call'), line('spy')]);
    await legs.set('spy', 'call', 'listen');
    const [mix] = mixes;
    expect(mix).toMatchObject({ mic: byId.get('call')!.track, caller: byId.get('call')!.remote, supervisor: byId.get('spy')!.remote, callerHearsSupervisor: false });
    expect(byId.get('spy')!.audio.muted).toBe(true);
    expect(legs.sendTrack('spy')).toBe(mix!.supervisorTrack);
    expect(legs.sendTrack('call')).toBeNull();
    expect(pointed).toEqual([['call', 'spy']]);
    expect(legs.snapshot()).toEqual({ spy: { target: 'call', mode: 'listen' } });
  });

  it('whisper: the agent hears the supervisor; barge: the caller too, through the mix the call then sends', async () => {
    const { legs, byId, mixes } = setup([line('call'), line('spy')]);
    await legs.set('spy', 'call', 'whisper');
    expect([byId.get('spy')!.audio.muted, mixes[0]!.callerHearsSupervisor, legs.sendTrack('call')]).toEqual([false, false, null]);
    await legs.set('spy', 'call', 'barge');
    expect([byId.get('spy')!.audio.muted, mixes[0]!.callerHearsSupervisor, legs.sendTrack('call')]).toEqual([false, true, mixes[0]!.callerTrack]);
    expect(mixes).toHaveLength(1);
  });

  it('a held call hears nobody, and hears the supervisor again when taken off hold', async () => {
    const call = line('call');
    const { legs, mixes } = setup([call, line('spy')]);
    await legs.set('spy', 'call', 'barge');
    call.held = true;
    legs.holdChanged('call');
    expect(mixes[0]!.callerHearsSupervisor).toBe(false);
    call.held = false;
    legs.holdChanged('call');
    expect(mixes[0]!.callerHearsSupervisor).toBe(true);
  });

  it('wires lines whose media arrives after the mode (a reload), and follows a new microphone or far end', async () => {
    const { legs, byId, mixes } = setup([]);
    await legs.set('spy', 'call', 'listen');
    const spy = line('spy', { remote: null });
    byId.set('spy', spy);
    legs.lineAdded(spy);
    expect(spy.audio.muted).toBe(true);
    const call = line('call');
    byId.set('call', call);
    legs.lineAdded(call);
    expect(mixes[0]).toMatchObject({ mic: call.track, caller: call.remote });
    const voice = { id: 'carol' } as MediaStream;
    legs.remoteChanged('spy', voice);
    expect(mixes[0]!.supervisor).toBe(voice);
    call.track = { id: 'headset' } as MediaStreamTrack;
    legs.microphoneChanged();
    expect(mixes[0]!.mic).toBe(call.track);
  });

  it('either line closing ends the mix and gives the call its own microphone back', async () => {
    for (const closing of ['call', 'spy']) {
      const { legs, mixes, pointed } = setup([line('call'), line('spy')]);
      await legs.set('spy', 'call', 'barge');
      legs.lineClosing(closing);
      await flush();
      expect(legs.snapshot()).toEqual({});
      expect(legs.sendTrack('call')).toBeNull();
      expect(pointed.at(-1)).toEqual(['call']);
      expect(mixes[0]!.closed).toBe(true);
    }
  });

  it('refuses a call in a conference, and a second call for the same monitor leg', async () => {
    const { legs } = setup([line('call'), line('other'), line('spy')], ['call']);
    await expect(legs.set('spy', 'call', 'listen')).rejects.toThrow('A call in a conference cannot be monitored.');
    await legs.set('spy', 'other', 'listen');
    await expect(legs.set('spy', 'call2', 'listen')).rejects.toThrow('This monitor call already monitors another call.');
  });
});
