// Guard for tests that talk real SIP on fixed ports: they must run inside the private network
// namespace that tests/run.ts creates (`unshare -n`, only `lo` up), never on a real network.
import { networkInterfaces } from 'node:os';

/** Names of interfaces with an address that is not loopback-only. */
export function nonLoopbackInterfaces(): string[] {
  const found: string[] = [];
  for (const [name, addrs] of Object.entries(networkInterfaces())) {
    if (name !== 'lo' || (addrs ?? []).some((a) => !a.internal)) found.push(name);
  }
  return found;
}

export function inPrivateNetns(): boolean {
  return nonLoopbackInterfaces().length === 0;
}

export function assertPrivateNetns(): void {
  const others = nonLoopbackInterfaces();
  if (others.length > 0) {
    throw new Error(
      `Refusing to run: this test starts a SIP proxy and peers on fixed ports and must run inside ` +
        `the private network namespace created by \`npm test\` (node tests/run.ts), which only has ` +
        `loopback. Visible non-loopback interfaces: ${others.join(', ')}. ` +
        `Run e.g. \`npm test -- --project integration\` instead of vitest directly.`,
    );
  }
}
