import { describe, expect, it } from 'vitest';
import { MONITOR_TOKEN_TTL_S, newMonitorClaims, signMonitorToken, verifyMonitorToken, type MonitorClaims } from '../../../../electron/core/monitor/monitor-token.ts';

const SECRET = 'office-secret-0123456789abcdef';
const NOW = Date.parse('2026-05-01T10:00:00Z');
const claims = (over: Partial<MonitorClaims> = {}, now = NOW): MonitorClaims => ({
  ...newMonitorClaims({ tenant: 'default', sid: 'CA0001', mode: 'listen', sup: 3, sup_role: 'supervisor', sup_aor: 'carol@pbx', sup_name: 'Carol', tgt: 1, tgt_aor: 'alice@pbx' }, now),
  ...over,
});
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('monitor tokens (HMAC-SHA256 over the claims, office secret)', () => {
  it('verifies what it signed, with every claim intact, for one TTL', () => {
    const c = claims();
    const token = signMonitorToken(SECRET, c);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(verifyMonitorToken(SECRET, token, NOW)).toEqual({ ok: true, claims: c });
    expect(verifyMonitorToken(SECRET, token, NOW + (MONITOR_TOKEN_TTL_S - 1) * 1000).ok).toBe(true);
    expect(c.exp - Math.floor(NOW / 1000)).toBe(MONITOR_TOKEN_TTL_S);
  });

  it('gives every token its own id (one INVITE per token)', () => {
    expect(claims().jti).not.toBe(claims().jti);
  });

  it('refuses a token signed with another secret (forged)', () => {
    expect(verifyMonitorToken(SECRET, signMonitorToken('another-secret-entirely', claims()), NOW)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses changed claims under the old signature (a role, a call, a mode)', () => {
    const [, signature] = signMonitorToken(SECRET, claims()).split('.') as [string, string];
    for (const change of [{ sup_role: 'admin' }, { sid: 'CA0002' }, { mode: 'barge' }, { exp: claims().exp + 3600 }]) {
      expect(verifyMonitorToken(SECRET, `${b64({ ...claims(), ...change })}.${signature}`, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
    }
  });

  it('refuses an expired token, and one that claims to live far longer than a TTL', () => {
    const token = signMonitorToken(SECRET, claims());
    expect(verifyMonitorToken(SECRET, token, NOW + (MONITOR_TOKEN_TTL_S + 10) * 1000)).toEqual({ ok: false, reason: 'expired' });
    const longLived = signMonitorToken(SECRET, claims({ exp: Math.floor(NOW / 1000) + 24 * 3600 }));
    expect(verifyMonitorToken(SECRET, longLived, NOW)).toEqual({ ok: false, reason: 'too-long-lived' });
  });

  it('refuses malformed tokens (shape, encoding, claims) before trusting anything', () => {
    for (const token of ['', 'abc', 'a.b.c', 'a b.c', `${'x'.repeat(3000)}.y`]) expect(verifyMonitorToken(SECRET, token, NOW).ok).toBe(false);
    // Correctly signed but not claims: an unknown mode, a role that does not exist, a missing field.
    for (const bad of [{ ...claims(), mode: 'shout' }, { ...claims(), sup_role: 'root' }, { ...claims(), sup: undefined }, ['not', 'an', 'object']]) {
      const signed = signMonitorToken(SECRET, bad as MonitorClaims);
      expect(verifyMonitorToken(SECRET, signed, NOW)).toEqual({ ok: false, reason: 'malformed' });
    }
  });
});
