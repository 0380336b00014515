import WebSocket from 'ws';

/**
 * sip.js opens its transport with `new WebSocket(server, 'sip')` from the global scope. In Node
 * we give it the `ws` client: measured faster here than Node's built-in one, and it takes the
 * office's CA (PEM) for PBXs with a self-signed certificate (NODE_EXTRA_CA_CERTS works too).
 */
export function installSipWebSocket(ca?: string): void {
  // sip.js passes only (url, protocols): a subclass adds the office CA to every TLS handshake.
  class SipWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, ca ? { ca } : {});
    }
  }
  (globalThis as { WebSocket?: unknown }).WebSocket = SipWebSocket;
}
