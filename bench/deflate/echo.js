// node echo.js URL CONNECTIONS INFLIGHT SECONDS DEFLATE SIZE -> echoes per second
const WebSocket = require('ws');
const [url, n, inflight, seconds, deflate, size] = [process.argv[2], +process.argv[3], +process.argv[4], +process.argv[5], process.argv[6] === '1', +process.argv[7]];
const payload = ('{"type":"update","id":12345,"text":"Hello Cruel World","values":[1,2,3,4,5]} ').repeat(Math.ceil(size / 80)).slice(0, size);
let echoed = 0, measuring = false, negotiated = 0;
let ready = 0;
for (let i = 0; i < n; i++) {
  const ws = new WebSocket(url, { perMessageDeflate: deflate ? { clientMaxWindowBits: true, threshold: 0 } : false });
  ws.on('open', () => { if ((ws.extensions || '').includes('permessage-deflate')) negotiated++; for (let k = 0; k < inflight; k++) ws.send(payload); if (++ready === n) go(); });
  ws.on('message', () => { if (measuring) echoed++; ws.send(payload); });
}
function go() {
  setTimeout(() => { measuring = true; const t0 = Date.now();
    setTimeout(() => { const s = (Date.now() - t0) / 1000; console.log(JSON.stringify({negotiated, perSecond: Math.round(echoed / s)})); process.exit(0); }, seconds * 1000);
  }, 3000);
}
