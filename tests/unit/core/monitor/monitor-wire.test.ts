import { describe, expect, it } from 'vitest';
import { aorOf, isMonitorContentType, monitorCommandBody, monitorInviteHeaders, parseMonitorCommand, parseMonitorHeader } from '../../../../electron/core/monitor/monitor-wire.ts';

describe('monitor wire format', () => {
  it('writes and reads the INVITE header `<call-sid>;mode=<mode>`', () => {
    const [header, token] = monitorInviteHeaders('CA0123abc', 'whisper', 'tok.sig');
    expect(header).toBe('X-Earshot-Monitor: CA0123abc;mode=whisper');
    expect(token).toBe('X-Earshot-Monitor-Token: tok.sig');
    expect(parseMonitorHeader('CA0123abc;mode=whisper')).toEqual({ ok: true, callSid: 'CA0123abc', mode: 'whisper' });
    expect(parseMonitorHeader(' CA0123abc ; mode = barge ')).toEqual({ ok: true, callSid: 'CA0123abc', mode: 'barge' });
    for (const bad of ['', 'CA0123abc', 'CA0123abc;mode=shout', 'CA01 23;mode=listen', 'CA0123;mode=listen;x=1', '<sip:x>;mode=listen']) {
      expect(parseMonitorHeader(bad).ok, bad).toBe(false);
    }
  });

  it('parses INFO bodies: a mode, or take-over; anything else is refused with a reason', () => {
    expect(parseMonitorCommand('{"mode":"whisper"}')).toEqual({ ok: true, command: { kind: 'mode', mode: 'whisper' } });
    expect(parseMonitorCommand(' { "mode" : "listen" } ')).toEqual({ ok: true, command: { kind: 'mode', mode: 'listen' } });
    expect(parseMonitorCommand('{"action":"take-over"}')).toEqual({ ok: true, command: { kind: 'take-over' } });
    expect(parseMonitorCommand(monitorCommandBody({ kind: 'mode', mode: 'barge' }))).toEqual({ ok: true, command: { kind: 'mode', mode: 'barge' } });
    expect(parseMonitorCommand(monitorCommandBody({ kind: 'take-over' }))).toEqual({ ok: true, command: { kind: 'take-over' } });
    const refusals: [string, RegExp][] = [
      ['mode=whisper', /not JSON/],
      ['["whisper"]', /JSON object/],
      ['null', /JSON object/],
      ['{"mode":"shout"}', /unknown monitor mode/],
      ['{"mode":1}', /unknown monitor mode/],
      ['{"mode":"listen","extra":true}', /must be/],
      ['{"action":"hang-up"}', /must be/],
      [`{"mode":"listen","pad":"${'x'.repeat(2000)}"}`, /too large/],
    ];
    for (const [body, why] of refusals) {
      const parsed = parseMonitorCommand(body);
      expect(parsed.ok, body).toBe(false);
      if (!parsed.ok) expect(parsed.message).toMatch(why);
    }
  });

  it('knows its content type, with parameters and in any case', () => {
    expect(isMonitorContentType('application/vnd.earshot.monitor+json')).toBe(true);
    expect(isMonitorContentType('Application/VND.Earshot.Monitor+JSON; charset=utf-8')).toBe(true);
    expect(isMonitorContentType('application/dtmf-relay')).toBe(false);
    expect(isMonitorContentType(undefined)).toBe(false);
  });

  it('compares SIP addresses as user@host, whatever the scheme, port, parameters or brackets', () => {
    expect(aorOf('sip:Carol@PBX.lan')).toBe('carol@pbx.lan');
    expect(aorOf('<sips:carol@pbx.lan:5061;transport=tls>')).toBe('carol@pbx.lan');
    expect(aorOf('sip:carol@10.0.0.5;user=phone')).toBe('carol@10.0.0.5');
  });
});
