// Re-runs the current script inside a private network namespace (only `lo` up), the way
// tests/run.ts runs vitest, so a bench that starts Kamailio, SIPp, baresip and a hub on fixed
// ports can only ever reach loopback:
//
//   await ensurePrivateNetns();   // first line of the bench: returns only inside the namespace
//
// Outside one it spawns `unshare -n -- sh -c 'ip link set lo up && exec node <script> <args…>'`
// (`-rn` when not root: map ourselves to root in a new user namespace first), forwards SIGINT /
// SIGTERM, and exits with the child's code. Plain Node, erasable TypeScript only.
import { spawn } from 'node:child_process';
import { inPrivateNetns } from '../support/netns.ts';
import { repoRoot } from '../support/proc.ts';
import { which } from '../support/tools.ts';

const MARKER = 'EARSHOT_BENCH_IN_NETNS';

export async function ensurePrivateNetns(): Promise<void> {
  if (inPrivateNetns()) return;
  if (process.env[MARKER]) {
    console.error('netns-exec: re-executed under `unshare -n` but non-loopback interfaces are still visible; refusing to run.');
    process.exit(1);
  }
  const unshare = which('unshare');
  if (!unshare) {
    console.error('netns-exec: `unshare` not found (Debian: apt-get install -y util-linux)');
    process.exit(1);
  }
  const isRoot = process.getuid?.() === 0;
  const args = [
    isRoot ? '-n' : '-rn',
    '--',
    'sh',
    '-c',
    'ip link set lo up && exec "$@"',
    'sh',
    process.execPath,
    ...process.execArgv,
    ...process.argv.slice(1),
  ];
  // node_modules/.bin first on PATH, as in tests/run.ts: any `node` spawned by name is Node 24.
  const env = { ...process.env, [MARKER]: '1', PATH: `${repoRoot}/node_modules/.bin:${process.env.PATH ?? ''}` };
  const code = await new Promise<number>((resolve) => {
    const child = spawn(unshare, args, { cwd: repoRoot, stdio: 'inherit', env });
    const forward = (sig: NodeJS.Signals) => child.kill(sig);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.once('error', (err) => {
      console.error(`netns-exec: cannot start unshare: ${err.message}`);
      resolve(1);
    });
    child.once('exit', (c, signal) => resolve(c ?? (signal ? 128 : 1)));
  });
  process.exit(code);
}
