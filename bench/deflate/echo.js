// node echo.js URL CONNECTIONS INFLIGHT SECONDS DEFLATE(0|1) SIZE GOFILE
// One echo-throughput process of bench/deflate/run.sh: CONNECTIONS Node `ws` clients (offering permessage-deflate as
// browsers do and compressing every message, when DEFLATE is 1) keep INFLIGHT messages of SIZE bytes (JSON-like
// text) in flight each; once GOFILE exists it counts the echoes for SECONDS and prints one JSON line.
const WebSocket = require('ws');
const fs = require('fs');
const [url, n, inflight, seconds, deflate, size, goFile] = [process.argv[2], +process.argv[3], +process.argv[4],
  +process.argv[5], process.argv[6] === '1', +process.argv[7], process.argv[8]];
const payload = ('{"type":"update","id":12345,"text":"Hello Cruel World","values":[1,2,3,4,5]} ')
  .repeat(Math.ceil(size / 80)).slice(0, size);
// threshold 0: every message compressed, as browsers do; a zlib operation goes through libuv's thread pool, and ws's
// default of 10 at a time per process left the generator waiting, not working, on a busy machine
const options = { perMessageDeflate: deflate ? { clientMaxWindowBits: true, threshold: 0, concurrencyLimit: 1000 } : false };
let echoed = 0, counting = false, negotiated = 0, ready = 0, errors = 0;
for (let i = 0; i < n; i++) {
  const ws = new WebSocket(url, options);
  ws.on('open', () => {
    if ((ws.extensions || '').startsWith('permessage-deflate')) negotiated++;
    for (let k = 0; k < inflight; k++) ws.send(payload);
    if (++ready === n) go();
  });
  ws.on('message', () => { if (counting) echoed++; ws.send(payload); });
  ws.on('error', () => { errors++; });
}
async function go() {
  while (!fs.existsSync(goFile)) await new Promise(r => setTimeout(r, 20));
  counting = true;
  const t0 = Date.now();
  setTimeout(() => {
    const s = (Date.now() - t0) / 1000;
    console.log(JSON.stringify({ negotiated, errors, perSecond: Math.round(echoed / s) }));
    process.exit(0);
  }, seconds * 1000);
}
