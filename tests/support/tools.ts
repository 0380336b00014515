// The system tools the tests drive, with the Debian package that provides each one.
// Used by tests/run.ts (pre-flight check) and by the harnesses (paths).
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';

export interface Tool {
  name: string;
  /** Debian package that provides it. */
  pkg: string;
  /** Absolute path when found, otherwise undefined. */
  path: string | undefined;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** First executable `name` on PATH or in the sbin/bin directories (root tools live in sbin). */
export function which(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(':'), '/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];
  for (const dir of dirs) {
    if (dir && isExecutable(`${dir}/${name}`)) return `${dir}/${name}`;
  }
  return undefined;
}

/**
 * Kamailio's module directory as laid out by the Debian packages:
 * /usr/lib/<multiarch triplet>/kamailio/modules (also /usr/lib/kamailio/modules, /usr/lib64/…).
 * Returns the first one that holds `module`.
 */
export function findKamailioModule(module = 'websocket.so'): string | undefined {
  const candidates: string[] = [];
  for (const base of ['/usr/lib', '/usr/local/lib']) {
    let entries: string[];
    try {
      entries = readdirSync(base);
    } catch {
      continue;
    }
    for (const e of entries) if (/-linux-gnu/.test(e)) candidates.push(`${base}/${e}/kamailio/modules`);
    candidates.push(`${base}/kamailio/modules`);
  }
  candidates.push('/usr/lib64/kamailio/modules');
  for (const dir of candidates) if (existsSync(`${dir}/${module}`)) return `${dir}/${module}`;
  return undefined;
}

export function kamailioModulesDir(): string | undefined {
  const ws = findKamailioModule('websocket.so');
  return ws ? ws.slice(0, ws.lastIndexOf('/')) : undefined;
}

export const CHROMIUM = '/usr/bin/chromium';

export function requiredTools(): Tool[] {
  return [
    { name: 'kamailio', pkg: 'kamailio', path: which('kamailio') },
    { name: 'kamailio websocket module (websocket.so)', pkg: 'kamailio-websocket-modules', path: findKamailioModule('websocket.so') },
    { name: 'kamailio TLS module (tls.so)', pkg: 'kamailio-tls-modules', path: findKamailioModule('tls.so') },
    { name: 'openssl', pkg: 'openssl', path: which('openssl') },
    { name: 'sipp', pkg: 'sip-tester', path: which('sipp') },
    { name: 'baresip', pkg: 'baresip-core', path: which('baresip') },
    { name: 'chromium', pkg: 'chromium', path: isExecutable(CHROMIUM) ? CHROMIUM : undefined },
    { name: 'espeak-ng', pkg: 'espeak-ng', path: which('espeak-ng') },
    { name: 'sox', pkg: 'sox', path: which('sox') },
    { name: 'tesseract', pkg: 'tesseract-ocr', path: which('tesseract') },
    { name: 'unshare', pkg: 'util-linux', path: which('unshare') },
    { name: 'ip', pkg: 'iproute2', path: which('ip') },
  ];
}

export function toolPath(name: string): string {
  const t = requiredTools().find((x) => x.name === name);
  if (!t?.path) throw new Error(`${name} not found; install it with: apt-get install -y ${t?.pkg ?? name}`);
  return t.path;
}
