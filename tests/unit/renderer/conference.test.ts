import { describe, expect, it } from 'vitest';
import { initialLine, type LineState } from '../../../shared/sip/line-state.ts';
import { buildConferenceGraph, planMix } from '../../../renderer/src/media/conference-mix.ts';
import { conferenceBroken, conferencePartner, createConferenceStore } from '../../../renderer/src/state/conference.store.ts';
import { createLinesStore } from '../../../renderer/src/state/lines.store.ts';
import { FakeCoreClient, flush, makeAgent } from './fake-core-client.ts';

const AT = '2026-03-04T10:00:00.000Z';

function line(id: string, over: Partial<LineState> = {}): LineState {
  return {
    ...initialLine({ line_id: id, call_sid: `CA${id}`, direction: 'outbound', remote: { uri: `sip:${id}@pbx.lan`, display: id }, at: AT }),
    state: 'talking',
    ...over,
  };
}

const feeds = (plan: ReturnType<typeof planMix>) => Object.fromEntries([...plan].map(([id, f]) => [id, f]));

describe('conference mix plan', () => {
  it('sends each far end the agent and the other far end, never itself', () => {
    const plan = planMix([
      { lineId: 'bob', muted: false, hasRemote: true },
      { lineId: 'carol', muted: false, hasRemote: true },
    ]);
    expect(feeds(plan)).toEqual({ bob: { mic: true, remotes: ['carol'] }, carol: { mic: true, remotes: ['bob'] } });
  });

  it('a muted line gets only the other party; a far end not yet heard feeds nobody', () => {
    const plan = planMix([
      { lineId: 'bob', muted: true, hasRemote: true },
      { lineId: 'carol', muted: false, hasRemote: false },
    ]);
    expect(feeds(plan)).toEqual({ bob: { mic: false, remotes: [] }, carol: { mic: true, remotes: ['bob'] } });
  });

  it('mixes nothing for fewer than two lines, and scales to more', () => {
    expect(planMix([{ lineId: 'bob', muted: false, hasRemote: true }]).size).toBe(0);
    const plan = planMix(['a', 'b', 'c'].map((lineId) => ({ lineId, muted: false, hasRemote: true })));
    expect(plan.get('b')?.remotes).toEqual(['a', 'c']);
  });
});

/** A WebAudio stand-in that records the graph's wiring. */
class FakeNode {
  readonly out = new Set<FakeNode>();
  readonly name: string;
  constructor(name: string) {
    this.name = name;
  }
  connect(to: FakeNode): FakeNode {
    this.out.add(to);
    return to;
  }
  disconnect(): void {
    this.out.clear();
  }
}
class FakeGain extends FakeNode {
  gain = { value: 1, setValueAtTime: (v: number) => void (this.gain.value = v) };
}
class FakeDest extends FakeNode {
  channelCount = 2;
  readonly track = { kind: 'audio', stopped: false, stop: () => void (this.track.stopped = true) };
  readonly stream = { getAudioTracks: () => [this.track], getTracks: () => [this.track] };
}
class FakeContext {
  currentTime = 0;
  closed = false;
  dests: FakeDest[] = [];
  resume = async () => undefined;
  close = async () => void (this.closed = true);
  createMediaStreamSource = (s: { id: string }) => new FakeNode(`src:${s.id}`);
  createGain = () => new FakeGain('gain');
  createMediaStreamDestination = () => {
    const d = new FakeDest(`dest${this.dests.length}`);
    this.dests.push(d);
    return d;
  };
}
const stream = (id: string) => ({ id, getAudioTracks: () => [{ id }] }) as unknown as MediaStream;

/** Source names that reach `dest` (directly or through a gain that is open). */
function feedsOf(ctx: FakeContext, dest: FakeDest, nodes: FakeNode[]): string[] {
  const reach = (n: FakeNode): boolean => n.out.has(dest) || [...n.out].some((m) => m instanceof FakeGain && m.gain.value > 0 && reach(m));
  return nodes.filter(reach).map((n) => n.name).sort();
}

