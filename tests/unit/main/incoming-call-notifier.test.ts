import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../../shared/contracts/domain-events.ts';
import { initialLine, reduceLine, type LineState } from '../../../shared/sip/line-state.ts';
import { createIncomingCallNotifier } from '../../../electron/main/incoming-call-notifier.ts';

const incoming = initialLine({ line_id: 'l1', call_sid: 'CA1', direction: 'inbound', remote: { uri: '+15551230000', display: 'Jane Caller' }, at: '2026-01-01T00:00:00Z' });
const env = (line: LineState): EventEnvelope => ({ seq: 1, at: '', tenant_id: 'default', event: { type: 'line.updated', agent_id: 1, line } });

function setup(focused: boolean) {
  const shown: { title: string; body: string; silent: boolean }[] = [];
  let clickHandler: (() => void) | null = null;
  let focusedCalls = 0;
  const notify = createIncomingCallNotifier({
    isSupported: () => true,
    create: (options) => ({
      show: () => shown.push(options),
      on: (_e, listener) => (clickHandler = listener),
    }),
    isFocused: () => focused,
    focus: () => focusedCalls++,
  });
  return { notify, shown, click: () => clickHandler?.(), focusedCalls: () => focusedCalls };
}

describe('desktop notification for incoming calls', () => {
  it('shows one silent notification per ringing call while the console is in the background; a click focuses it', () => {
    const s = setup(false);
    s.notify(env(incoming));
    s.notify(env(incoming));
    expect(s.shown).toEqual([{ title: 'Incoming call', body: 'Jane Caller', silent: true }]);
    s.click();
    expect(s.focusedCalls()).toBe(1);
  });

  it('stays quiet when the console has the focus, and for lines that are not ringing', () => {
    const focused = setup(true);
    focused.notify(env(incoming));
    expect(focused.shown).toEqual([]);
    const bg = setup(false);
    bg.notify(env(reduceLine(reduceLine(incoming, { type: 'answer' }), { type: 'confirmed', at: '2026-01-01T00:00:01Z' })));
    expect(bg.shown).toEqual([]);
  });
});
