import { MONITOR_HEADER, MONITOR_INFO_CONTENT_TYPE, MONITOR_MODES, MONITOR_TOKEN_HEADER, type MonitorMode } from '../../../shared/contracts/monitor-client.ts';

/** `X-Earshot-Monitor: <call-sid>;mode=<mode>` and the token header, for the supervisor's INVITE. */
export function monitorInviteHeaders(callSid: string, mode: MonitorMode, token: string): string[] {
  return [`${MONITOR_HEADER}: ${callSid};mode=${mode}`, `${MONITOR_TOKEN_HEADER}: ${token}`];
}

export type MonitorHeader = { ok: true; callSid: string; mode: MonitorMode } | { ok: false; message: string };

const HEADER_RE = /^\s*([A-Za-z0-9_-]{1,64})\s*;\s*mode\s*=\s*([a-z]+)\s*$/;

export function parseMonitorHeader(value: string): MonitorHeader {
  const m = HEADER_RE.exec(value);
  if (!m) return { ok: false, message: `${MONITOR_HEADER} must be '<call-sid>;mode=<mode>'` };
  const mode = m[2] as MonitorMode;
  if (!MONITOR_MODES.includes(mode)) return { ok: false, message: `unknown monitor mode '${m[2]}'` };
  return { ok: true, callSid: m[1]!, mode };
}

/** What a supervisor's seat asks of the agent's seat during monitoring (SIP INFO body). */
export type MonitorCommand = { kind: 'mode'; mode: MonitorMode } | { kind: 'take-over' };
export type MonitorCommandParse = { ok: true; command: MonitorCommand } | { ok: false; message: string };

const MAX_INFO_BODY = 1024;

export function monitorCommandBody(command: MonitorCommand): string {
  return JSON.stringify(command.kind === 'mode' ? { mode: command.mode } : { action: 'take-over' });
}

/** Whether an INFO's Content-Type is ours (parameters such as charset allowed). */
export function isMonitorContentType(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase() === MONITOR_INFO_CONTENT_TYPE;
}

/** `{"mode":"whisper"}` or `{"action":"take-over"}`; anything else is refused with a reason. */
export function parseMonitorCommand(body: string): MonitorCommandParse {
  if (body.length > MAX_INFO_BODY) return { ok: false, message: 'monitor INFO body too large' };
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { ok: false, message: 'monitor INFO body is not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, message: 'monitor INFO body must be a JSON object' };
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1 && keys[0] === 'mode') {
    if (typeof o.mode === 'string' && MONITOR_MODES.includes(o.mode as MonitorMode)) return { ok: true, command: { kind: 'mode', mode: o.mode as MonitorMode } };
    return { ok: false, message: `unknown monitor mode ${JSON.stringify(o.mode)}` };
  }
  if (keys.length === 1 && keys[0] === 'action' && o.action === 'take-over') return { ok: true, command: { kind: 'take-over' } };
  return { ok: false, message: 'monitor INFO body must be {"mode": …} or {"action": "take-over"}' };
}

/** `user@host` of a SIP URI, lower-case, without scheme, port or parameters: what two cores can compare. */
export function aorOf(uri: string): string {
  const m = /^(?:sips?:)?([^@;?>]+)@([^:;?>]+)/i.exec(uri.trim().replace(/^<|>$/g, ''));
  return m ? `${m[1]!.toLowerCase()}@${m[2]!.toLowerCase()}` : uri.trim().toLowerCase();
}
