// Runs in: Electron main. The desktop's options for the in-process core.
import type { CoreOptions } from '../core/core.types.ts';
import type { SecretBox } from '../core/security/secret-box.ts';

export interface DesktopCoreInput {
  userDataDir: string;
  secretBox: SecretBox;
  env: Readonly<Record<string, string | undefined>>;
  log: (line: string) => void;
}

/**
 * IPC only by default. EARSHOT_API_PORT turns on the local API server, bound to 127.0.0.1,
 * for integrations on the same machine; LAN exposure is the hub's job.
 */
export function desktopCoreOptions(input: DesktopCoreInput): CoreOptions {
  const port = parsePort(input.env['EARSHOT_API_PORT']);
  if (input.env['EARSHOT_API_PORT'] !== undefined && port === null) {
    input.log(`ignoring EARSHOT_API_PORT=${input.env['EARSHOT_API_PORT']}: not a port number`);
  }
  return {
    dataDir: input.userDataDir,
    secretBox: input.secretBox,
    api: port === null ? false : { host: '127.0.0.1', port },
    rendererDir: false,
    log: input.log,
  };
}

export function parsePort(value: string | undefined): number | null {
  if (value === undefined || !/^\d{1,5}$/.test(value.trim())) return null;
  const port = Number(value.trim());
  return port >= 1 && port <= 65535 ? port : null;
}
