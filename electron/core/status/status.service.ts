import type { CoreStatus } from '../../../shared/contracts/core-status.ts';
import type { Agent } from '../../../shared/domain/agent.ts';
import type { AiHealth } from '../ai/ai-health.ts';
import { EARSHOT_VERSION } from '../version.ts';

export type SipStateOf = (agent: Agent) => { state: CoreStatus['sip']['state']; detail: string | null };

/** The status bar's facts: the seat's registration, AI reachability, offline. */
export class StatusService {
  private readonly startedAt = new Date().toISOString();
  private readonly ai: () => AiHealth;
  private readonly sipStateOf: SipStateOf;

  constructor(ai: () => AiHealth, sipStateOf: SipStateOf) {
    this.ai = ai;
    this.sipStateOf = sipStateOf;
  }

  forAgent(agent: Agent | null): CoreStatus {
    const ai = this.ai();
    return {
      version: EARSHOT_VERSION,
      started_at: this.startedAt,
      sip: agent ? this.sipStateOf(agent) : { state: 'no-account', detail: null },
      ai: { state: ai.state, base_url: ai.base_url, checked_at: ai.checked_at, detail: ai.detail },
      offline: ai.state === 'unreachable',
    };
  }
}
