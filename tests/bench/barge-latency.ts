// node tests/bench/barge-latency.ts [--tries N]   (npm run bench:barge)
//
// Barge latency: a supervisor's hotkey press (Alt+B) until the supervisor's audio is present at
// the caller. Three headless Chromium consoles through Kamailio, as in
// tests/e2e/supervisor-monitor.test.ts: Bob (caller, speech), Alice (agent, a pure 1400 Hz tone)
// and Carol (supervisor, a pure 1 kHz tone) monitoring Alice's call in listen mode. Bob hears only
// tones, so nothing in his audio can pass for the one waited for (a voice's harmonic can).
//   barge:    Carol's keydown (timestamped in her page) → console RPC → SIP INFO through Kamailio
//             → Alice's core → media request → gain change in Alice's console → WebRTC → the 1 kHz
//             tone detected in what Bob's console plays.
//   baseline: the same measurement for Alice un-muting her own microphone (Alt+M): keydown → RPC
//             → core → media request → track enabled → WebRTC → her 1400 Hz tone detected at Bob.
//             Same consoles and hub, Carol listening, interleaved try by try.
//   plain:    the same un-mute before Carol monitors: what the console and WebRTC take without
//             any monitoring in place.
// Detection in Bob's page (installDetector): Goertzel every 256 samples (ScriptProcessor), a pure
// tone only (3× its neighbours ±100 Hz), confirmed over 2048 samples and
// dated back to its onset over 512. Wall-clock stamps are performance.timeOrigin +
// performance.now() in each page (one machine, one clock). Also printed: how much of the barge
// time is signalling (keydown → the gain change applied in Alice's console).
// Where the rest goes (tests/bench/barge-probes.ts, instruments in the pages, no guesses): for each
// try, when the first packet with the new audio leaves Bob's jitter buffer (the RFC 6464 audio
// level the sender puts on each packet, read through RTCRtpSynchronizationSource at delivery:
// audible after silence for an un-mute, 2 dB louder for a barge), Bob's jitter-buffer delay,
// NetEq's target and the playout delay over the try (getStats inbound-rtp / media-playout), the
// packet duration Alice actually sends and the a=ptime Bob's SDP asked for. "key → out at Bob's
// speaker" adds the browser's own playout delay to the delivery: what the caller hears, without
// the detector's WebAudio path (which takes longer than the playout device here). Each page is
// reloaded once after sign-in with those instruments installed (the seat stays registered).
// --tries per measurement (default 24, the first 2 discarded as warm-up). Goal: barge p95 ≤ 100 ms.
// --ptime N: the pages apply every remote description with a=ptime:N instead of what the consoles
// asked for (20 = Opus's default, what the consoles sent before they asked for 10): a before/after
// comparison in one build, under the same load.
// Re-executes itself in a private network namespace (loopback only).
import { existsSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { contextLatency, instrumentPage, receiveTotals, recordDeliveries, sendTotals, type Instrumented, type ReceiveTotals } from './barge-probes.ts';
import { ensurePrivateNetns } from './netns-exec.ts';
import { createSeatAgent, openConsolePage } from '../support/console-page.ts';
import { startHub, type Hub } from '../support/hub.ts';
import { startKamailio, type Kamailio } from '../support/kamailio.ts';
import { goertzelAmplitude } from '../support/page-audio.ts';
import { repoRoot, sleep } from '../support/proc.ts';
import { speechWav } from '../support/speech.ts';
import { toneWav } from '../support/tone-wav.ts';
import { intArg, percentile } from './bench-args.ts';

await ensurePrivateNetns();

const TRIES = intArg('--tries', 24);
const PTIME = process.argv.includes('--ptime') ? intArg('--ptime', 20) : null;
const WARMUP = 2;
const GOAL_P95_MS = 100;
const SUPERVISOR = 1000;
const AGENT = 1400;
const PRESENT = 0.02;
const ABSENT = 0.01;
/** RFC 6464 level (0..1) that counts as audible in a delivered packet; a muted track sends 0. */
const AUDIBLE_LEVEL = 0.01;
/** A barge adds the supervisor's tone to the agent's: the level rises by 2 dB or more (it is sent in whole dB). */
const RISE = 10 ** (2 / 20);

const ms = (v: number | null): string => (v === null ? '?' : `${v.toFixed(0)} ms`);

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) newest = Math.max(newest, statSync(join(e.parentPath, e.name)).mtimeMs);
  return newest;
}

