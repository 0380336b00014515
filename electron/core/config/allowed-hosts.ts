import { hostname, networkInterfaces } from 'node:os';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

const bracket = (address: string): string => (address.includes(':') ? `[${address}]` : address);

/**
 * The names a browser may use to reach this server. Loopback always; the bound address when
 * the hub opts into the LAN (every local address for 0.0.0.0), the machine's name, and extras.
 */
export function allowedHostsFor(bindHost: string, extra: readonly string[] = []): Set<string> {
  const hosts = new Set([...LOOPBACK_NAMES, ...extra.map((h) => h.toLowerCase())]);
  const isAny = bindHost === '0.0.0.0' || bindHost === '::';
  if (!LOOPBACK_NAMES.includes(bindHost) && bindHost !== '::1') {
    hosts.add(bracket(bindHost).toLowerCase());
    hosts.add(hostname().toLowerCase());
  }
  if (isAny) {
    for (const list of Object.values(networkInterfaces())) for (const i of list ?? []) hosts.add(bracket(i.address).toLowerCase());
  }
  return hosts;
}
