import { startCore } from '../core.ts';
import { ensureRendererBuilt } from './renderer-build.ts';

export interface ServeOptions {
  port: number;
  host: string;
  dataDir: string;
  allowedHost: string[];
  allowedOrigin: string[];
  renderer: boolean;
  rtpAddress: string;
  sipCaFile?: string;
}

/** The hub: core + API + console, until SIGINT/SIGTERM, then a clean close of the database. */
export async function serve(opts: ServeOptions): Promise<void> {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const rendererDir = opts.renderer ? await ensureRendererBuilt(log) : false;
  const core = await startCore({
    dataDir: opts.dataDir,
    api: { host: opts.host, port: opts.port, allowedHosts: opts.allowedHost, allowedOrigins: opts.allowedOrigin },
    rendererDir,
    rtpAddress: opts.rtpAddress,
    sipCaFile: opts.sipCaFile,
    bootstrapKey: process.env.EARSHOT_BOOTSTRAP_KEY || undefined,
    log,
  });
  log(`Earshot hub ready at ${core.apiUrl}/  (API docs: ${core.apiUrl}/docs, data: ${opts.dataDir})`);
  if (opts.host !== '127.0.0.1' && opts.host !== 'localhost' && opts.host !== '::1') {
    log(`listening on ${opts.host}: other machines on the network can reach this hub`);
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: shutting down`);
    core.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('shutdown failed', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
