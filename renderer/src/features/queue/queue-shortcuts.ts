// Pure: the queue's keyboard shortcuts. An offer is a call ringing for the agent, so the answer
// and decline keys take it when no phone line rings (a ringing line comes first); Alt+P toggles
// between available and away. Chords come from the hotkey registry as configured here.
import { actionFor, chordLabel, type HotkeyMap, type KeyLike } from '../../app/hotkeys/hotkey-registry.ts';
import { currentHotkeys } from '../../app/hotkeys/hotkeys.store.ts';
import { offerFor, type QueueState } from '../../state/queue.store.ts';
import { shortcutFor, shortcutLabel, ariaShortcut } from '../softphone/shortcuts.ts';

export type QueueShortcut = 'accept-offer' | 'decline-offer' | 'toggle-availability';

/** The queue action for a key, given whether a phone line is ringing (then the line keys are the softphone's). */
export function queueShortcutFor(e: KeyLike, lineRinging: boolean, map: HotkeyMap = currentHotkeys()): QueueShortcut | null {
  if (actionFor(map, ['toggle-availability'], e)) return 'toggle-availability';
  if (lineRinging) return null;
  const line = shortcutFor(e, map);
  if (line === 'answer') return 'accept-offer';
  if (line === 'decline') return 'decline-offer';
  return null;
}

/** As people read it, for tooltips: "Ctrl+Enter, Alt+A". */
export function queueShortcutLabel(action: QueueShortcut, map: HotkeyMap = currentHotkeys()): string {
  if (action === 'accept-offer') return shortcutLabel('answer', map);
  if (action === 'decline-offer') return shortcutLabel('decline', map);
  return map['toggle-availability'].map(chordLabel).join(', ');
}

/** The `aria-keyshortcuts` value. */
export function queueAriaShortcut(action: QueueShortcut, map: HotkeyMap = currentHotkeys()): string {
  if (action === 'accept-offer') return ariaShortcut('answer', map);
  if (action === 'decline-offer') return ariaShortcut('decline', map);
  return map['toggle-availability'].join(' ');
}

/** Runs a queue shortcut for `agentId`; false when there was nothing to act on. */
export function runQueueShortcut(state: QueueState, agentId: number, action: QueueShortcut): boolean {
  const offer = offerFor(state.entries, agentId);
  switch (action) {
    case 'accept-offer':
      if (!offer) return false;
      void state.accept(offer.id);
      return true;
    case 'decline-offer':
      if (!offer) return false;
      void state.decline(offer.id);
      return true;
    case 'toggle-availability': {
      const status = state.agents[agentId]?.status;
      if (status === undefined) return false;
      void (status === 'available' || status === 'busy' ? state.setStatus('away', 'break') : state.setStatus('available'));
      return true;
    }
  }
}
