export const TRUNK_TYPES = ['inbound', 'outbound'] as const;
export type TrunkType = (typeof TRUNK_TYPES)[number];

/** A SIP trunk of a tenant (seed 002): where calls come in, or go out, and its numbers. */
export interface SipTrunk {
  trunk_id: string;
  tenant_id: string;
  trunk_type: TrunkType;
  name: string;
  /** The provider's host, for outbound trunks. */
  address: string | null;
  numbers: string[];
  created_at: string;
}

/** Which trunks' inbound calls a rule takes and how their rooms are named (seed 002). */
export interface DispatchRule {
  rule_id: string;
  tenant_id: string;
  name: string;
  trunk_ids: string[];
  room_pattern: string;
  hide_phone_number: boolean;
  has_pin: boolean;
  metadata: Record<string, unknown>;
  created_at: string;
}
