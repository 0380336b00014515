const OPENAI_BASE_URL = 'https://api.openai.com/v1';

/**
 * The sideband WebSocket of a SIP call: `<base_url>/realtime?call_id=…` with http→ws and
 * https→wss (DESIGN §10: the SDK's own helper always uses wss://, which a plain-http local or
 * emulated endpoint cannot answer).
 */
export function sidebandUrl(baseUrl: string | null, realtimeCallId: string): string {
  const url = new URL(`${(baseUrl ?? OPENAI_BASE_URL).replace(/\/+$/, '')}/realtime`);
  url.protocol = url.protocol === 'http:' ? 'ws:' : 'wss:';
  url.searchParams.set('call_id', realtimeCallId);
  return url.toString();
}
