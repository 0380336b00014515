/**
 * A supervisor on a human agent's call (DESIGN §4): listen (hears caller and agent, nobody hears
 * the supervisor), whisper (the agent hears the supervisor, the caller does not), barge
 * (everybody hears everybody), take over (the caller goes to the supervisor, the agent is
 * released). Two ways, chosen per tenant: `peer` (the supervisor's seat calls the agent's seat
 * with a signed monitor header and the agent's console mixes) or `pbx` (Asterisk/FreePBX ChanSpy
 * feature codes, DTMF to switch).
 */
export const MONITOR_MODES = ['listen', 'whisper', 'barge'] as const;
export type MonitorMode = (typeof MONITOR_MODES)[number];

/** How monitoring reaches the call: the seats themselves (`peer`) or the PBX's ChanSpy (`pbx`). */
export const MONITOR_VIAS = ['peer', 'pbx'] as const;
export type MonitorVia = (typeof MONITOR_VIAS)[number];

/** PBX method: the feature code dialled before the agent's extension, per mode (ChanSpy). */
export type PbxFeatureCodes = Record<MonitorMode, string>;

export interface MonitorSettings {
  via: MonitorVia;
  pbx_codes: PbxFeatureCodes;
  /** DTMF digit that switches a running ChanSpy call (its `d` option) to each mode. */
  pbx_dtmf: Record<MonitorMode, string>;
}

/** The settings as consoles see them: the office monitor secret never leaves the core. */
export interface MonitorSettingsView extends MonitorSettings {
  /** First hex digits of the secret's SHA-256, to compare two cores' secrets; null before first use. */
  secret_fingerprint: string | null;
}

export interface MonitorSettingsUpdate {
  via?: MonitorVia;
  pbx_codes?: Partial<PbxFeatureCodes>;
  pbx_dtmf?: Partial<Record<MonitorMode, string>>;
  /** Sets the office monitor secret (the same value on every core whose seats monitor each other). */
  secret?: string;
  /** Replaces the secret with a new random one (tokens signed with the old one stop working). */
  regenerate_secret?: true;
}

export const DEFAULT_MONITOR_SETTINGS: MonitorSettings = {
  via: 'peer',
  pbx_codes: { listen: '*222', whisper: '*223', barge: '*224' },
  pbx_dtmf: { listen: '4', whisper: '5', barge: '6' },
};

/** A supervisor's monitoring of one call, as the supervisor's console sees it. */
export interface MonitorSession {
  call_id: number;
  call_sid: string;
  /** The supervisor's own line carrying the monitor audio. */
  line_id: string;
  mode: MonitorMode;
  via: MonitorVia;
}

/** Console methods of supervision (see CoreRequests); all but `monitorSettings` need supervisor or admin. */
export interface MonitorRequests {
  /** Starts monitoring a human agent's live call from the supervisor's seat (or switches mode if already monitoring). */
  startMonitor(req: { call_id: number; mode: MonitorMode }): MonitorSession;
  /** Switches mode without renegotiating (SIP INFO in peer mode, DTMF in PBX mode). */
  setMonitorMode(req: { call_id: number; mode: MonitorMode }): MonitorSession;
  /** Hangs up the supervisor's monitor line. */
  stopMonitor(req: { call_id: number }): { ok: true };
  /** The caller goes to the supervisor's seat; the agent is released. */
  takeOver(req: { call_id: number }): { ok: true };
  monitorSettings(req: void): MonitorSettingsView;
  /** Admins only. */
  setMonitorSettings(req: MonitorSettingsUpdate): MonitorSettingsView;
}

export const MONITOR_METHODS = [
  'startMonitor',
  'setMonitorMode',
  'stopMonitor',
  'takeOver',
  'monitorSettings',
  'setMonitorSettings',
] as const satisfies readonly (keyof MonitorRequests)[];

/** SIP wire format of peer monitoring (the supervisor's INVITE and INFO to the agent's seat). */
export const MONITOR_HEADER = 'X-Earshot-Monitor';
export const MONITOR_TOKEN_HEADER = 'X-Earshot-Monitor-Token';
export const MONITOR_INFO_CONTENT_TYPE = 'application/vnd.earshot.monitor+json';