const built = join(repoRoot, 'out', 'renderer', 'index.html');
if (!existsSync(built) || statSync(built).mtimeMs < Math.max(newestMtime(join(repoRoot, 'renderer')), newestMtime(join(repoRoot, 'shared')))) {
  console.error('bench:barge: the console build (out/renderer) is missing or older than renderer/ or shared/: run `npm run build:web` (or any `npm test`) first.');
  process.exit(1);
}

/**
 * Installs the tone detector in Bob's page (runs there; no closures over this module). Every 256
 * samples it looks at the tone in the last 2048 (confident) and in the last 512 (sharp in time).
 * A tone counts only when it is pure: far above its neighbours ±100 Hz.
 * Once it has been confidently present for 3 hops, the onset is dated back to the first of the
 * contiguous sharp windows that already held it (their middle), so the figure is when the tone
 * arrived, not when the detector became sure.
 */
function installDetector(goertzel: (s: ArrayLike<number>, rate: number, f: number) => number, present: number, absent: number, frequency: number): void {
  const w = window as unknown as { __detector?: { state: typeof state; close(): void; arm(): void } };
  w.__detector?.close();
  const state = { frequency, armedAt: 0, detectedAt: 0, run: 0, quietSince: 0 };
  const ctx = new AudioContext({ latencyHint: 0, sampleRate: 48_000 });
  void ctx.resume();
  const sink = ctx.createGain();
  sink.gain.value = 0;
  sink.connect(ctx.destination);
  const processor = ctx.createScriptProcessor(256, 1, 1);
  processor.connect(sink);
  const ring = new Float32Array(2048);
  let filled = 0;
  /** Per hop: when, and whether the last 512 samples held the pure tone. */
  const history: { at: number; sharp: boolean }[] = [];
  const pure = (samples: Float32Array, f: number, floor: number): boolean => {
    const amp = goertzel(samples, ctx.sampleRate, f);
    return amp > floor && amp > 3 * Math.max(goertzel(samples, ctx.sampleRate, f - 100), goertzel(samples, ctx.sampleRate, f + 100));
  };
  for (const el of document.querySelectorAll('audio')) {
    if (el.srcObject instanceof MediaStream && el.srcObject.getAudioTracks().length > 0 && !el.muted) ctx.createMediaStreamSource(el.srcObject).connect(processor);
  }
  processor.onaudioprocess = (event) => {
    const now = performance.timeOrigin + performance.now();
    const input = event.inputBuffer.getChannelData(0);
    ring.copyWithin(0, input.length);
    ring.set(input, ring.length - input.length);
    filled = Math.min(ring.length, filled + input.length);
    if (filled < ring.length) return;
    const f = state.frequency;
    const amp = goertzel(ring, ctx.sampleRate, f);
    state.quietSince = amp < absent ? state.quietSince || now : 0;
    history.push({ at: now, sharp: pure(ring.subarray(ring.length - 512), f, present / 2) });
    if (history.length > 64) history.shift();
    if (state.armedAt === 0 || state.detectedAt !== 0) return;
    state.run = pure(ring, f, present) ? state.run + 1 : 0;
    if (state.run < 3) return;
    let first = history.length - 1;
    while (first > 0 && history[first - 1]!.sharp && history[first - 1]!.at > state.armedAt) first -= 1;
    // The middle of that 512-sample window.
    state.detectedAt = history[first]!.at - (256 / ctx.sampleRate) * 1000;
  };
  w.__detector = {
    state,
    close: () => void ctx.close(),
    arm() {
      state.armedAt = performance.timeOrigin + performance.now();
      state.detectedAt = 0;
      state.run = 0;
    },
  };
}

/** Timestamps the next keydown in the page (capture phase, before the console's own handlers). */
function stampNextKey(): void {
  const w = window as unknown as { __keyAt?: number };
  w.__keyAt = 0;
  window.addEventListener('keydown', () => (w.__keyAt = performance.timeOrigin + performance.now()), { capture: true, once: true });
}

