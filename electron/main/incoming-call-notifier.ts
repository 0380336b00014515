// Runs in: Electron main. A desktop notification for a ringing call while the console is not in
// front, so an agent working in another window notices it; clicking it brings the console up.
import type { EventEnvelope } from '../../shared/contracts/domain-events.ts';
import { isMonitorLeg } from '../../shared/sip/line-monitor.ts';

export interface NotificationLike {
  show(): void;
  on(event: 'click', listener: () => void): unknown;
}

export interface IncomingCallNotifierDeps {
  isSupported(): boolean;
  create(options: { title: string; body: string; silent: boolean }): NotificationLike;
  /** Whether the console window has the focus (then the in-page toast is enough). */
  isFocused(): boolean;
  focus(): void;
}

export function createIncomingCallNotifier(deps: IncomingCallNotifierDeps): (envelope: EventEnvelope) => void {
  const notified = new Set<string>();
  return (envelope) => {
    const { event } = envelope;
    if (event.type !== 'line.updated') return;
    const { line } = event;
    // A supervisor's monitor call answers itself and is no call of the agent's.
    if (line.state !== 'incoming' || isMonitorLeg(line)) {
      notified.delete(line.line_id);
      return;
    }
    if (notified.has(line.line_id) || deps.isFocused() || !deps.isSupported()) return;
    notified.add(line.line_id);
    // Silent: the console's own ringer already plays on the chosen ring device.
    const n = deps.create({ title: 'Incoming call', body: line.remote.display || line.remote.uri, silent: true });
    n.on('click', deps.focus);
    n.show();
  };
}
