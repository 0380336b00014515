import { describe, expect, it } from 'vitest';
import type { Agent } from '../../../../../shared/domain/agent.ts';
import { sipDomain, transferTarget } from '../../../../../electron/core/ai/realtime/transfer-target.ts';

const agent = (id: number, extension: string | null, uri: string | null): Agent => ({
  id,
  tenant_id: 'default',
  name: `a${id}`,
  extension,
  role: 'agent',
  skills: [],
  max_concurrent_calls: 1,
  status: 'available',
  status_reason: null,
  status_since: '',
  wrap_up_until: null,
  login_username: null,
  sip: uri ? { uri, username: 'u', ws_url: 'wss://pbx/ws', ice_servers: [], has_password: true, media: 'renderer' } : null,
  created_at: '',
  updated_at: '',
});

describe('where an AI call is transferred', () => {
  const agents = [agent(1, '1001', 'sip:1001@pbx.office.lan'), agent(2, '2002', 'sip:2002@branch.example:5070;transport=ws')];

  it("sends a seat's extension to that seat's SIP domain", () => {
    expect(transferTarget('1001', agents)).toEqual({ uri: 'sip:1001@pbx.office.lan', kind: 'seat', agent_id: 1 });
    expect(transferTarget('2002', agents)).toEqual({ uri: 'sip:2002@branch.example:5070', kind: 'seat', agent_id: 2 });
  });

  it('uses sip: URIs as checked, +E.164 numbers as tel:, and other numbers through the PBX', () => {
    expect(transferTarget('sip:sales@crm.example', agents)).toMatchObject({ uri: 'sip:sales@crm.example', kind: 'uri' });
    expect(transferTarget('+81 90-1234-5678', agents)).toMatchObject({ uri: 'tel:+819012345678', kind: 'number' });
    expect(transferTarget('tel:+14155550123', agents)).toMatchObject({ uri: 'tel:+14155550123', kind: 'number' });
    expect(transferTarget('0312345678', agents)).toMatchObject({ uri: 'sip:0312345678@pbx.office.lan', kind: 'pbx' });
    expect(transferTarget('3003', agents)).toMatchObject({ uri: 'sip:3003@pbx.office.lan', kind: 'pbx', agent_id: null });
  });

  it('refuses unsafe targets and numbers it cannot route', () => {
    expect(() => transferTarget('sip:x@host?Subject=hi', agents)).toThrow(/headers/);
    expect(() => transferTarget('sip:x@host;maddr=10.0.0.1', agents)).toThrow(/maddr/);
    expect(() => transferTarget('1001\r\nVia: evil', agents)).toThrow(/Line breaks/);
    expect(() => transferTarget('0312345678', [agent(3, '1', null)])).toThrow(/\+E\.164/);
  });

  it('reads the domain of a seat URI', () => {
    expect(sipDomain('sip:1001@pbx.lan:5060;transport=ws')).toBe('pbx.lan:5060');
    expect(sipDomain('tel:+1')).toBeNull();
  });
});
