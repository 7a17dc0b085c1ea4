// Bun's built-in WebSocket server (uWebSockets underneath): the benchmark's best-in-class anchor, with the same
// endpoints as bench/ws-server.js. /echo sends every message back; /receive counts and drops; GET /status
// answers in wsprobe's shape ({"endpoints":{"/receive":{"messagesReceived":N,...}}}).
// Usage: bun bench/bun-server.js PORT [CERT.pem KEY.pem]   (127.0.0.1 only, over TLS when given a certificate
// and its key; prints "listening" when ready). Bun comes from the npm package @oven/bun-linux-x64, which
// bench/run.sh installs into bench/.deps.
const port = Number(process.argv[2] || 12345);
const [certFile, keyFile] = process.argv.slice(3);
const started = Date.now();
const endpoints = {};
for (const path of ['/receive', '/echo']) {
  endpoints[path] = { openConnections: 0, connectionsAccepted: 0, messagesReceived: 0, bytesReceived: 0 };
}

const server = Bun.serve({
  hostname: '127.0.0.1',
  port,
  tls: certFile ? { cert: Bun.file(certFile), key: Bun.file(keyFile) } : undefined,
  fetch(request, bun) {
    const path = new URL(request.url).pathname;
    if (path === '/status') {
      return Response.json({ uptimeSeconds: (Date.now() - started) / 1000, endpoints });
    }
    if (endpoints[path] && bun.upgrade(request, { data: { stats: endpoints[path], echo: path === '/echo' } })) {
      return undefined;
    }
    return new Response(null, { status: 404 });
  },
  websocket: {
    // as the other servers: no compression, no idle timeout (Bun's default closes after 120 s of silence)
    perMessageDeflate: false,
    idleTimeout: 0,
    open(ws) {
      ws.data.stats.openConnections++;
      ws.data.stats.connectionsAccepted++;
    },
    message(ws, message) {
      const { stats } = ws.data;
      stats.messagesReceived++;
      stats.bytesReceived += typeof message === 'string' ? Buffer.byteLength(message) : message.byteLength;
      if (ws.data.echo) ws.send(message);
    },
    close(ws) {
      ws.data.stats.openConnections--;
    },
  },
});
console.log(`listening on ${certFile ? 'wss' : 'ws'}://127.0.0.1:${server.port}/`);
