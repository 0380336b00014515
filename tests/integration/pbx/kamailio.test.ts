// Smoke test of the real PBX parts the other suites build on: Kamailio (registrar, digest auth,
// SIP over WebSocket) and SIPp peers. Runs inside the private network namespace of tests/run.ts.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { assertPrivateNetns } from '../../support/netns.ts';
import { checkKamailioConfig, startKamailio, UAS_PORT, type Kamailio } from '../../support/kamailio.ts';
import { describeSipp, runSipp, startSipp } from '../../support/sipp.ts';

const USERS = [
  { username: 'alice', password: 'alice-Secret-1' },
  { username: 'bob', password: 'bob Secret 2!' },
];
const UAC_PORT = 5091;
const REG_PORT = 5093;

let pbx: Kamailio;

beforeAll(async () => {
  assertPrivateNetns();
  pbx = await startKamailio({ users: USERS });
  console.info(`kamailio ready in ${pbx.readyMs.toFixed(0)} ms`);
});

afterAll(async () => {
  await pbx?.stop();
});

beforeEach(({ onTestFailed }) => {
  onTestFailed(() => {
    if (pbx) console.error(`--- ${pbx.logPath} (tail) ---\n${pbx.logTail(80)}`);
  });
});

describe('Kamailio test PBX', () => {
  test('the fixture config passes kamailio -c', () => {
    const r = checkKamailioConfig(pbx.cfgPath);
    expect(r.ok, r.output).toBe(true);
  });

  test('a SIPp UAC calls echo through Kamailio and a SIPp UAS answers', async () => {
    const uas = startSipp({ scenario: 'uas_dialog.xml', localPort: UAS_PORT, timeoutMs: 20_000 });
    await uas.ready;
    const uac = await runSipp({
      scenario: 'uac_rr.xml',
      service: 'echo',
      remote: pbx.sipAddress,
      localPort: UAC_PORT,
      callLengthMs: 200,
      timeoutMs: 15_000,
    });
    const uasResult = await uas.done;
    console.info(`sipp call via kamailio: ${uac.durationMs.toFixed(0)} ms (200 ms pause)`);
    expect(uac.exitCode, describeSipp(uac)).toBe(0);
    expect(uac.stats.successful, describeSipp(uac)).toBe(1);
    expect(uac.stats.failed).toBe(0);
    expect(uasResult.exitCode, describeSipp(uasResult)).toBe(0);
    expect(uasResult.stats.successful, describeSipp(uasResult)).toBe(1);
  });

  test('digest REGISTER with the right password gets 200 and the binding routes calls', async () => {
    const reg = await runSipp({
      scenario: 'register.xml',
      service: 'alice',
      auth: { username: 'alice', password: USERS[0]!.password },
      keys: { contact_port: UAS_PORT },
      remote: pbx.sipAddress,
      localPort: REG_PORT,
      timeoutMs: 10_000,
    });
    expect(reg.exitCode, describeSipp(reg)).toBe(0);
    expect(reg.stats.successful, describeSipp(reg)).toBe(1);

    // alice's contact is now the UAS on :5090; a call to alice goes there via usrloc.
    const uas = startSipp({ scenario: 'uas_dialog.xml', localPort: UAS_PORT, timeoutMs: 20_000 });
    await uas.ready;
    const uac = await runSipp({ scenario: 'uac_rr.xml', service: 'alice', remote: pbx.sipAddress, localPort: UAC_PORT, callLengthMs: 100, timeoutMs: 15_000 });
    const uasResult = await uas.done;
    expect(uac.exitCode, describeSipp(uac)).toBe(0);
    expect(uasResult.stats.successful, describeSipp(uasResult)).toBe(1);
  });

  test('digest REGISTER with a wrong password is rejected', async () => {
    // The registrar answers the wrong credentials with a fresh 401 challenge …
    const rejected = await runSipp({
      scenario: 'register_reject.xml',
      service: 'bob',
      auth: { username: 'bob', password: 'not-the-password' },
      keys: { contact_port: 5099 },
      remote: pbx.sipAddress,
      localPort: REG_PORT,
      timeoutMs: 10_000,
    });
    expect(rejected.exitCode, describeSipp(rejected)).toBe(0);
    expect(rejected.stats.successful, describeSipp(rejected)).toBe(1);

    // … so the normal registration scenario, which expects 200, fails.
    const reg = await runSipp({
      scenario: 'register.xml',
      service: 'bob',
      auth: { username: 'bob', password: 'not-the-password' },
      keys: { contact_port: 5099 },
      remote: pbx.sipAddress,
      localPort: REG_PORT,
      timeoutMs: 10_000,
    });
    expect(reg.exitCode, describeSipp(reg)).toBe(1);
    expect(reg.stats.failed, describeSipp(reg)).toBe(1);
    expect(reg.stats.successful).toBe(0);
  });

  test('SIP over WebSocket: REGISTER without credentials is challenged, with them accepted', async () => {
    const ws = new WebSocket(pbx.wsUrl, 'sip');
    const inbox: string[] = [];
    const waiters: ((m: string) => void)[] = [];
    ws.on('message', (data) => {
      const text = data.toString();
      const w = waiters.shift();
      if (w) w(text);
      else inbox.push(text);
    });
    const nextMessage = (timeoutMs = 3000) =>
      new Promise<string>((resolve, reject) => {
        const queued = inbox.shift();
        if (queued !== undefined) return resolve(queued);
        const timer = setTimeout(() => reject(new Error('no SIP message over WebSocket within 3 s')), timeoutMs);
        waiters.push((m) => {
          clearTimeout(timer);
          resolve(m);
        });
      });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    try {
      expect(ws.protocol).toBe('sip');
      const user = USERS[0]!;
      const host = pbx.domain;
      const callId = randomBytes(8).toString('hex');
      const tag = randomBytes(4).toString('hex');
      const viaHost = `${randomBytes(4).toString('hex')}.invalid`;
      const uri = `sip:${host}`;
      const register = (cseq: number, extra = '') =>
        `REGISTER ${uri} SIP/2.0\r\n` +
        `Via: SIP/2.0/WS ${viaHost};branch=z9hG4bK${randomBytes(6).toString('hex')}\r\n` +
        `Max-Forwards: 70\r\n` +
        `From: <sip:${user.username}@${host}>;tag=${tag}\r\n` +
        `To: <sip:${user.username}@${host}>\r\n` +
        `Call-ID: ${callId}\r\n` +
        `CSeq: ${cseq} REGISTER\r\n` +
        `Contact: <sip:${user.username}@${viaHost};transport=ws>;expires=60\r\n` +
        extra +
        `Content-Length: 0\r\n\r\n`;

      ws.send(register(1));
      const challenge = await nextMessage();
      expect(challenge).toMatch(/^SIP\/2\.0 401 /);
      const wwwAuth = /^WWW-Authenticate:\s*(Digest .*)$/im.exec(challenge)?.[1];
      expect(wwwAuth, challenge).toBeDefined();
      const param = (name: string) => new RegExp(`${name}="?([^",]+)"?`, 'i').exec(wwwAuth!)?.[1];
      const realm = param('realm');
      const nonce = param('nonce');
      expect(realm).toBeTruthy();
      expect(nonce).toBeTruthy();

      const md5 = (s: string) => createHash('md5').update(s).digest('hex');
      const ha1 = md5(`${user.username}:${realm}:${user.password}`);
      const ha2 = md5(`REGISTER:${uri}`);
      const qop = param('qop') ? 'auth' : undefined;
      const cnonce = randomBytes(8).toString('hex');
      const response = qop ? md5(`${ha1}:${nonce}:00000001:${cnonce}:${qop}:${ha2}`) : md5(`${ha1}:${nonce}:${ha2}`);
      const authz =
        `Authorization: Digest username="${user.username}", realm="${realm}", nonce="${nonce}", uri="${uri}", ` +
        `response="${response}", algorithm=MD5` +
        (qop ? `, qop=${qop}, nc=00000001, cnonce="${cnonce}"` : '') +
        '\r\n';
      ws.send(register(2, authz));
      const ok = await nextMessage();
      expect(ok).toMatch(/^SIP\/2\.0 200 /);
      expect(ok).toMatch(/^Contact:.*transport=ws/im);
    } finally {
      ws.close();
    }
  });
});
