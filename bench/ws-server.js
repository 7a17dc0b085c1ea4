// The Node `ws` peer of the benchmark: what users run as a test server instead of wsprobe.
// /echo sends every message back; /receive counts and drops; GET /status answers in wsprobe's shape
// ({"endpoints":{"/receive":{"messagesReceived":N,...}}}) so `wsprobe load` reads both servers the same way.
// Usage: node ws-server.js PORT [CERT.pem KEY.pem]   (listens on 127.0.0.1 only, over TLS when given a
// certificate and its key; prints "listening" when ready)
'use strict';
const fs = require('fs');
const http = require('http');
const https = require('https');
const { WebSocketServer } = require('ws');

const port = Number(process.argv[2] || 12345);
const started = Date.now();
const endpoints = {};
for (const path of ['/receive', '/echo']) {
  endpoints[path] = { openConnections: 0, connectionsAccepted: 0, messagesReceived: 0, bytesReceived: 0 };
}

const [certFile, keyFile] = process.argv.slice(3);
const tls = certFile ? { cert: fs.readFileSync(certFile), key: fs.readFileSync(keyFile) } : null;
const handler = (request, response) => {
  if (request.url === '/status') {
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify({ uptimeSeconds: (Date.now() - started) / 1000, endpoints, tls: tlsHandshakes }));
  } else {
    response.writeHead(404);
    response.end();
  }
};
const server = tls ? https.createServer(tls, handler) : http.createServer(handler);
// TLS handshakes, and how many resumed an earlier session (what a client's session cache saves a server)
const tlsHandshakes = tls ? { handshakes: 0, resumed: 0 } : undefined;
server.on('secureConnection', (socket) => {
  tlsHandshakes.handshakes++;
  if (socket.isSessionReused()) tlsHandshakes.resumed++;
});
// perMessageDeflate off: ws's default, and what wsprobe does; said here so nobody wonders
const sockets = new WebSocketServer({ noServer: true, perMessageDeflate: false });

server.on('upgrade', (request, socket, head) => {
  const stats = endpoints[request.url.split('?')[0]];
  if (!stats) {
    socket.destroy();
    return;
  }
  sockets.handleUpgrade(request, socket, head, (ws) => {
    stats.openConnections++;
    stats.connectionsAccepted++;
    const echo = stats === endpoints['/echo'];
    ws.on('message', (data, isBinary) => {
      stats.messagesReceived++;
      stats.bytesReceived += data.length;
      if (echo) ws.send(data, { binary: isBinary });
    });
    ws.on('close', () => stats.openConnections--);
    ws.on('error', () => {});
  });
});
server.listen(port, '127.0.0.1', () => console.log(`listening on ${tls ? 'wss' : 'ws'}://127.0.0.1:${port}/`));
