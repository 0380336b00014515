// Setup of tests/bench/sip-calls.ts: Earshot seats through the API, and a probe call to every
// user of a side until each has answered once (registered), a batch at a time.
import type { Hub } from '../../support/hub.ts';
import type { Kamailio, SipUser } from '../../support/kamailio.ts';
import { sleep } from '../../support/proc.ts';
import type { SippCaller } from './sipp-caller.ts';
import { failureReasons } from './sipp-caller.ts';

/** Headless seats with 51 lines each (max_concurrent_calls 50, the API's maximum). */
export async function createSeats(hub: Hub, pbx: Kamailio, users: SipUser[], o: { firstExtension: number; sendAudio: boolean }): Promise<void> {
  for (const [i, u] of users.entries()) {
    const res = await fetch(`${hub.url}/api/v1/agents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${hub.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: `Bench seat ${u.username}`,
        extension: String(o.firstExtension + i),
        max_concurrent_calls: 50,
        sip: { uri: `sip:${u.username}@127.0.0.1`, password: u.password, ws_url: pbx.wsUrl, media: 'headless', send_audio: o.sendAudio },
      }),
    });
    if (res.status !== 201) throw new Error(`POST /api/v1/agents (${u.username}): ${res.status} ${await res.text()}`);
    await res.arrayBuffer().catch(() => undefined);
  }
}

/** One short call to each user still missing, repeated until every one has answered, within `timeoutMs`. */
export async function waitAnswering(caller: SippCaller, label: string, users: SipUser[], timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  let missing = users.map((u) => u.username);
  for (;;) {
    const run = await caller.run(label, { users: missing, calls: missing.length, rate: Math.min(200, missing.length * 10), callLengthMs: 10, timeoutMs: 10_000 });
    const answered = new Set(run.timings.filter((t) => t.answeredMs !== undefined).map((t) => (t.callNo - 1) % missing.length));
    missing = missing.filter((_, i) => !answered.has(i));
    if (missing.length === 0) return;
    if (performance.now() > deadline) {
      throw new Error(`${label}: ${missing.join(', ')} did not answer within ${timeoutMs} ms (not registered?)\n${failureReasons(run.result)}\n${run.result.errors.slice(-1500)}`);
    }
    await sleep(300);
  }
}
