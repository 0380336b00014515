export const AGENT_ROLES = ['agent', 'supervisor', 'admin'] as const;
export type AgentRole = (typeof AGENT_ROLES)[number];

export const AGENT_STATUSES = ['offline', 'available', 'busy', 'wrap-up', 'away'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

export interface IceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}

/** A seat's SIP account as the console sees it: the password never leaves the core. */
export interface SipAccount {
  uri: string;
  username: string;
  ws_url: string;
  ice_servers: IceServer[];
  has_password: boolean;
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
