import type { CoreStatus, SipRegistrationState } from '../../../shared/contracts/core-status.ts';
import type { Agent } from '../../../shared/domain/agent.ts';
import type { AiHealth } from '../ai/ai-health.ts';
import { EARSHOT_VERSION } from '../version.ts';

/**
 * The status bar's facts. SIP state is per seat; until seats register (the softphone work),
 * an agent with an account reads `unregistered`, never a made-up `registered`.
 */
export class StatusService {
  private readonly startedAt = new Date().toISOString();
  private readonly ai: () => AiHealth;

  constructor(ai: () => AiHealth) {
    this.ai = ai;
  }

  forAgent(agent: Agent | null): CoreStatus {
    const ai = this.ai();
    const sip: SipRegistrationState = agent?.sip ? 'unregistered' : 'no-account';
    return {
      version: EARSHOT_VERSION,
      started_at: this.startedAt,
      sip: { state: sip, detail: null },
      ai: { state: ai.state, base_url: ai.base_url, checked_at: ai.checked_at, detail: ai.detail },
      offline: ai.state === 'unreachable',
    };
  }
}
