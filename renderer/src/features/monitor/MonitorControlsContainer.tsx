import './monitor.css';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { MonitorMode } from '../../../../shared/contracts/monitor-client.ts';
import type { Call } from '../../../../shared/domain/call.ts';
import { useLines, useMonitor, useSession, useStores } from '../../app/stores-context.tsx';
import { lastListenerLeg, listenerLeg, monitorFailure, monitorOf } from '../../state/monitor.store.ts';
import { isTypingTarget } from '../softphone/shortcuts.ts';
import { MonitorControls, type MonitorPhase } from './MonitorControls.tsx';
import { onGlobalHotkey } from '../../app/hotkeys/desktop-hotkeys.ts';
import { MONITOR_SHORTCUTS, monitorShortcutFor, type MonitorShortcut } from './monitor-shortcuts.ts';

const CONNECTED = ['talking', 'on-hold', 'remote-hold'];

/**
 * Supervision of a human agent's live call, for supervisors and admins; its hotkeys work while
 * it is on screen. After a take-over it stays to say so; otherwise it goes when the call ends.
 */
export function MonitorControlsContainer({ call, active, agentName }: { call: Call; active: boolean; agentName: string | null }) {
  const { t } = useTranslation();
  const { monitor } = useStores();
  const me = useSession((s) => s.session?.agent);
  const leg = useLines((s) => listenerLeg(s.monitorLegs, call.sid));
  const failure = monitorFailure(useLines((s) => lastListenerLeg(s.monitorLegs, call.sid)));
  const state = useMonitor((s) => monitorOf(s, call.id));
  const allowed = me !== undefined && (me.role === 'supervisor' || me.role === 'admin') && call.agent_id !== me.id;
  const unavailable = me?.sip ? null : t('monitor.noSeat');

  const usable = allowed && active && unavailable === null;
  const monitoring = leg !== null;
  const { id: callId, sid: callSid } = call;

  useEffect(() => {
    if (!usable) return undefined;
    const run = (action: MonitorShortcut): void => {
      const store = monitor.getState();
      if (action === 'take-over') void store.takeOver(callId);
      else if (action === 'stop') {
        if (monitoring) void store.stop(callId);
      } else void store.setMode(callId, callSid, action);
    };
    const onKey = (e: KeyboardEvent): void => {
      const action = monitorShortcutFor(e);
      if (!action || e.defaultPrevented || e.repeat || isTypingTarget(e.target)) return;
      e.preventDefault();
      run(action);
    };
    window.addEventListener('keydown', onKey);
    const offGlobal = onGlobalHotkey((action) => {
      if ((MONITOR_SHORTCUTS as readonly string[]).includes(action)) run(action as MonitorShortcut);
    });
    return () => {
      window.removeEventListener('keydown', onKey);
      offGlobal();
    };
  }, [usable, monitoring, monitor, callId, callSid]);

  const phase: MonitorPhase = leg ? (CONNECTED.includes(leg.state) ? 'active' : 'connecting') : state.done === 'take-over' ? 'taken-over' : 'idle';
  if (!allowed || (!active && phase !== 'taken-over')) return null;
  return (
    <MonitorControls
      phase={phase}
      mode={leg?.monitor?.mode ?? null}
      via={leg?.monitor?.via ?? null}
      agentName={agentName}
      busy={state.busy}
      error={state.error}
      failed={failure && phase === 'idle' ? [failure.code, failure.detail].filter((x) => x !== null).join(' ') : null}
      unavailable={unavailable}
      onMode={(mode: MonitorMode) => void monitor.getState().setMode(call.id, call.sid, mode)}
      onTakeOver={() => void monitor.getState().takeOver(call.id)}
      onStop={() => void monitor.getState().stop(call.id)}
    />
  );
}
