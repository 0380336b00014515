export const AGENT_ROLES = ['agent', 'supervisor', 'admin'] as const;
export type AgentRole = (typeof AGENT_ROLES)[number];

export const AGENT_STATUSES = ['offline', 'available', 'busy', 'wrap-up', 'away'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

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
  login_username: string | null;
  sip: SipAccount | null;
  created_at: string;
  updated_at: string;
}