type DetectorState = { detectedAt: number; quietSince: number };
const detector = (bob: Page): Promise<DetectorState> => bob.evaluate(() => (window as unknown as { __detector: { state: DetectorState } }).__detector.state);

async function until<T>(what: string, probe: () => Promise<T | null | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** One try, in ms from the keydown (stages null where not measured). */
interface Try {
  total: number;
  /** The agent's console applied the change (track enabled / monitor element un-muted). */
  applied: number | null;
  /** The monitored call's sender carries the mix (barge). */
  replaced: number | null;
  /** The first packet carrying the new audio left Bob's jitter buffer: audible after silence (un-mute), or louder than before the key (barge). */
  delivered: number | null;
  /** Bob's mean jitter-buffer delay, NetEq's target for it, and the playout delay over the try. */
  jitterBuffer: number | null;
  jitterTarget: number | null;
  playout: number | null;
}

const perSample = (delay: number, count: number): number | null => (count > 0 ? (delay / count) * 1000 : null);

/**
 * One try: press `key` in `page` once `frequency` has been absent at Bob for a while; ms from
 * keydown to the tone at Bob, and the stages in between. A fresh detector each time: a
 * long-running audio context's input buffering from a remote track creeps up, and would be
 * measured as latency. `applied` names the setter stamp in Alice's page that marks her console
 * applying the change.
 */
async function measure(bob: Page, alice: Page, page: Page, key: string, frequency: number, applied: '__enabledAt' | '__unmutedAt'): Promise<Try> {
  await bob.evaluate(`(${installDetector.toString()})(${goertzelAmplitude.toString()}, ${PRESENT}, ${ABSENT}, ${frequency})`);
  await until(`${frequency} Hz absent at Bob`, async () => {
    const s = await detector(bob);
    return s.quietSince !== 0 && performance.timeOrigin + performance.now() - s.quietSince > 300;
  });
  await bob.evaluate(() => (window as unknown as { __detector: { arm(): void } }).__detector.arm());
  const unmute = applied === '__enabledAt';
  await bob.evaluate(recordDeliveries);
  const before = await bob.evaluate(receiveTotals);
  await alice.evaluate(() => {
    const w = window as unknown as Instrumented;
    w.__enabledAt = w.__unmutedAt = w.__replacedAt = 0;
  });
  await page.evaluate(stampNextKey);
  await page.keyboard.press(key);
  const detectedAt = await until(`${frequency} Hz at Bob`, async () => (await detector(bob)).detectedAt || null, 5000);
  const keyAt = await page.evaluate(() => (window as unknown as { __keyAt: number }).__keyAt);
  if (!keyAt) throw new Error(`no keydown seen for ${key}`);
  const after = await bob.evaluate(receiveTotals);
  const stamps = await alice.evaluate(() => {
    const w = window as unknown as Instrumented;
    return { enabled: w.__enabledAt, unmuted: w.__unmutedAt, replaced: w.__replacedAt };
  });
  const deliveries = await bob.evaluate(() => {
    const w = window as unknown as Instrumented;
    const entries = w.__deliveries;
    w.__deliveries = [];
    return entries;
  });
  const levelBefore = Math.max(0, ...deliveries.filter(([at]) => at < keyAt).map(([, level]) => level));
  const deliveredAt = deliveries.find(([at, level]) => at > keyAt && level >= Math.max(AUDIBLE_LEVEL, levelBefore * RISE))?.[0] ?? 0;
  const since = (at: number): number | null => (at ? at - keyAt : null);
  const delta = (k: keyof ReceiveTotals): number => (after && before ? after[k] - before[k] : 0);
  return {
    total: detectedAt - keyAt,
    applied: since(unmute ? stamps.enabled : stamps.unmuted),
    replaced: unmute ? null : since(stamps.replaced),
    delivered: since(deliveredAt),
    jitterBuffer: perSample(delta('jitterBufferDelay'), delta('jitterBufferEmittedCount')),
    jitterTarget: perSample(delta('jitterBufferTargetDelay'), delta('jitterBufferEmittedCount')),
    playout: perSample(delta('totalPlayoutDelay'), delta('totalSamplesCount')),
  };
}

/** Opens a console and reloads it once with the instruments in place (the session cookie keeps it signed in). */
async function openInstrumented(hub: Hub, login: string, wav: string, browsers: Browser[]): Promise<Page> {
  const { browser, page } = await openConsolePage(hub, login, { wav });
  browsers.push(browser);
  await page.context().addInitScript(instrumentPage, PTIME);
  await page.reload();
  await page.locator('[data-testid="registration-status"][data-state="registered"]').waitFor({ timeout: 20_000 });
  return page;
}

let pbx: Kamailio | null = null;
let hub: Hub | null = null;
const browsers: Browser[] = [];
try {
  pbx = await startKamailio();
  hub = await startHub();
  const h = hub;
  await createSeatAgent(h, pbx.wsUrl, 'alice', { name: 'Alice Agent', extension: '101' });
  await createSeatAgent(h, pbx.wsUrl, 'bob', { name: 'Bob Caller', extension: '102' });
  await createSeatAgent(h, pbx.wsUrl, 'carol', { name: 'Carol Supervisor', extension: '103', role: 'supervisor' });
  const open = (login: string, wav: string): Promise<Page> => openInstrumented(h, login, wav, browsers);
  const bob = await open('bob', speechWav('This is Bob, the customer. I would like to talk about my invoice, please.', 'en-gb'));
  const alice = await open('alice', toneWav(AGENT));
  const carol = await open('carol', toneWav(SUPERVISOR));

  await bob.getByTestId('dial-input').fill('alice');
  await bob.getByTestId('dial-call').click();
  await alice.getByTestId('toast-answer').click({ timeout: 10_000 });
  const aliceCard = alice.locator('[data-testid="line-card"][data-state="talking"]');
  await aliceCard.waitFor({ timeout: 15_000 });
  await bob.locator('[data-testid="line-card"][data-state="talking"]').waitFor({ timeout: 15_000 });
  const sid = await aliceCard.getAttribute('data-call-sid');
  const sentFrom = await alice.evaluate(sendTotals);
  const plain: Try[] = [];
  for (let i = 0; i < TRIES; i++) {
    await alice.keyboard.press('Alt+M');
    await alice.locator('[data-testid="line-card"][data-muted="true"]').waitFor();
    plain.push(await measure(bob, alice, alice, 'Alt+M', AGENT, '__enabledAt'));
    await alice.locator('[data-testid="line-card"][data-muted="false"]').waitFor();
  }
  console.log(`plain un-mute (no monitoring): ${plain.map((t) => t.total.toFixed(0)).join(' ')} ms`);

  await carol.keyboard.press('Alt+2');
  await carol.locator(`[data-testid="live-call-row"][data-call-sid="${sid}"]`).click({ timeout: 10_000 });
  const controls = carol.getByTestId('monitor-controls');
  await carol.getByTestId('monitor-listen').click();
  await controls.and(carol.locator('[data-mode="listen"][data-phase="active"]')).waitFor({ timeout: 10_000 });

  const barge: Try[] = [];
  const unmute: Try[] = [];
  for (let i = 0; i < TRIES; i++) {
    // Barge: from listen, Alt+B at Carol's console.
    barge.push(await measure(bob, alice, carol, 'Alt+B', SUPERVISOR, '__unmutedAt'));
    await controls.and(carol.locator('[data-mode="barge"]')).waitFor();
    await carol.keyboard.press('Alt+L');
    await controls.and(carol.locator('[data-mode="listen"]')).waitFor();
    // Baseline: Alice muted, then Alt+M at her console un-mutes.
    await alice.keyboard.press('Alt+M');
    await alice.locator('[data-testid="line-card"][data-muted="true"]').waitFor();
    unmute.push(await measure(bob, alice, alice, 'Alt+M', AGENT, '__enabledAt'));
    await alice.locator('[data-testid="line-card"][data-muted="false"]').waitFor();
    const b = barge.at(-1)!;
    const u = unmute.at(-1)!;
    console.log(`try ${i + 1}/${TRIES}: barge ${b.total.toFixed(0)} ms (gain applied after ${ms(b.applied)}, mix sent after ${ms(b.replaced)}, out of Bob's jitter buffer after ${ms(b.delivered)}), un-mute ${u.total.toFixed(0)} ms (out of Bob's jitter buffer after ${ms(u.delivered)})`);
  }
  const sentTo = await alice.evaluate(sendTotals);
  const latency = await bob.evaluate(contextLatency);

  const b = barge.slice(WARMUP);
  const u = unmute.slice(WARMUP);
  const p = plain.slice(WARMUP);
  const totals = (tries: Try[]): number[] => tries.map((t) => t.total);
  const stage = (tries: Try[], pick: (t: Try) => number | null): number[] => tries.map(pick).filter((v): v is number => v !== null);
  const row = (name: string, v: number[]) => `${name.padEnd(52)} p50 ${percentile(v, 50).toFixed(1).padStart(6)} ms   p95 ${percentile(v, 95).toFixed(1).padStart(6)} ms   (n=${v.length})`;
  console.log('\nbarge latency: hotkey → supervisor audio present at the caller (Chromium ×3, Kamailio, loopback)');
  console.log(row('barge (Alt+B, SIP INFO, gain)', totals(b)));
  console.log(row('  of which: key → gain in agent console', stage(b, (t) => t.applied)));
  console.log(row('            key → agent sends the mix', stage(b, (t) => t.replaced)));
  console.log(row('baseline: agent un-mute (Alt+M)', totals(u)));
  console.log(row('  plain un-mute, not monitored', totals(p)));
  console.log(`${'ratio barge / baseline'.padEnd(52)} p50 ${(percentile(totals(b), 50) / percentile(totals(u), 50)).toFixed(2)}×   p95 ${(percentile(totals(b), 95) / percentile(totals(u), 95)).toFixed(2)}×`);
  const split = (t: Try, from: number | null, to: number | null): number | null => (from !== null && to !== null ? to - from : null);
  const stages = (what: string, tries: Try[], applied: string): void => {
    console.log(`\nwhere ${what}'s time goes (per try):`);
    console.log(row(`  key → ${applied}`, stage(tries, (t) => t.applied)));
    console.log(row('  then → new audio out of Bob\'s jitter buffer', stage(tries, (t) => split(t, t.applied, t.delivered))));
    console.log(row('    of which Bob\'s jitter buffer (mean, getStats)', stage(tries, (t) => t.jitterBuffer)));
    console.log(row('      (NetEq\'s target for it, adapted to jitter)', stage(tries, (t) => t.jitterTarget)));
    console.log(row('    ≈ the rest: capture, Opus frame, send', stage(tries, (t) => (t.jitterBuffer === null ? null : split(t, t.applied, t.delivered)! - t.jitterBuffer))));
    console.log(row('  out of jitter buffer → detected (detector path)', stage(tries, (t) => split(t, t.delivered, t.total))));
    console.log(row('  Bob\'s playout delay (media-playout)', stage(tries, (t) => t.playout)));
    console.log(row('  key → out at Bob\'s speaker (delivery + playout)', stage(tries, (t) => (t.delivered === null || t.playout === null ? null : t.delivered + t.playout))));
  };
  stages('a barge', b, 'gain in agent console');
  // The un-mutes take the same media path from Alice's microphone, without the mix.
  stages('an un-mute (monitored and plain)', [...u, ...p], 'track enabled in agent console');
  const msPerPacket = sentTo.packetsSent > sentFrom.packetsSent ? (sentTo.at - sentFrom.at) / (sentTo.packetsSent - sentFrom.packetsSent) : NaN;
  console.log(`  Alice sends a packet every ${msPerPacket.toFixed(1)} ms (Bob's SDP asked for a=ptime: ${sentTo.askedPtime}${PTIME === null ? '' : `, set by --ptime ${PTIME}`}); detector AudioContext base ${latency.base.toFixed(1)} ms, output ${latency.output.toFixed(1)} ms (device ${latency.deviceRate} Hz)`);
  const p95 = percentile(totals(b), 95);
  console.log(`goal: barge p95 ≤ ${GOAL_P95_MS} ms → ${p95 <= GOAL_P95_MS ? 'met' : 'NOT met'} (${p95.toFixed(1)} ms)`);
} finally {
  for (const br of browsers) await br.close().catch(() => undefined);
  await hub?.dispose();
  await pbx?.stop();
}
