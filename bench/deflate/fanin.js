// node fanin.js URL CONNECTIONS SECONDS DEFLATE(0|1) DIR
// One load-generator process of bench/deflate/run.sh: opens CONNECTIONS Node `ws` clients (offering
// permessage-deflate as browsers do, `permessage-deflate; client_max_window_bits`, and compressing every message)
// and prints `OPEN {json}` once all are open. When DIR/warm exists, each connection sends one message and waits for
// its echo (so that every client has made its zlib state, which takes Node a few ms per connection, before the
// measured part), then `WARM {json}`. When DIR/go exists, each connection sends a 52-byte text message at most
// once a second for SECONDS, the next one only once the echo of the last has come (so a client or server that
// cannot keep up slows the rate instead of piling up messages: the echoes counted are what the machine managed);
// then it waits up to 5 s for the last echoes, prints `DONE {json}` (sent, received, round-trip p50/p99 in ms)
// and stays connected until it is killed.
const WebSocket = require('ws');
const fs = require('fs');
const [url, n, seconds, deflate, dir] = [process.argv[2], +process.argv[3], +process.argv[4], process.argv[5] === '1',
  process.argv[6]];
// threshold 0: every message compressed, as browsers do; a zlib operation goes through libuv's thread pool, and ws's
// default of 10 at a time per process left the generator waiting, not working, on a busy machine
const options = { perMessageDeflate: deflate ? { clientMaxWindowBits: true, threshold: 0, concurrencyLimit: 1000 } : false };
let open = 0, negotiated = 0, errors = 0, closed = 0, sent = 0, received = 0;
const answers = {};
const lat = [];
const sockets = [];
let measuring = false;
let warmEchoes = 0;

function connect() {
  return new Promise(resolve => {
    const ws = new WebSocket(url, options);
    let answer = 'none';
    ws.on('upgrade', response => { answer = response.headers['sec-websocket-extensions'] || 'none'; });
    ws.on('open', () => {
      open++;
      answers[answer] = (answers[answer] || 0) + 1;
      if (answer.startsWith('permessage-deflate')) negotiated++;
      sockets.push(ws);
      resolve();
    });
    ws.on('message', data => {
      if (!measuring) {
        warmEchoes++;
        return;
      }
      received++;
      const sentAt = +data.toString().split(' ')[1];
      lat.push(Number(process.hrtime.bigint() / 1000n) - sentAt);
      if (ws.onEcho) ws.onEcho();
    });
    ws.on('close', () => { closed++; });
    ws.on('error', () => { errors++; resolve(); });
  });
}

function quantile(sorted, p) {
  return sorted.length ? +(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1000).toFixed(1) : null;
}

(async () => {
  for (let i = 0; i < n; i += 50) {
    await Promise.all(Array.from({ length: Math.min(50, n - i) }, connect));
  }
  console.log('OPEN ' + JSON.stringify({ open, negotiated, errors, answers }));
  const waitFor = async file => { while (!fs.existsSync(file)) await new Promise(r => setTimeout(r, 50)); };
  await waitFor(dir + '/warm');
  const warmStart = Date.now();
  for (let i = 0; i < sockets.length; i += 100) {
    const before = warmEchoes;
    const batch = sockets.slice(i, i + 100).filter(ws => ws.readyState === WebSocket.OPEN);
    batch.forEach(ws => ws.send('warm ' + Number(process.hrtime.bigint() / 1000n) + ' Hello Cruel World 2026-12-02T02:30:00Z'));
    const deadline = Date.now() + 60000;
    while (warmEchoes < before + batch.length && Date.now() < deadline) await new Promise(r => setTimeout(r, 5));
  }
  console.log('WARM ' + JSON.stringify({ echoes: warmEchoes, seconds: (Date.now() - warmStart) / 1000 }));
  await waitFor(dir + '/go');
  measuring = true;
  const start = Date.now();
  const end = start + seconds * 1000;
  let outstanding = 0;
  const sendFrom = ws => {
    if (Date.now() >= end || ws.readyState !== WebSocket.OPEN) return;
    ws.lastSend = Date.now();
    ws.send('hello ' + Number(process.hrtime.bigint() / 1000n) + ' Hello Cruel World 2026-12-02T02:30:00Z');
    sent++;
    outstanding++;
  };
  sockets.forEach(ws => {
    ws.onEcho = () => {
      outstanding--;
      setTimeout(() => sendFrom(ws), Math.max(0, ws.lastSend + 1000 - Date.now()));
    };
    setTimeout(() => sendFrom(ws), Math.random() * 1000); // spread over the first second
  });
  setTimeout(async () => {
    const deadline = Date.now() + 5000;
    while (outstanding > 0 && Date.now() < deadline) await new Promise(r => setTimeout(r, 20));
    measuring = false;
    lat.sort((a, b) => a - b);
    console.log('DONE ' + JSON.stringify({ sent, received, closed, errors, p50: quantile(lat, 0.5), p99: quantile(lat, 0.99) }));
    setInterval(() => {}, 1000); // stay connected until killed, for the memory reading
  }, seconds * 1000);
})();
