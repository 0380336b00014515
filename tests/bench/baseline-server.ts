// Baseline for tests/bench/run.ts: the smallest server that answers GET /health like the hub
// (JSON, 200), started the same way (same node binary, child process, same polling).
//   node tests/bench/baseline-server.ts --port P [--host 127.0.0.1]
import { createServer } from 'node:http';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const port = Number(arg('--port', '0'));
const host = arg('--host', '127.0.0.1');

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/health') {
    const body = JSON.stringify({ status: 'healthy', timestamp: new Date().toISOString(), service: 'baseline', database: 'connected' });
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
    return;
  }
  res.writeHead(404).end();
});
server.listen(port, host, () => process.stdout.write(`baseline listening on ${host}:${port}\n`));
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
