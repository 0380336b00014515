// The baseline of tests/bench/sip-calls.ts: one baresip 1.0.0 process (tests/fixtures/baresip)
// with an auto-answering account per user, registered over UDP with Kamailio; signalling only
// (no audio modules: it sends no RTP).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SipUser } from '../../support/kamailio.ts';
import { boundPorts, fixturePath, isRunning, OutputTail, pollUntil, terminate, trackChild } from '../../support/proc.ts';
import { toolPath } from '../../support/tools.ts';

export const BARESIP_PORT = 5092;

export interface Baresip {
  child: ChildProcess;
  output: OutputTail;
  stop(): Promise<void>;
}

export async function startBaresip(runDir: string, users: SipUser[]): Promise<Baresip> {
  const dir = join(runDir, 'baresip');
  mkdirSync(dir, { recursive: true }); // a restart reuses it
  writeFileSync(join(dir, 'config'), readFileSync(fixturePath('baresip', 'config'), 'utf8'));
  const template = readFileSync(fixturePath('baresip', 'accounts'), 'utf8')
    .split('\n')
    .find((l) => l.startsWith('<sip:'));
  if (!template) throw new Error('tests/fixtures/baresip/accounts has no account line');
  const accounts = users.map((u) => template.replace('sip:bob@', `sip:${u.username}@`).replace('auth_pass=bobpw', `auth_pass=${u.password}`));
  writeFileSync(join(dir, 'accounts'), `${accounts.join('\n')}\n`);

  const output = new OutputTail();
  // -n takes an IP address, not an interface name (testbed pitfall 10).
  const child = spawn(toolPath('baresip'), ['-f', dir, '-n', '127.0.0.1'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  trackChild(child);
  child.stdout?.on('data', (d: Buffer) => output.push(d));
  child.stderr?.on('data', (d: Buffer) => output.push(d));
  await pollUntil(() => boundPorts('udp').has(BARESIP_PORT), {
    timeoutMs: 5000,
    what: `baresip on :${BARESIP_PORT}`,
    abort: () => (isRunning(child) ? undefined : `exited early (${child.exitCode ?? child.signalCode})\n${output.lines()}`),
  });
  return {
    child,
    output,
    async stop() {
      // Wait for the exit itself: a new baresip must not start while this one holds the port.
      await terminate(child, { graceMs: 5000 });
    },
  };
}
