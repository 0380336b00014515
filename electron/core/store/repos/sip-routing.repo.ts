import type { DispatchRule, SipTrunk, TrunkType } from '../../../../shared/domain/sip-routing.ts';
import type { Db } from '../database.ts';
import { prepared } from '../statements.ts';
import { fromBool, nowIso, parseJson, toBool } from '../sql-values.ts';

interface TrunkRow {
  id: string;
  tenant_id: string;
  trunk_type: TrunkType;
  name: string;
  address: string | null;
  numbers: string;
  created_at: string;
}

interface RuleRow {
  id: string;
  tenant_id: string;
  name: string;
  trunk_ids: string;
  room_pattern: string;
  hide_phone_number: number;
  pin_hash: string | null;
  metadata: string;
  created_at: string;
}

const toTrunk = ({ id, numbers, ...row }: TrunkRow): SipTrunk => ({ trunk_id: id, ...row, numbers: parseJson<string[]>(numbers, []) });
const toRule = ({ id, trunk_ids, hide_phone_number, pin_hash, metadata, ...row }: RuleRow): DispatchRule => ({
  rule_id: id,
  ...row,
  trunk_ids: parseJson<string[]>(trunk_ids, []),
  hide_phone_number: toBool(hide_phone_number),
  has_pin: pin_hash !== null,
  metadata: parseJson<Record<string, unknown>>(metadata, {}),
});

export interface NewTrunk {
  id: string;
  trunk_type: TrunkType;
  name: string;
  address: string | null;
  numbers: string[];
}

export interface NewDispatchRule {
  id: string;
  name: string;
  trunk_ids: string[];
  room_pattern: string;
  hide_phone_number: boolean;
  pin_hash: string | null;
  metadata: Record<string, unknown>;
}

/** A tenant's SIP trunks and dispatch rules, oldest first. */
export class SipRoutingRepo {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  createTrunk(tenantId: string, t: NewTrunk): SipTrunk {
    prepared(this.db, 'INSERT INTO sip_trunks (id, tenant_id, trunk_type, name, address, numbers, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(t.id, tenantId, t.trunk_type, t.name, t.address, JSON.stringify(t.numbers), nowIso());
    return this.trunks(tenantId).find((x) => x.trunk_id === t.id) as SipTrunk;
  }

  trunks(tenantId: string): SipTrunk[] {
    return (prepared(this.db, 'SELECT * FROM sip_trunks WHERE tenant_id = ? ORDER BY created_at, id').all(tenantId) as TrunkRow[]).map(toTrunk);
  }

  createRule(tenantId: string, r: NewDispatchRule): DispatchRule {
    prepared(
      this.db,
      `INSERT INTO sip_dispatch_rules (id, tenant_id, name, trunk_ids, room_pattern, hide_phone_number, pin_hash, metadata, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(r.id, tenantId, r.name, JSON.stringify(r.trunk_ids), r.room_pattern, fromBool(r.hide_phone_number), r.pin_hash, JSON.stringify(r.metadata), nowIso());
    return this.rules(tenantId).find((x) => x.rule_id === r.id) as DispatchRule;
  }

  rules(tenantId: string): DispatchRule[] {
    return (prepared(this.db, 'SELECT * FROM sip_dispatch_rules WHERE tenant_id = ? ORDER BY created_at, id').all(tenantId) as RuleRow[]).map(toRule);
  }
}
