export type SipRegistrationState = 'no-account' | 'unregistered' | 'registering' | 'registered' | 'failed';
export type AiReachability = 'unconfigured' | 'checking' | 'reachable' | 'unreachable';

export interface CoreStatus {
  version: string;
  started_at: string;
  /** The signed-in seat's registration; `no-account` until a SIP account is set. */
  sip: { state: SipRegistrationState; detail: string | null };
  ai: { state: AiReachability; base_url: string | null; checked_at: string | null; detail: string | null };
  /** True while the AI endpoint is out of reach: AI features pause, telephony goes on. */
  offline: boolean;
}
