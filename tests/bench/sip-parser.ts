// node tests/bench/sip-parser.ts [--rounds N] [--warmup N]
//
// sip.js header parsing, patched (node_modules, patches/sip.js+0.21.2.patch: bytecode table
// decoded once) beside the published sip.js 0.21.2 parser, loaded side by side in this same
// process (rebuilt by reversing the patch in memory and checked against the published file's
// sha256 — tests/unit/sip/grammar-copies.ts). Each round parses a realistic header mix once
// with each parser, alternating which goes first; every parse is timed on its own.
// Prints µs/header p50 / p95 / mean for both and the ratio. CPU only, no network, ~2–5 s.
import { pathToFileURL } from 'node:url';
import { cpus } from 'node:os';
import {
  PATCH_MARKER,
  grammarParse,
  installedGrammarPath,
  installedGrammarSource,
  loadGrammarCopy,
  pristineGrammarSource,
  type PegGrammar,
} from '../unit/sip/grammar-copies.ts';
import { intArg, percentile } from './bench-args.ts';

const ROUNDS = intArg('--rounds', 400, 0);
const WARMUP = intArg('--warmup', 50, 0);

/** What sip.js parses while handling an INVITE / 200 OK / REGISTER 401 exchange over WebSocket. */
const MIX: Array<[rule: string, input: string]> = [
  ['Request_Response', 'INVITE sip:bob@biloxi.example.com SIP/2.0'],
  ['Request_Response', 'SIP/2.0 200 OK'],
  ['Via', 'SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bKnashds7;rport'],
  ['Via', 'SIP/2.0/UDP 192.0.2.1:5060;received=198.51.100.7;rport=40123;branch=z9hG4bK776asdhds'],
  ['From', '"Alice Smith" <sip:alice@atlanta.example.com>;tag=9fxced76sl'],
  ['To', '<sip:bob@biloxi.example.com>;tag=8321234356'],
  ['Call_ID', '3848276298220188511@atlanta.example.com'],
  ['CSeq', '2 INVITE'],
  ['Contact', '<sip:alice@df7jal23ls0d.invalid;transport=ws;ob>;+sip.ice;expires=600'],
  ['Record_Route', '<sip:127.0.0.1:8088;transport=ws;r2=on;lr>, <sip:127.0.0.1;r2=on;lr>'],
  ['Content_Type', 'application/sdp'],
  ['Content_Length', '349'],
  ['Max_Forwards', '70'],
  ['WWW_Authenticate', 'Digest realm="example.com", nonce="Y9mPZmPZZNpUXU6Z3mSC1lsZ3xJ5bHP4", qop="auth", algorithm=MD5'],
  ['Supported', 'outbound, replaces, timer'],
  ['SIP_URI', 'sip:bob@biloxi.example.com;transport=ws'],
];

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const fmt = (n: number, digits = 1) => n.toFixed(digits);

/** µs for each parse of the mix, appended to `into`. Results are checked so nothing is optimised away. */
function parseMix(peg: PegGrammar, into: number[] | null): void {
  for (const [rule, input] of MIX) {
    const t0 = process.hrtime.bigint();
    const data = grammarParse(peg, input, rule);
    const t1 = process.hrtime.bigint();
    if (data === -1 || data === undefined) throw new Error(`${rule} failed to parse: ${input}`);
    into?.push(Number(t1 - t0) / 1000);
  }
}

function timeFirstParse(peg: PegGrammar): number {
  const [rule, input] = MIX[2]!;
  const t0 = process.hrtime.bigint();
  grammarParse(peg, input, rule);
  return Number(process.hrtime.bigint() - t0) / 1000;
}

async function main(): Promise<void> {
  if (!installedGrammarSource().includes(PATCH_MARKER)) {
    throw new Error(`${installedGrammarPath} is not patched: run \`npx patch-package\` (npm install does it via postinstall)`);
  }
  // The patched parser is the module sip.js itself imports; the published one a fresh copy.
  const patched = (await import(pathToFileURL(installedGrammarPath).href)) as PegGrammar;
  const pristine = await loadGrammarCopy(pristineGrammarSource(), 'pristine');
  // One-off cost of the patched parser's first parse (decodes the table) in a fresh instance.
  const firstParseUs = timeFirstParse(await loadGrammarCopy(installedGrammarSource(), 'first'));

  console.log(
    `sip.js 0.21.2 grammar: node ${process.version}, ${cpus().length} CPUs, ${MIX.length} headers × ${ROUNDS} rounds (+${WARMUP} warm-up) per parser`,
  );
  const samples = { patched: [] as number[], pristine: [] as number[] };
  const t0 = performance.now();
  for (let round = 0; round < WARMUP + ROUNDS; round++) {
    const warm = round < WARMUP;
    // Alternate which parser goes first so neither always runs right after the other's garbage.
    const order = round % 2 === 0 ? (['patched', 'pristine'] as const) : (['pristine', 'patched'] as const);
    for (const which of order) parseMix(which === 'patched' ? patched : pristine, warm ? null : samples[which]);
  }
  const elapsedS = (performance.now() - t0) / 1000;

  const rows = [
    ['parser', 'p50 µs/header', 'p95 µs/header', 'mean µs/header', 'headers/s'],
    ...(['pristine', 'patched'] as const).map((k) => {
      const s = samples[k];
      return [k === 'pristine' ? 'published 0.21.2' : 'patched (memo)', fmt(percentile(s, 50)), fmt(percentile(s, 95)), fmt(mean(s)), fmt(1e6 / mean(s), 0)];
    }),
  ];
  const [p, q] = [samples.pristine, samples.patched];
  rows.push([
    'speed-up (published/patched)',
    `${fmt(percentile(p, 50) / percentile(q, 50), 2)}×`,
    `${fmt(percentile(p, 95) / percentile(q, 95), 2)}×`,
    `${fmt(mean(p) / mean(q), 2)}×`,
    '',
  ]);
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  console.log('');
  rows.forEach((r, i) => {
    console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  });
  console.log('');
  console.log(`patched parser's first parse in a fresh instance (builds the table once): ${fmt(firstParseUs)} µs`);
  console.log(`${p.length + q.length} timed parses in ${fmt(elapsedS, 2)} s`);
}

try {
  await main();
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
}
