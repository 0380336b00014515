// node tests/bench/vad-cost.ts [--vad-runs N] [--vad-seconds S]   (also run by `npm run bench`)
//
// What the console's live-transcript VAD costs, in headless Chromium with a fake microphone
// playing speech (espeak-ng, pauses between sentences):
//   • per 32 ms frame: main-thread time of Silero v5 inference + the detector's bookkeeping
//     (p50 / p95), with two legs running as in a call;
//   • share of one core: CPU time of the whole browser (every Chromium process) per wall second,
//     with two VAD legs vs a baseline measured in the same run — the same page, the same two
//     captures and audio graph, no detector — alternating, N windows of S seconds each;
//   • speech-end detection delay: the same detector fed a WAV frame by frame (no clock), from
//     the true end of each sentence to the detector's "speech end" (target ≤ 500 ms).
// The page is built with the renderer's own Vite plugin, so model, worklet and onnxruntime-web
// come from our build output as in the console. Loopback only.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { vadAssets } from '../../renderer/vite.config.ts';
import { launchChromium } from '../support/browser.ts';
import { repoRoot, sleep } from '../support/proc.ts';
import { speechWav } from '../support/speech.ts';
import { intArg, percentile } from './bench-args.ts';

const PAGE_DIR = join(repoRoot, 'tests', 'bench', 'vad-cost-page');
const WARMUP_MS = 3000;

interface PageApi {
  setup(legs: number): Promise<void>;
  takeFrameCosts(): { frameMs: number[]; speechEnds: number };
  teardown(): Promise<void>;
  detectionDelays(url: string): Promise<{ delaysMs: number[]; trueEnds: number; detected: number }>;
}

const fmt = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '—');

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.wav': 'audio/wav',
};

/** The built page and the speech WAV, from 127.0.0.1. */
function serve(dir: string, wav: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = path === '/speech.wav' ? wav : normalize(join(dir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dir) && file !== wav) return void res.writeHead(403).end();
    if (!existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` })));
}

/** CPU ticks (user + system) of every process descended from this one: the browser's. */
function browserTicks(): number {
  const parent = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(name), Number(fields[1]));
      ticks.set(Number(name), Number(fields[11]) + Number(fields[12]));
    } catch {
      // gone meanwhile
    }
  }
  const ours = (pid: number): boolean => {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) if (p === process.pid) return true;
    return false;
  };
  let sum = 0;
  for (const [pid, t] of ticks) if (ours(pid)) sum += t;
  return sum;
}

const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

async function measureWindow(page: Page, legs: number, seconds: number): Promise<{ coreShare: number; frameMs: number[]; speechEnds: number }> {
  await page.evaluate((n) => (window as unknown as { vadBench: PageApi }).vadBench.setup(n), legs);
  try {
    await sleep(WARMUP_MS);
    await page.evaluate(() => (window as unknown as { vadBench: PageApi }).vadBench.takeFrameCosts());
    const t0 = performance.now();
    const c0 = browserTicks();
    await sleep(seconds * 1000);
    const c1 = browserTicks();
    const wall = (performance.now() - t0) / 1000;
    const costs = await page.evaluate(() => (window as unknown as { vadBench: PageApi }).vadBench.takeFrameCosts());
    return { coreShare: (c1 - c0) / CLK_TCK / wall, ...costs };
  } finally {
    await page.evaluate(() => (window as unknown as { vadBench: PageApi }).vadBench.teardown());
  }
}

/** Sentences with pauses, like a conversation turn by turn. */
function conversationWav(dir: string): string {
  const sentences = [
    'Good morning, thank you for calling the billing team.',
    'My card was declined yesterday evening.',
    'Let me check the payment on your account.',
    'Could you please confirm your date of birth?',
    'Of course.',
    'Thank you, the card is working again.',
  ];
  const parts = sentences.map((text, i) => {
    const out = join(dir, `s${i}.wav`);
    execFileSync('sox', [speechWav(text), out, 'pad', '0', '1.2']);
    return out;
  });
  const out = join(dir, 'conversation.wav');
  execFileSync('sox', [...parts, out]);
  return out;
}

export async function vadCostBench(): Promise<void> {
  const runs = intArg('--vad-runs', 3);
  const seconds = intArg('--vad-seconds', 10);
  const work = mkdtempSync(join(tmpdir(), 'earshot-vad-bench-'));
  let browser: Browser | null = null;
  let server: Server | null = null;
  try {
    const outDir = join(work, 'page');
    await build({ configFile: false, root: PAGE_DIR, base: './', logLevel: 'warn', plugins: [vadAssets()], build: { outDir, emptyOutDir: true } });
    const wav = conversationWav(work);
    const served = await serve(outDir, wav);
    server = served.server;
    browser = await launchChromium({ args: ['--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${wav}`, '--autoplay-policy=no-user-gesture-required'] });
    const page = await browser.newPage();
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    await page.goto(`${served.url}/`);
    await page.waitForFunction(() => document.title === 'ready');

    console.log(`\nVAD cost (Silero v5, @ricky0123/vad-web, headless Chromium): ${runs} windows × ${seconds} s per side, alternating, after ${WARMUP_MS / 1000} s warm-up`);
    const base: number[] = [];
    const vad: number[] = [];
    const frames: number[] = [];
    let speechEnds = 0;
    for (let i = 0; i < runs; i++) {
      for (const legs of i % 2 === 0 ? [0, 2] : [2, 0]) {
        const r = await measureWindow(page, legs, seconds);
        (legs === 0 ? base : vad).push(r.coreShare);
        if (legs > 0) {
          frames.push(...r.frameMs);
          speechEnds += r.speechEnds;
        }
      }
      process.stdout.write(`  window ${i + 1}/${runs} done\n`);
    }
    const detection = await page.evaluate((url) => (window as unknown as { vadBench: PageApi }).vadBench.detectionDelays(url), `${served.url}/speech.wav`);

    const framesPerLegPerSec = frames.length / 2 / (runs * seconds);
    const b50 = percentile(base, 50);
    const v50 = percentile(vad, 50);
    console.log('');
    console.log(`per 32 ms frame (main thread), two legs: p50 ${fmt(percentile(frames, 50), 2)} ms, p95 ${fmt(percentile(frames, 95), 2)} ms, max ${fmt(Math.max(...frames), 2)} ms (${frames.length} frames, ${fmt(framesPerLegPerSec)} frames/s per leg, ${speechEnds} segments cut)`);
    console.log(`share of one core, whole browser: baseline (captures, no VAD) p50 ${fmt(b50 * 100)} % · two VAD legs p50 ${fmt(v50 * 100)} % · difference ${fmt((v50 - b50) * 100)} % (${fmt(((v50 - b50) * 100) / 2)} % per leg) · ratio ${fmt(v50 / b50, 2)}`);
    console.log(`  windows: baseline ${base.map((x) => fmt(x * 100)).join(' / ')} %, VAD ${vad.map((x) => fmt(x * 100)).join(' / ')} %`);
    console.log(
      `speech-end detection delay (offline, ${detection.detected} ends detected of ${detection.trueEnds} sentences): p50 ${fmt(percentile(detection.delaysMs, 50), 0)} ms, p95 ${fmt(percentile(detection.delaysMs, 95), 0)} ms, max ${fmt(Math.max(...detection.delaysMs), 0)} ms`,
    );
  } finally {
    await browser?.close();
    server?.close();
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  try {
    await vadCostBench();
  } catch (err) {
    console.error((err as Error).stack ?? String(err));
    process.exitCode = 1;
  }
}
