// node tests/bench/transcript-latency.ts [--segments N] [--delay MS]   (also run by `npm run bench`)
//
// Live transcript latency: a segment submitted by one console (agent alice, on a call through
// Kamailio to a SIPp UAS) until its `transcript.segment` reaches ANOTHER console's event socket
// (an admin's /console/events), against the OpenAI emulator answering after a fixed
// --delay (default 200 ms) — the stand-in for the model's own time.
//   baseline: a bare HTTP POST of the same WAV (multipart, same model and stream flag) from this
//             process to the same emulator, round trip; measured interleaved with Earshot's.
//   overhead: latency − delay — what Earshot adds (console HTTP, WAV check, queue, SDK upload,
//             store, fan-out; the durable spool write runs beside the request). Goal: ≤ 50 ms p95.
//   Also printed: how long submitSegment takes to answer (the segment fsynced to the spool).
// Two phases: whisper-1 (one JSON answer) and gpt-4o-mini-transcribe (streamed answer with
// partial text). --segments per phase (default 60, the first 5 discarded as warm-up), one at a
// time, so nothing queues. Re-executes itself in a private network namespace (loopback only).
import { ensurePrivateNetns } from './netns-exec.ts';
import { placeCall, segmentOf, startRig, tapEvents, type Rig } from '../integration/transcription/transcript-rig.ts';
import { toneWav } from '../support/openai-emulator/index.ts';
import { intArg, percentile } from './bench-args.ts';

await ensurePrivateNetns();

const SEGMENTS = intArg('--segments', 60);
const DELAY_MS = intArg('--delay', 200);
const WARMUP = 5;
const GOAL_P95_MS = 50;

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—');

/** A bare multipart POST of `wav` to the emulator, read to the end: the baseline round trip. */
async function barePost(rig: Rig, wav: Buffer, model: string, stream: boolean): Promise<number> {
  const form = new FormData();
  form.set('file', new Blob([new Uint8Array(wav)], { type: 'audio/wav' }), 'segment.wav');
  form.set('model', model);
  form.set('response_format', 'json');
  if (stream) form.set('stream', 'true');
  const t0 = performance.now();
  const res = await fetch(`${rig.emu.baseURL}/audio/transcriptions`, { method: 'POST', headers: { authorization: `Bearer ${rig.emu.apiKey}` }, body: form });
  await res.text();
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`baseline POST answered ${res.status}`);
  return ms;
}

interface Phase {
  model: string;
  stream: boolean;
  earshot: number[];
  baseline: number[];
  /** submitSegment's answer: the segment is on disk (fsynced). */
  ack: number[];
}

async function runPhase(rig: Rig, adminCookie: string, model: string, stream: boolean, toneBase: number): Promise<Phase> {
  const admin = rpcAs(rig, adminCookie);
  await admin('setAiSettings', { transcription_model: model });
  const observer = await tapEvents(`${rig.hub.url.replace(/^http/, 'ws')}/console/events`, { cookie: adminCookie });
  const call = await placeCall(rig);
  const phase: Phase = { model, stream, earshot: [], baseline: [], ack: [] };
  try {
    for (let i = 0; i < SEGMENTS + WARMUP; i++) {
      const wav = toneWav({ seconds: 1, frequency: toneBase + i });
      rig.emu.setTranscript(wav, `Segment ${i} of the ${model} phase, spoken by the caller.`);
      const base = await barePost(rig, wav, model, stream);

      const key = `bench-${model}-${i}`;
      const t0 = performance.now();
      await rig.alice.call('submitSegment', segmentOf(call, i % 2 === 0 ? 'remote' : 'local', key, 1_000 + i * 1_500, wav));
      const ack = performance.now() - t0;
      await observer.waitFor((e) => e.type === 'transcript.segment' && e.segment.segment_key === key, `${key} on the admin's socket`, 30_000);
      const index = observer.events.findIndex((e) => e.event.type === 'transcript.segment' && e.event.segment.segment_key === key);
      const ours = observer.receivedAt[index]! - t0;
      if (i < WARMUP) continue;
      phase.baseline.push(base);
      phase.earshot.push(ours);
      phase.ack.push(ack);
    }
  } finally {
    observer.close();
    await call.hangUp().catch(() => call.uas.stop());
  }
  return phase;
}

