import type { AgentRole, AgentStatus, IceServer, SeatMedia } from '../../../shared/domain/agent.ts';

/** An agent as an API client or the CLI describes it; passwords in plain text, once. */
export interface AgentInput {
  name: string;
  extension?: string | null;
  role?: AgentRole;
  skills?: string[];
  max_concurrent_calls?: number;
  status?: AgentStatus;
  login?: { username: string; password: string } | null;
  sip?: { uri: string; username?: string; password?: string; ws_url: string; ice_servers?: IceServer[]; media?: SeatMedia; send_audio?: boolean } | null;
}

/** Accepts the login as `login: {username, password}`, `login_username`/`login_password` or top-level `username`/`password`. */
export function loginFromBody(body: {
  login?: { username: string; password: string } | null;
  login_username?: string;
  login_password?: string;
  username?: string;
  password?: string;
}): { username: string; password: string } | null | undefined {
  if (body.login !== undefined) return body.login;
  if (body.login_username !== undefined && body.login_password !== undefined) {
    return { username: body.login_username, password: body.login_password };
  }
  if (body.username !== undefined && body.password !== undefined) return { username: body.username, password: body.password };
  return undefined;
}
