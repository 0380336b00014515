// `npm test` → node tests/run.ts [vitest args…], e.g. `npm test -- --project integration`.
//
// 1. Checks the system tools the tests drive; if any is missing, prints the apt-get command
//    that installs them and exits 1 (tests are never skipped for a missing tool).
// 2. Runs vitest inside a private network namespace (`unshare -n`, only `lo` up), so nothing a
//    test starts can reach anything but loopback.
// 3. Rebuilds the console (out/renderer) first when renderer/ or shared/ changed since it was
//    built: the e2e tests and hubs serve that build, and a stale one tests yesterday's console.
// 4. Prints one summary line from vitest's JSON report — `tests: N passed, M failed[, K skipped]`
//    — and exits non-zero if anything failed or no test ran.
//
// Runs on Node 24 with native type stripping: erasable TypeScript only, .ts import specifiers.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './support/proc.ts';
import { requiredTools, which } from './support/tools.ts';

const reportFile = `${repoRoot}/tests/artifacts/vitest-report.json`;

function checkTools(): void {
  const missing = requiredTools().filter((t) => !t.path);
  if (missing.length === 0) return;
  const pkgs = [...new Set(missing.map((t) => t.pkg))];
  console.error(`Missing system tools for the tests: ${missing.map((t) => t.name).join(', ')}`);
  console.error('Install them (Debian 12) with:');
  console.error(`  apt-get install -y ${pkgs.join(' ')}`);
  process.exit(1);
}

function checkNode(): void {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 24) {
    console.error(`tests need Node >= 24 (found ${process.version}); run them with \`npm test\` (uses the node@24 devDependency).`);
    process.exit(1);
  }
}

interface JsonReport {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numFailedTestSuites: number;
  testResults: { name: string; status: string; message: string; assertionResults: { status: string }[] }[];
}

function runVitest(args: string[]): Promise<number> {
  const vitest = `${repoRoot}/node_modules/vitest/vitest.mjs`;
  if (!existsSync(vitest)) {
    console.error('vitest is not installed: run `npm ci` first.');
    process.exit(1);
  }
  const vitestArgs = [vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`, ...args];
  // Root can create a network namespace directly; anyone else maps themselves to root in a new
  // user namespace first (-r).
  const isRoot = process.getuid?.() === 0;
  const unshareArgs = [isRoot ? '-n' : '-rn', '--', 'sh', '-c', 'ip link set lo up && exec "$@"', 'sh', process.execPath, ...vitestArgs];
  // node_modules/.bin first on PATH: any `node` a test spawns by name is the project's Node 24.
  const env = { ...process.env, PATH: `${repoRoot}/node_modules/.bin:${process.env.PATH ?? ''}` };
  return new Promise((resolve) => {
    const child = spawn(which('unshare') ?? 'unshare', unshareArgs, { cwd: repoRoot, stdio: 'inherit', env });
    const forward = (sig: NodeJS.Signals) => child.kill(sig);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.once('error', (err) => {
      console.error(`cannot start unshare: ${err.message}`);
      resolve(1);
    });
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

function summarize(vitestCode: number): number {
  let report: JsonReport;
  try {
    report = JSON.parse(readFileSync(reportFile, 'utf8')) as JsonReport;
  } catch {
    console.log(`vitest wrote no JSON report (exit code ${vitestCode})`);
    console.log('tests: 0 passed, 0 failed');
    return vitestCode || 1;
  }
  // Files that failed outside any test (import error, failing beforeAll/afterAll) count too.
  const brokenFiles = report.testResults.filter((f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed'));
  for (const f of brokenFiles) console.log(`failed outside a test: ${f.name}${f.message ? ` — ${f.message}` : ''}`);
  const passed = report.numPassedTests;
  const failed = report.numFailedTests + brokenFiles.length;
  const skipped = report.numPendingTests + report.numTodoTests;
  if (passed + failed === 0) console.log('no tests ran');
  else if (vitestCode !== 0 && failed === 0) console.log(`vitest exited with code ${vitestCode} (e.g. unhandled errors above)`);
  console.log(`tests: ${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
  return failed > 0 || passed === 0 || vitestCode !== 0 ? 1 : 0;
}

/** Newest modification time of the files under `dir` (0 when it has none). */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function ensureFreshConsole(): void {
  const built = `${repoRoot}/out/renderer/index.html`;
  const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
  const sources = Math.max(newestMtime(`${repoRoot}/renderer`), newestMtime(`${repoRoot}/shared`));
  if (builtAt >= sources) return;
  console.log(builtAt === 0 ? 'building the console for the tests…' : 'the console changed since its last build: rebuilding it for the tests…');
  const vite = `${repoRoot}/node_modules/vite/bin/vite.js`;
  const startedAt = new Date();
  const result = spawnSync(process.execPath, [vite, 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('building the console failed');
    process.exit(1);
  }
  // Dated when the build began: a source saved while it ran is newer, so the next run rebuilds.
  utimesSync(built, startedAt, startedAt);
}

/** Only the e2e tests serve the console build: a run of unit or integration files alone skips it. */
function needsConsole(args: string[]): boolean {
  return args.length === 0 || !args.every((a) => /^(\.\/)?tests\/(unit|integration)\//.test(a));
}

checkNode();
checkTools();
if (needsConsole(process.argv.slice(2))) ensureFreshConsole();
mkdirSync(`${repoRoot}/tests/artifacts`, { recursive: true });
rmSync(reportFile, { force: true });
const code = await runVitest(process.argv.slice(2));
process.exit(summarize(code));
