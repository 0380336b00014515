// Runs in: Electron main. tel:/sip: URLs (argv, second instance, macOS open-url) go to the
// console, which asks the agent before dialling; URLs that arrive before the page is ready wait.
import { IPC_DIAL_CHANNEL } from '../../shared/contracts/ipc.ts';

export interface DialTarget {
  send(channel: string, url: string): void;
}

export interface DialForwarder {
  dial(urls: string[]): void;
  /** The console page has loaded in `target`: hand it what waited. */
  ready(target: DialTarget): void;
  /** The window is gone: queue again until the next one is ready. */
  lost(): void;
}

const MAX_WAITING = 5;

export function createDialForwarder(): DialForwarder {
  let target: DialTarget | null = null;
  const waiting: string[] = [];
  return {
    dial(urls) {
      for (const url of urls) {
        if (target) target.send(IPC_DIAL_CHANNEL, url);
        else if (waiting.push(url) > MAX_WAITING) waiting.shift();
      }
    },
    ready(t) {
      target = t;
      for (const url of waiting.splice(0)) t.send(IPC_DIAL_CHANNEL, url);
    },
    lost() {
      target = null;
    },
  };
}
