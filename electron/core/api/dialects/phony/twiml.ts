const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const xml = (s: string): string => s.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);

/**
 * TwiML that bridges the Twilio call to a SIP address (`<Dial><Sip>`), with custom `X-` SIP
 * headers appended to the URI as Twilio expects (`sip:…?X-Name=value&…`); the far end answers
 * only once it is connected (`answerOnBridge`), so the caller hears ringing until then.
 */
export function dialSipTwiml(sipUri: string, headers: Record<string, string>): string {
  const query = Object.entries(headers)
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
    .join('&');
  const uri = query ? `${sipUri}${sipUri.includes('?') ? '&' : '?'}${query}` : sipUri;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Dial answerOnBridge="true"><Sip>${xml(uri)}</Sip></Dial></Response>`;
}
