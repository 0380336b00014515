export const AGENT_ROLES = ['agent', 'supervisor', 'admin'] as const;
export type AgentRole = (typeof AGENT_ROLES)[number];

export const AGENT_STATUSES = ['offline', 'available', 'busy', 'wrap-up', 'away'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

/** Why an agent is away (paused): shown on the wallboard and kept in the status history. */
export const AWAY_REASONS = ['break', 'lunch', 'training', 'meeting', 'supervising', 'missed-offer', 'other'] as const;
export type AwayReason = (typeof AWAY_REASONS)[number];

/** Reasons a person picks for an agent of `role`: `missed-offer` is the queue's own, and agents do not supervise. */
export const awayReasonsFor = (role: AgentRole): AwayReason[] => AWAY_REASONS.filter((r) => r !== 'missed-offer' && (r !== 'supervising' || role !== 'agent'));

export interface IceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}

export const SEAT_MEDIA = ['renderer', 'headless'] as const;
/** `renderer`: audio in the agent's console (WebRTC); `headless`: RTP in the core, auto-answer (tests, load, voice bots). */
export type SeatMedia = (typeof SEAT_MEDIA)[number];

/** A seat's SIP account as the console sees it: the password never leaves the core. */
export interface SipAccount {
  uri: string;
  username: string;
  ws_url: string;
  ice_servers: IceServer[];
  has_password: boolean;
  media: SeatMedia;
  /**
   * Headless seats only: false makes a listen-only seat that answers recvonly and sends no RTP
   * (call taps, signalling load). The core always sets it; absent means true.
   */
  send_audio?: boolean;
}

export interface Agent {
  id: number;
  tenant_id: string;
  name: string;
  extension: string | null;
  role: AgentRole;
  skills: string[];
  max_concurrent_calls: number;
  status: AgentStatus;
  /** Away: one of AWAY_REASONS; busy: `on-call` while calls make it so; else null. */
  status_reason: string | null;
  /** When the current status began (time in state). */
  status_since: string;
  /** Wrap-up only: when it ends and the agent is available again. */
  wrap_up_until: string | null;
  login_username: string | null;
  sip: SipAccount | null;
  created_at: string;
  updated_at: string;
}
