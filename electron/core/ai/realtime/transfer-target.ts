import type { Agent } from '../../../../shared/domain/agent.ts';
import { normaliseDialString } from '../../../../shared/sip/dial-string.ts';
import { badRequest } from '../../errors.ts';

export interface TransferTarget {
  /** The Refer-To URI for calls.refer. */
  uri: string;
  kind: 'seat' | 'uri' | 'number' | 'pbx';
  /** The agent whose seat it reaches, when it is one. */
  agent_id: number | null;
}

/** `sip:1001@pbx.lan:5060;transport=ws` → `pbx.lan:5060`. */
export function sipDomain(uri: string): string | null {
  const m = /^sips?:[^@]+@([^;?>]+)/i.exec(uri.trim());
  return m?.[1] ?? null;
}

/**
 * Where a REFER of an AI call should send the caller. A seat's extension goes to that agent's
 * SIP domain (`sip:1001@pbx.lan`); a sip: URI is used as checked by the dial-string rules; a
 * +E.164 number becomes `tel:+…`; other numbers and extensions go to the office PBX (the SIP
 * domain of the tenant's seats), which knows how to dial them.
 */
export function transferTarget(input: string, agents: readonly Agent[]): TransferTarget {
  const text = input.trim();
  const seat = agents.find((a) => a.extension !== null && a.extension === text && a.sip !== null);
  const pbx = agents.map((a) => (a.sip ? sipDomain(a.sip.uri) : null)).find((d): d is string => d !== null) ?? null;
  const domain = (seat?.sip ? sipDomain(seat.sip.uri) : null) ?? pbx;
  const parsed = normaliseDialString(text, { domain: domain ?? 'pbx.invalid' });
  if (!parsed.ok) throw badRequest(`target: ${parsed.message}`);
  const t = parsed.target;
  if (t.kind === 'uri') return { uri: t.uri, kind: 'uri', agent_id: null };
  if (t.kind === 'number' && t.user.startsWith('+')) return { uri: `tel:${t.user}`, kind: 'number', agent_id: null };
  if (domain === null) {
    throw badRequest(`target: no seat has a SIP account, so '${text}' cannot be reached through the PBX; use +E.164 (e.g. +81312345678) or a sip: address`);
  }
  return seat ? { uri: t.uri, kind: 'seat', agent_id: seat.id } : { uri: t.uri, kind: 'pbx', agent_id: null };
}
