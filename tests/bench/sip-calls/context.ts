// What the phases of tests/bench/sip-calls.ts share: the two sides, their users and processes,
// the SIPp caller.
import type { SipUser } from '../../support/kamailio.ts';
import type { SippCaller } from './sipp-caller.ts';

export type Side = 'baresip' | 'earshot';
export const SIDES: Side[] = ['baresip', 'earshot'];
export const LABEL: Record<Side, string> = { baresip: 'baresip', earshot: 'Earshot' };

export interface Target {
  side: Side;
  pid: number;
  logTail(lines?: number): string;
  alive(): boolean;
}

export interface Bench {
  caller: SippCaller;
  /** The users each side answers as (Earshot: headless seats; baresip: accounts), round-robin targets. */
  users: Record<Side, SipUser[]>;
  targets: Record<Side, Target>;
  /** Kamailio's main process (its workers are its children) and its log file. */
  pbxPid: number;
  pbxLog: string;
  hubUrl: string;
  hubApiKey: string;
}

export const usernames = (users: SipUser[]): string[] => users.map((u) => u.username);
