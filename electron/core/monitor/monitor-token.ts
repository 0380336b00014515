import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { MONITOR_MODES, type MonitorMode } from '../../../shared/contracts/monitor-client.ts';
import { AGENT_ROLES, type AgentRole } from '../../../shared/domain/agent.ts';

/**
 * What a supervisor's core vouches for when its seat calls an agent's seat to monitor a call.
 * Signed with the tenant's office monitor secret (HMAC-SHA256), so the agent's core needs only
 * the secret to check it, whether both seats live in one core (a hub) or in two (two desktops).
 */
export interface MonitorClaims {
  tenant: string;
  /** The call to monitor. */
  sid: string;
  mode: MonitorMode;
  /** The supervisor: id and role in the signing core, and the SIP address the INVITE comes from. */
  sup: number;
  sup_role: AgentRole;
  sup_aor: string;
  sup_name: string;
  /** The agent whose seat is called: id in the signing core and SIP address. */
  tgt: number;
  tgt_aor: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
  /** Random: a token is good for one INVITE. */
  jti: string;
}

export type MonitorTokenFailure = 'malformed' | 'bad-signature' | 'expired' | 'too-long-lived';
export type MonitorTokenCheck = { ok: true; claims: MonitorClaims } | { ok: false; reason: MonitorTokenFailure };

/** Tokens live this long: enough for an INVITE through a PBX, useless for a replay later. */
export const MONITOR_TOKEN_TTL_S = 60;
/** Clock skew allowed between two cores (either way). */
const SKEW_S = 5;
const MAX_TOKEN_LENGTH = 2048;

const mac = (secret: string, payload: string): Buffer => createHmac('sha256', secret).update(`earshot-monitor.v1.${payload}`, 'utf8').digest();

export function newMonitorClaims(fields: Omit<MonitorClaims, 'exp' | 'jti'>, nowMs = Date.now()): MonitorClaims {
  return { ...fields, exp: Math.floor(nowMs / 1000) + MONITOR_TOKEN_TTL_S, jti: randomBytes(12).toString('base64url') };
}

/** `<base64url JSON claims>.<base64url HMAC>`: fits one SIP header, no characters SIP would mind. */
export function signMonitorToken(secret: string, claims: MonitorClaims): string {
  const payload = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
  return `${payload}.${mac(secret, payload).toString('base64url')}`;
}

/** Signature (constant-time) first, then the shape, then the time window. */
export function verifyMonitorToken(secret: string, token: string, nowMs = Date.now()): MonitorTokenCheck {
  if (token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 2 || !/^[A-Za-z0-9_-]+$/.test(parts[0]!) || !/^[A-Za-z0-9_-]+$/.test(parts[1]!)) return { ok: false, reason: 'malformed' };
  const [payload, signature] = parts as [string, string];
  const expected = mac(secret, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad-signature' };
  const claims = parseClaims(payload);
  if (!claims) return { ok: false, reason: 'malformed' };
  const now = Math.floor(nowMs / 1000);
  if (claims.exp + SKEW_S <= now) return { ok: false, reason: 'expired' };
  if (claims.exp > now + MONITOR_TOKEN_TTL_S + SKEW_S) return { ok: false, reason: 'too-long-lived' };
  return { ok: true, claims };
}

function parseClaims(payload: string): MonitorClaims | null {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const c = value as Record<string, unknown>;
  const text = (k: string) => typeof c[k] === 'string' && (c[k] as string).length > 0 && (c[k] as string).length <= 256;
  const id = (k: string) => Number.isSafeInteger(c[k]) && (c[k] as number) > 0;
  const ok =
    text('tenant') &&
    text('sid') &&
    text('sup_aor') &&
    text('tgt_aor') &&
    text('jti') &&
    typeof c.sup_name === 'string' &&
    c.sup_name.length <= 256 &&
    id('sup') &&
    id('tgt') &&
    Number.isSafeInteger(c.exp) &&
    MONITOR_MODES.includes(c.mode as MonitorMode) &&
    AGENT_ROLES.includes(c.sup_role as AgentRole);
  return ok ? (c as unknown as MonitorClaims) : null;
}
