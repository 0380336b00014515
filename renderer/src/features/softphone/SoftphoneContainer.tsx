// Connects the softphone view to the stores: lines, dialling, recent calls, typed DTMF digits.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { availableActions } from '../../../../shared/sip/line-state.ts';
import { useCalls, useLines, useSession, useStores } from '../../app/stores-context.tsx';
import { useNow } from '../../app/use-now.ts';
import { isActiveCall } from '../../state/calls.store.ts';
import { consultTarget, DIAL_KEY } from '../../state/lines.store.ts';
import { SoftphoneView } from './SoftphoneView.tsx';
import { dtmfDigitFor, isTypingTarget } from './shortcuts.ts';
import { useDialValidation } from './use-dial-validation.ts';

export function SoftphoneContainer() {
  const { t } = useTranslation();
  const { lines: linesStore } = useStores();
  const agentId = useSession((s) => s.session?.agent.id ?? null);
  const hasAccount = useSession((s) => s.session?.agent.sip != null);
  const lines = useLines((s) => s.lines);
  const selectedId = useLines((s) => s.selectedId);
  const busy = useLines((s) => s.busy);
  const errors = useLines((s) => s.errors);
  const consults = useLines((s) => s.consults);
  const dialing = useLines((s) => s.dialing);
  const loaded = useLines((s) => s.loaded);
  const loadError = useLines((s) => s.error);
  const recent = useCalls((s) => s.recent);
  const loadRecent = useCalls((s) => s.loadRecent);
  const now = useNow();
  const { domain, validate } = useDialValidation();
  const [dialValue, setDialValue] = useState('');
  const dialRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (agentId !== null) void loadRecent(agentId);
  }, [agentId, loadRecent]);

  // Digits typed outside a text field: tones on the selected call, else into the dial input.
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || isTypingTarget(event.target)) return;
      const digit = dtmfDigitFor(event);
      if (digit === null) return;
      const state = linesStore.getState();
      const selected = state.lines.find((l) => l.line_id === state.selectedId);
      event.preventDefault();
      if (selected && availableActions(selected).includes('dtmf')) {
        void state.sendDtmf(selected.line_id, digit);
      } else {
        setDialValue((v) => v + digit);
        dialRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [linesStore]);

  const trimmed = dialValue.trim();
  const dialError = trimmed === '' ? null : validate(dialValue);
  const canDial = hasAccount && domain !== null && trimmed !== '' && dialError === null;
  const actions = linesStore.getState();

  const dial = (target: string): void => {
    void actions.dial(target).then((line) => {
      if (line && target === dialValue) setDialValue('');
    });
  };

  return (
    <SoftphoneView
      dialRef={dialRef}
      dial={{
        value: dialValue,
        error: dialError,
        callError: errors[DIAL_KEY]?.message ? t('line.error', { message: errors[DIAL_KEY].message }) : null,
        canDial,
        dialing,
        disabledReason: hasAccount ? null : t('softphone.noAccount'),
        onChange: (v) => {
          setDialValue(v);
          if (errors[DIAL_KEY]) actions.clearError(DIAL_KEY);
        },
        onDial: () => dial(dialValue),
      }}
      lines={lines.map((line) => {
        const original = consultTarget(line, consults);
        const consultOf = original ? (lines.find((l) => l.line_id === original && l.state !== 'ended') ?? null) : null;
        const id = line.line_id;
        return {
          line,
          selected: id === selectedId,
          busy: busy[id],
          error: errors[id] ?? null,
          now,
          consultOf,
          validateTarget: validate,
          onSelect: () => actions.select(id),
          onAnswer: () => void actions.answer(id),
          onDecline: () => void actions.decline(id),
          onHangup: () => void actions.hangup(id),
          onHold: (on) => void actions.setHold(id, on),
          onMute: (on) => void actions.setMute(id, on),
          onDtmf: (digit) => void actions.sendDtmf(id, digit),
          onTransfer: (target) => void actions.transfer(id, target),
          onConsult: (target) => void actions.consult(id, target),
          onCompleteTransfer: () => void actions.completeTransfer(id),
          onDismiss: () => void actions.dismiss(id),
          onClearError: () => actions.clearError(id),
        };
      })}
      linesLoaded={loaded}
      linesError={loadError}
      recent={{ calls: recent.calls.filter((c) => !isActiveCall(c)), loaded: recent.loaded, error: recent.error, canDial: hasAccount && !dialing, onCall: dial }}
    />
  );
}
