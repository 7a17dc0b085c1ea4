// node fanin.js URL CONNECTIONS SECONDS DEFLATE(0|1) -> JSON line: connected, negotiated, sent, received, p50/p99 ms
const WebSocket = require('ws');
const [url, n, seconds, deflate] = [process.argv[2], +process.argv[3], +process.argv[4], process.argv[5] === '1'];
let open = 0, negotiated = 0, sent = 0, received = 0, errors = 0; const lat = [];
const sockets = [];
function connect(i) {
  return new Promise(resolve => {
    const ws = new WebSocket(url, { perMessageDeflate: deflate ? { clientMaxWindowBits: true } : false });
    ws.on('open', () => { open++; if ((ws.extensions || '').includes('permessage-deflate')) negotiated++; sockets.push(ws); resolve(); });
    ws.on('message', d => { received++; const t = +d.toString().split(' ')[1]; lat.push(Number(process.hrtime.bigint() / 1000n) - t); });
    ws.on('error', () => { errors++; resolve(); });
  });
}
(async () => {
  for (let i = 0; i < n; i += 50) await Promise.all(Array.from({length: Math.min(50, n - i)}, (_, k) => connect(i + k)));
  console.error(JSON.stringify({phase: 'open', open, negotiated, errors}));
  process.stdout.write('OPEN\n');
  // one ~55-byte message per second per connection, spread over the second
  const start = Date.now();
  const timer = setInterval(() => {
    const slot = Math.floor((Date.now() - start) / 10) % 100;
    for (let i = slot; i < sockets.length; i += 100) {
      const ws = sockets[i];
      if (ws.readyState === 1) { ws.send('hello ' + Number(process.hrtime.bigint() / 1000n) + ' Hello Cruel World 2026-12-02T02:30:00Z'); sent++; }
    }
  }, 10);
  setTimeout(() => {
    clearInterval(timer);
    setTimeout(() => {
      lat.sort((a, b) => a - b);
      const q = p => lat.length ? (lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] / 1000).toFixed(1) : null;
      console.log(JSON.stringify({open, negotiated, errors, sent, received, p50: q(0.5), p99: q(0.99)}));
      process.stdout.write('DONE\n');
      setInterval(() => {}, 1000); // stay connected until killed, for the RSS reading
    }, 2000);
  }, seconds * 1000);
})();
