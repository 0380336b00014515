import type { CoreArg, CoreMethod, CoreResult } from '../../shared/contracts/core-client.ts';
import type { EventEnvelope } from '../../shared/contracts/domain-events.ts';
import type { MediaRequest } from '../../shared/contracts/media-bridge.ts';
import type { SecretBox } from './security/secret-box.ts';

export interface CoreOptions {
  /** Where the database, secret key file and spool live. */
  dataDir: string;
  /** Seals secrets at rest; defaults to a key file in `dataDir`. */
  secretBox?: SecretBox;
  /** Start the HTTP/WS API; `false` for a desktop that only needs IPC. */
  api?: { host: string; port: number; allowedHosts?: string[]; allowedOrigins?: string[] } | false;
  /** Directory with the built renderer to serve at `/`, or `false`. */
  rendererDir?: string | false;
  /** PEM file of the CA that signed the PBX's certificate, for wss:// to a self-signed office PBX. */
  sipCaFile?: string;
  /** Address headless seats use for RTP (default 127.0.0.1; a LAN address when the PBX is elsewhere). */
  rtpAddress?: string;
  /** Admin key to create for tenant `default` on first start (EARSHOT_BOOTSTRAP_KEY). */
  bootstrapKey?: string;
  log?: (line: string) => void;
}

/**
 * One console connection (a browser tab or an Electron window). The transport keeps it and
 * the console service updates `sessionToken` on login and logout.
 */
export interface ConsoleConnection {
  sessionToken: string | null;
}

export interface ConsoleService {
  invoke<M extends CoreMethod>(method: M, arg: CoreArg<M>, conn: ConsoleConnection): Promise<CoreResult<M>>;
  /**
   * Events the connection's signed-in agent may see; none before login. When the session ends
   * (logout elsewhere, expiry, agent deleted) delivery stops and `onSessionEnd` is called.
   * A subscriber that passes `onMediaRequest` offers to hold the seat's media (the newest such
   * console of the agent gets the seat's media requests).
   */
  subscribe(
    conn: ConsoleConnection,
    listener: (envelope: EventEnvelope) => void,
    onSessionEnd?: () => void,
    onMediaRequest?: (request: MediaRequest) => void,
  ): () => void;
}

export interface Core {
  readonly console: ConsoleService;
  /** `http://host:port` of the API server, or null when it is not started. */
  readonly apiUrl: string | null;
  close(): Promise<void>;
}
