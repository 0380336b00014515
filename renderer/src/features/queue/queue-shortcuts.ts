// Pure: the queue's keyboard shortcuts. An offer is a call ringing for the agent, so the answer
// and decline keys take it when no phone line rings (a ringing line comes first); Alt+P toggles
// between available and away.
import { offerFor, type QueueState } from '../../state/queue.store.ts';
import { shortcutFor, shortcutLabel, ariaShortcut, type KeyLike } from '../softphone/shortcuts.ts';

export type QueueShortcut = 'accept-offer' | 'decline-offer' | 'toggle-availability';

const TOGGLE_KEYS = ['Alt+P'] as const;

/** The queue action for a key, given whether a phone line is ringing (then the line keys are the softphone's). */
export function queueShortcutFor(e: KeyLike, lineRinging: boolean): QueueShortcut | null {
  if (e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && e.code === 'KeyP') return 'toggle-availability';
  if (lineRinging) return null;
  const line = shortcutFor(e);
  if (line === 'answer') return 'accept-offer';
  if (line === 'decline') return 'decline-offer';
  return null;
}

/** As people read it, for tooltips: "Ctrl+Enter, Alt+A". */
export function queueShortcutLabel(action: QueueShortcut): string {
  if (action === 'accept-offer') return shortcutLabel('answer');
  if (action === 'decline-offer') return shortcutLabel('decline');
  return TOGGLE_KEYS.join(', ');
}

/** The `aria-keyshortcuts` value. */
export function queueAriaShortcut(action: QueueShortcut): string {
  if (action === 'accept-offer') return ariaShortcut('answer');
  if (action === 'decline-offer') return ariaShortcut('decline');
  return TOGGLE_KEYS.join(' ');
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
