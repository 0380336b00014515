import type { Agent } from '../domain/agent.ts';

export interface LoginRequest {
  tenant_id?: string;
  username: string;
  password: string;
}

export interface ConsoleSession {
  agent: Agent;
  tenant_id: string;
  expires_at: string;
}
