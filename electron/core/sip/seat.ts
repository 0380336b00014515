import { Registerer, RegistererState, SIPExtension, UserAgent, type Invitation, type LogLevel, type Session, type SessionDescriptionHandler } from 'sip.js';
import type { SipRegistrationState } from '../../../shared/contracts/core-status.ts';
import type { Agent } from '../../../shared/domain/agent.ts';
import { EARSHOT_VERSION } from '../version.ts';
import { Backoff } from './backoff.ts';

export interface SeatState {
  state: SipRegistrationState;
  detail: string | null;
}

export interface SeatOptions {
  agent: Agent;
  sipPassword: string;
  onState(state: SeatState): void;
  onInvite(invitation: Invitation): void;
  /** Media for every session of this seat (the renderer bridge, or the headless endpoint). */
  sdhFactory(session: Session): SessionDescriptionHandler;
  log(line: string): void;
  /** Seconds; the registrar may shorten it. */
  registerExpires?: number;
  backoff?: Backoff;
}

const SIP_LOG_LEVEL: LogLevel = 'warn';
const UNREGISTER_WAIT_MS = 2000;
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * One agent's SIP user agent in the core: registers over SIP-over-WebSocket with digest auth,
 * refreshes before expiry, and reconnects with back-off when the PBX or the network drops.
 * sip.js itself does not reconnect; this class does.
 */
export class Seat {
  private readonly opts: SeatOptions;
  private readonly ua: UserAgent;
  private readonly registerer: Registerer;
  private readonly backoff: Backoff;
  private current: SeatState = { state: 'unregistered', detail: null };
  private retryTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(opts: SeatOptions) {
    const sip = opts.agent.sip;
    if (!sip) throw new Error(`agent ${opts.agent.id} has no SIP account`);
    const uri = UserAgent.makeURI(sip.uri);
    if (!uri) throw new Error(`agent ${opts.agent.id}: '${sip.uri}' is not a SIP URI`);
    this.opts = opts;
    this.backoff = opts.backoff ?? new Backoff(1000, 30_000);
    this.ua = new UserAgent({
      uri,
      authorizationUsername: sip.username,
      authorizationPassword: opts.sipPassword,
      displayName: opts.agent.name,
      transportOptions: { server: sip.ws_url, connectionTimeout: 5, keepAliveInterval: 25 },
      userAgentString: `Earshot/${EARSHOT_VERSION}`,
      logBuiltinEnabled: false,
      logLevel: SIP_LOG_LEVEL,
      // sip.js hands every level to the connector; only problems reach the hub's log.
      logConnector: (level, category, _label, content) => {
        if (level === 'error' || level === 'warn') opts.log(`sip ${level} ${category}: ${content}`);
      },
      sessionDescriptionHandlerFactory: (session) => opts.sdhFactory(session),
      // The line manager sends the 180 itself: a supervisor's monitor call is answered (or
      // refused) without one, as it never rings.
      sendInitialProvisionalResponse: false,
      // Attended transfers arrive as INVITE with Replaces (RFC 3891).
      sipExtensionReplaces: SIPExtension.Supported,
      delegate: {
        onDisconnect: (error) => this.onDisconnect(error),
        onInvite: (invitation) => opts.onInvite(invitation),
      },
    });
    this.registerer = new Registerer(this.ua, { expires: opts.registerExpires ?? 300 });
    this.registerer.stateChange.addListener((s) => {
      if (s === RegistererState.Registered) {
        this.backoff.reset();
        this.setState('registered', null);
      }
      // Expired or refused on refresh: start over (connectAndRegister keeps the back-off).
      if (s === RegistererState.Unregistered && !this.stopped && this.current.state === 'registered') {
        this.fail('the registration lapsed');
      }
    });
  }

  get state(): SeatState {
    return this.current;
  }

  get userAgent(): UserAgent {
    return this.ua;
  }

  start(): void {
    void this.connectAndRegister();
  }

  /** Unregisters (best effort) and closes the transport. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.registerer.state === RegistererState.Registered) {
      // Best effort: a PBX that does not answer must not hold up a shutdown (SIP would wait 32 s).
      await Promise.race([this.registerer.unregister().catch(() => undefined), delay(UNREGISTER_WAIT_MS)]);
    }
    await this.ua.stop().catch(() => undefined);
    this.setState('unregistered', null);
  }

  private async connectAndRegister(): Promise<void> {
    if (this.stopped) return;
    this.setState('registering', null);
    try {
      if (this.ua.isConnected()) {
        await this.register();
        return;
      }
      await (this.ua.state === 'Started' ? this.ua.reconnect() : this.ua.start());
      await this.register();
    } catch (err) {
      this.fail(`cannot reach ${this.opts.agent.sip?.ws_url}: ${(err as Error).message}`);
    }
  }

  private async register(): Promise<void> {
    await this.registerer.register({
      requestDelegate: {
        // After a reconnect the registerer may still say Registered (no state change to hear),
        // so the 2xx itself is the signal.
        onAccept: () => {
          this.backoff.reset();
          this.setState('registered', null);
        },
        onReject: (response) => {
          const { statusCode, reasonPhrase } = response.message;
          const why = statusCode === 401 || statusCode === 403 || statusCode === 407 ? 'the PBX refused the SIP credentials' : 'registration refused';
          this.fail(`${why} (${statusCode} ${reasonPhrase})`);
        },
      },
    });
  }

  private onDisconnect(error?: Error): void {
    if (this.stopped) return;
    // sip.js calls this with an error only for an unexpected loss of the transport.
    if (error) this.fail(`connection to the PBX lost: ${error.message}`);
  }

  private fail(detail: string): void {
    if (this.stopped) return;
    this.setState('failed', detail);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const delay = this.backoff.next();
    this.opts.log(`seat ${this.opts.agent.id}: ${detail}; retrying in ${delay} ms`);
    this.retryTimer = setTimeout(() => void this.connectAndRegister(), delay);
    this.retryTimer.unref();
  }

  private setState(state: SipRegistrationState, detail: string | null): void {
    if (state === this.current.state && detail === this.current.detail) return;
    this.current = { state, detail };
    this.opts.onState(this.current);
  }
}
