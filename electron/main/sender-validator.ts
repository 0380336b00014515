// Runs in: Electron main. Who may call the core over IPC.
import type { IpcMainInvokeEvent } from 'electron';

export type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

export interface SenderPolicy {
  isAppUrl(url: string): boolean;
  isOurContents(id: number): boolean;
}

/**
 * Only the main frame of one of our windows, showing the app's own URL. A subframe, another
 * window's contents or a page that navigated elsewhere is refused.
 */
export function isTrustedSender(policy: SenderPolicy, event: SenderEvent): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  if (frame.parent !== null) return false;
  if (!policy.isOurContents(event.sender.id)) return false;
  return policy.isAppUrl(frame.url);
}