describe('conference graph', () => {
  it('wires mic + the other far end into each line’s destination, and mute closes the mic gain', () => {
    const ctx = new FakeContext();
    const sources: FakeNode[] = [];
    const orig = ctx.createMediaStreamSource;
    ctx.createMediaStreamSource = (s) => {
      const n = orig(s);
      sources.push(n);
      return n;
    };
    const graph = buildConferenceGraph(
      stream('mic'),
      [
        { lineId: 'bob', muted: false, remote: stream('bob') },
        { lineId: 'carol', muted: false, remote: stream('carol') },
      ],
      () => ctx as unknown as AudioContext,
    );
    const [bobDest, carolDest] = ctx.dests as [FakeDest, FakeDest];
    expect(graph.trackFor('bob')).toBe(bobDest.track);
    expect(graph.trackFor('carol')).toBe(carolDest.track);
    expect(graph.trackFor('nobody')).toBeNull();
    expect(feedsOf(ctx, bobDest, sources)).toEqual(['src:carol', 'src:mic']);
    expect(feedsOf(ctx, carolDest, sources)).toEqual(['src:bob', 'src:mic']);
    expect([...graph.wiredRemotes].sort()).toEqual(['bob', 'carol']);

    graph.setMuted('bob', true);
    expect(feedsOf(ctx, bobDest, sources)).toEqual(['src:carol']);
    expect(feedsOf(ctx, carolDest, sources)).toEqual(['src:bob', 'src:mic']);

    graph.close();
    expect(ctx.closed).toBe(true);
    expect(bobDest.track.stopped).toBe(true);
  });
});

describe('conference partner and end', () => {
  it('joins with the newest other established call', () => {
    const lines = [line('a', { state: 'on-hold', held: true }), line('b'), line('c', { state: 'incoming', direction: 'inbound' })];
    expect(conferencePartner(lines, 'b')?.line_id).toBe('a');
    expect(conferencePartner(lines, 'a')?.line_id).toBe('b');
    expect(conferencePartner(lines, 'c')).toBeNull();
    expect(conferencePartner([line('a')], 'a')).toBeNull();
    expect(conferencePartner([line('a'), line('b', { state: 'ended' })], 'a')).toBeNull();
  });

  it('breaks when a leg ends, disappears or is newly held', () => {
    const prev = [line('a'), line('b')];
    expect(conferenceBroken(['a', 'b'], prev, prev)).toBe(false);
    expect(conferenceBroken(['a', 'b'], [line('a'), line('b', { state: 'ended' })], prev)).toBe(true);
    expect(conferenceBroken(['a', 'b'], [line('a')], prev)).toBe(true);
    expect(conferenceBroken(['a', 'b'], [line('a'), line('b', { pending: 'hold' })], prev)).toBe(true);
    expect(conferenceBroken(['a', 'b'], [line('a'), line('b', { state: 'on-hold', held: true })], prev)).toBe(true);
    // Still held from before the join (the resume is on its way): not a break.
    const held = [line('a'), line('b', { state: 'on-hold', held: true })];
    expect(conferenceBroken(['a', 'b'], held, held)).toBe(false);
  });
});

describe('conference store', () => {
  async function twoCalls() {
    const client = new FakeCoreClient();
    client.addUser('alice', 'alicepw123', makeAgent({ id: 1 }));
    await client.call('login', { username: 'alice', password: 'alicepw123' });
    const lines = createLinesStore(client, { agentId: () => 1 });
    const conference = createConferenceStore(client, lines);
    const bob = await lines.getState().dial('bob');
    client.lineEvent(bob!.line_id, { type: 'accepted', at: AT });
    const carol = await lines.getState().dial('carol');
    client.lineEvent(carol!.line_id, { type: 'accepted', at: AT });
    await flush();
    return { client, lines, conference, bob: bob!.line_id, carol: carol!.line_id };
  }

  it('resumes the held leg without holding the other, and marks both lines joined', async () => {
    const { client, lines, conference, bob, carol } = await twoCalls();
    expect(lines.getState().lines.find((l) => l.line_id === bob)?.held).toBe(true);
    const before = client.requests.length;
    await conference.getState().start(carol);
    expect(client.requests.slice(before)).toEqual([{ method: 'hold', arg: { line_id: bob, on: false } }]);
    expect(conference.getState().members).toEqual([carol, bob]);
    expect(lines.getState().lines.every((l) => l.state === 'talking')).toBe(true);
  });

  it('ends when a leg hangs up; split keeps one line and holds the other', async () => {
    const { client, lines, conference, bob, carol } = await twoCalls();
    await conference.getState().start(carol);
    client.lineEvent(bob, { type: 'hangup-remote', at: AT });
    expect(conference.getState().members).toBeNull();

    const { conference: c2, lines: l2, bob: b2, carol: k2 } = await twoCalls();
    await c2.getState().start(k2);
    await c2.getState().split(k2);
    expect(c2.getState().members).toBeNull();
    expect(l2.getState().lines.find((l) => l.line_id === b2)?.held).toBe(true);
    expect(l2.getState().lines.find((l) => l.line_id === k2)?.state).toBe('talking');
    expect(lines).toBeDefined();
  });

  it('ends when the agent places a new call (the legs go on hold)', async () => {
    const { lines, conference, carol } = await twoCalls();
    await conference.getState().start(carol);
    await lines.getState().dial('dave');
    expect(conference.getState().members).toBeNull();
  });
});