function rpcAs(rig: Rig, cookie: string) {
  return async (method: string, arg: unknown) => {
    const res = await fetch(`${rig.hub.url}/console/rpc/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(arg) });
    const body = await res.json();
    if (res.status !== 200) throw new Error(`${method}: ${res.status} ${JSON.stringify(body)}`);
    return body;
  };
}

async function signInAdmin(rig: Rig): Promise<string> {
  const created = await rig.api('/api/v1/agents', { body: { name: 'Ada Admin', role: 'admin', login: { username: 'ada', password: 'ada-console' } } });
  if (created.status !== 201) throw new Error(`admin: ${created.status} ${JSON.stringify(created.body)}`);
  const login = await fetch(`${rig.hub.url}/console/rpc/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'ada', password: 'ada-console' }) });
  if (login.status !== 200) throw new Error(`admin login: ${login.status}`);
  return login.headers.get('set-cookie')!.split(';')[0]!;
}

function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  rows.forEach((r, i) => {
    console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  });
}

async function main(): Promise<void> {
  console.log(`transcript latency: ${SEGMENTS} segments per phase (+${WARMUP} warm-up), 1 s WAV each, emulator delay ${DELAY_MS} ms`);
  const rig = await startRig({ streamGapMs: 1 });
  try {
    rig.emu.delay(DELAY_MS, '/v1/audio/transcriptions');
    const cookie = await signInAdmin(rig);
    const phases = [await runPhase(rig, cookie, 'whisper-1', false, 200), await runPhase(rig, cookie, 'gpt-4o-mini-transcribe', true, 2_000)];
    if (rig.emu.problems.length > 0) throw new Error(`the emulator rejected requests: ${JSON.stringify(rig.emu.problems.slice(0, 3))}`);

    console.log('');
    const rows: string[][] = [['metric (ms)', 'baseline p50 / p95', 'earshot p50 / p95', 'earshot/baseline p50 / p95']];
    let worstOverhead = 0;
    for (const p of phases) {
      const [b50, b95, e50, e95] = [percentile(p.baseline, 50), percentile(p.baseline, 95), percentile(p.earshot, 50), percentile(p.earshot, 95)];
      rows.push([`${p.model}${p.stream ? ' (streamed)' : ''}: submit → other console`, `${fmt(b50)} / ${fmt(b95)}`, `${fmt(e50)} / ${fmt(e95)}`, `${fmt(e50 / b50, 2)} / ${fmt(e95 / b95, 2)}`]);
      rows.push([`  minus the emulator's ${DELAY_MS} ms delay`, `${fmt(b50 - DELAY_MS)} / ${fmt(b95 - DELAY_MS)}`, `${fmt(e50 - DELAY_MS)} / ${fmt(e95 - DELAY_MS)}`, '']);
      const overhead = p.earshot.map((ms) => ms - DELAY_MS);
      worstOverhead = Math.max(worstOverhead, percentile(overhead, 95));
    }
    printTable(rows);
    console.log('');
    for (const p of phases) console.log(`${p.model}: submitSegment answered once spooled durably (fsync) p50 ${fmt(percentile(p.ack, 50))} / p95 ${fmt(percentile(p.ack, 95))} ms`);
    console.log(`Earshot overhead p95 (worst phase): ${fmt(worstOverhead)} ms — goal ≤ ${GOAL_P95_MS} ms: ${worstOverhead <= GOAL_P95_MS ? 'met' : 'NOT met'}`);
  } finally {
    await rig.dispose();
  }
}

try {
  await main();
} catch (err) {
  console.error((err as Error).stack ?? String(err));
  process.exitCode = 1;
}
