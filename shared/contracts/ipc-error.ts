// Shared by Electron main, the sandboxed preload and the renderer's IPC client.
import type { CoreErrorBody } from './core-client.ts';

/**
 * `ipcMain.handle` keeps only an Error's message when it rejects `ipcRenderer.invoke`, and
 * Electron prefixes it ("Error invoking remote method 'earshot:login': Error: …"). contextBridge
 * then drops custom properties again on the way to the page. So the body travels inside the
 * message: this marker, then the CoreErrorBody as JSON, to the end of the message.
 */
export const IPC_ERROR_MARKER = 'earshot-core-error:';

/** An Error whose message carries `body`; what the main process throws from a handler. */
export function encodeIpcError(body: CoreErrorBody): Error {
  return new Error(IPC_ERROR_MARKER + JSON.stringify(body));
}

/** The body inside an error (or message) made by `encodeIpcError`, or null if it has none. */
export function decodeIpcError(err: unknown): CoreErrorBody | null {
  const message = typeof err === 'string' ? err : err instanceof Error ? err.message : null;
  if (message === null) return null;
  const at = message.indexOf(IPC_ERROR_MARKER);
  if (at < 0) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(message.slice(at + IPC_ERROR_MARKER.length));
  } catch {
    return null;
  }
  return isCoreErrorBody(parsed) ? parsed : null;
}

export function isCoreErrorBody(value: unknown): value is CoreErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v['statusCode'] === 'number' &&
    typeof v['error'] === 'string' &&
    typeof v['message'] === 'string' &&
    (v['code'] === undefined || typeof v['code'] === 'string')
  );
}
