// Baseline for tests/bench/wallboard-fanout.ts: the least a server can do to fan messages out —
// a bare node:http + `ws` server that sends every string POSTed to /broadcast (a JSON array) to
// every connected WebSocket. Started like the hub (child process, GET /health polled).
//   node tests/bench/wallboard-fanout/broadcast-server.ts --port P [--host 127.0.0.1]
import { createServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const port = Number(arg('--port', '0'));
const host = arg('--host', '127.0.0.1');
const clients = new Set<WebSocket>();

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/health') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"healthy"}');
    return;
  }
  if (req.method === 'POST' && req.url === '/broadcast') {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const messages = JSON.parse(Buffer.concat(chunks).toString('utf8')) as string[];
      for (const m of messages) for (const ws of clients) ws.send(m);
      res.writeHead(204).end();
    });
    return;
  }
  res.writeHead(404).end();
});

const wss = new WebSocketServer({ server, path: '/events' });
wss.on('connection', (ws) => {
  clients.add(ws);
  ws.on('close', () => clients.delete(ws));
});

server.listen(port, host, () => process.stdout.write(`broadcast baseline listening on ${host}:${port}\n`));
process.on('SIGTERM', () => {
  for (const ws of clients) ws.terminate();
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
