// Connects the softphone view to the stores: lines, dialling, recent calls, typed DTMF digits,
// the 3-way conference, the transfer directory, click-to-dial and the do-not-disturb toggle.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { availableActions, isEnded } from '../../../../shared/sip/line-state.ts';
import { useAgents, useCalls, useClickToDial, useConference, useLines, usePhoneSettings, usePreferences, useSession, useStatus, useStores } from '../../app/stores-context.tsx';
import { useFormat } from '../../app/use-format.ts';
import { useNow } from '../../app/use-now.ts';
import { isActiveCall } from '../../state/calls.store.ts';
import type { ClickToDialRequest } from '../../state/click-to-dial.store.ts';
import { conferencePartner } from '../../state/conference.store.ts';
import { consultTarget, DIAL_KEY } from '../../state/lines.store.ts';
import { CallTranscript } from '../transcript/CallTranscript.tsx';
import { directoryEntries } from './directory.ts';
import { remoteName } from './LineCard.tsx';
import { SoftphoneView } from './SoftphoneView.tsx';
import { dtmfDigitFor, isTypingTarget } from './shortcuts.ts';
import { useDialValidation } from './use-dial-validation.ts';

export function SoftphoneContainer() {
  const { t } = useTranslation();
  const { lines: linesStore, conference: conferenceStore, clickToDial: clickToDialStore, phoneSettings: phoneSettingsStore } = useStores();
  const fmt = useFormat();
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
  // A link's target (click-to-dial) that opened the softphone starts in the dial input.
  const [dialValue, setDialValue] = useState(() => clickToDialStore.getState().request?.target ?? '');
  const dialRef = useRef<HTMLInputElement>(null);
  const agents = useAgents((s) => s.agents);
  const directory = useMemo(() => directoryEntries(agents, agentId), [agents, agentId]);
  const conferenceMembers = useConference((s) => s.members);
  const joining = useConference((s) => s.joining);
  const settings = usePhoneSettings((s) => s.settings);
  const savingSettings = usePhoneSettings((s) => s.saving);
  const registered = useStatus((s) => s.status?.sip.state === 'registered');
  const linkRequest = useClickToDial((s) => s.request);
  const linkConfirmed = useClickToDial((s) => s.confirmed);
  const liveCalls = useCalls((s) => s.live.calls);
  const aiConfigured = useStatus((s) => s.status !== null && s.status.ai.state !== 'unconfigured');
  const liveTranscript = usePreferences((s) => s.liveTranscript);

  // The selected line's call, once answered, shows its live transcript under the card.
  const selectedLine = lines.find((l) => l.line_id === selectedId) ?? null;
  const selectedCall = selectedLine ? (liveCalls.find((c) => c.sid === selectedLine.call_sid) ?? recent.calls.find((c) => c.sid === selectedLine.call_sid) ?? null) : null;
  const transcript =
    selectedLine && selectedLine.answered_at !== null && selectedCall && aiConfigured
      ? {
          lineId: selectedLine.line_id,
          content: liveTranscript ? (
            <CallTranscript key={selectedCall.id} callId={selectedCall.id} variant="compact" live={!isEnded(selectedLine)} />
          ) : (
            <p className="muted small">{t('transcript.off')}</p>
          ),
        }
      : null;

  // A target from a link goes into the dial input; one from inside the console is only
  // prefilled (the agent presses Call), one from outside waits for the prompt's confirmation.
  useEffect(() => {
    const take = (request: ClickToDialRequest): void => {
      if (request.confirm) return;
      clickToDialStore.getState().clear();
      requestAnimationFrame(() => dialRef.current?.focus());
    };
    const initial = clickToDialStore.getState().request;
    if (initial) take(initial);
    return clickToDialStore.subscribe((next, prev) => {
      if (!next.request || next.request === prev.request) return;
      setDialValue(next.request.target);
      take(next.request);
    });
  }, [clickToDialStore]);

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

  // A confirmed click-to-dial call goes out once the seat is registered (and only once).
  const linkTarget = linkRequest?.confirm ? linkRequest.target : null;
  const linkError = linkTarget === null ? null : validate(linkTarget);
  useEffect(() => {
    if (!linkConfirmed || linkTarget === null || !registered || linkError !== null) return;
    clickToDialStore.getState().clear();
    void linesStore
      .getState()
      .dial(linkTarget)
      .then((line) => {
        if (line) setDialValue((v) => (v === linkTarget ? '' : v));
      });
  }, [linkConfirmed, linkTarget, registered, linkError, clickToDialStore, linesStore]);

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
          directory,
          showMonitoring: settings?.show_monitoring !== false,
          conference: (() => {
            const inConference = conferenceMembers?.includes(id) ?? false;
            const partner = inConference ? lines.find((l) => l.line_id !== id && conferenceMembers?.includes(l.line_id)) : conferencePartner(lines, id);
            return {
              active: inConference,
              partnerName: partner ? remoteName(partner, (raw) => fmt.phone(raw)).name : null,
              joining,
              onJoin: () => void conferenceStore.getState().start(id),
              onSplit: () => void conferenceStore.getState().split(id),
            };
          })(),
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
      dnd={settings ? { on: settings.do_not_disturb, saving: savingSettings, onToggle: (on) => void phoneSettingsStore.getState().update({ do_not_disturb: on }) } : null}
      clickToDial={
        linkTarget !== null
          ? {
              target: linkTarget,
              error: linkError,
              waiting: linkConfirmed,
              onConfirm: () => clickToDialStore.getState().confirm(),
              onCancel: () => {
                clickToDialStore.getState().clear();
                setDialValue((v) => (v === linkTarget ? '' : v));
              },
            }
          : null
      }
      recent={{ calls: recent.calls.filter((c) => !isActiveCall(c)), loaded: recent.loaded, error: recent.error, canDial: hasAccount && !dialing, onCall: dial }}
      transcript={transcript}
    />
  );
}
