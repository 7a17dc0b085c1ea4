// One Node `ws` load process for bench/server-costs/measure.js: several of them drive one server, so that the
// generator is not the bottleneck. Loopback only; bounded in connections and time.
//
//   node client.js fanin URL CONNECTIONS RAMP_PER_S WARMUP_S SECONDS
//     opens CONNECTIONS (RAMP_PER_S a second), prints {"event":"open",...}; on a line "go" on stdin each connection sends a
//     52-byte text message once a second (spread over the second); after WARMUP_S it counts echoes and their
//     round trips for SECONDS, then stops sending, waits 3 s for late echoes and prints {"event":"done",...}
//     with a latency histogram; the connections stay open until SIGTERM (for the server's memory after traffic)
//   node client.js echo URL CONNECTIONS IN_FLIGHT WARMUP_S SECONDS
//     CONNECTIONS each with IN_FLIGHT 52-byte messages pipelined; counts echoes for SECONDS after WARMUP_S
//     from "go" on stdin and prints {"event":"done","echoed":N}
// wss:// URLs are accepted with any certificate (a benchmark on loopback, self-signed certificates).
'use strict';
const WebSocket = require('ws');

const [mode, url, connections, arg4, warmupS, seconds] = process.argv.slice(2);
const n = Number(connections);
const SIZE = 52;
const options = { perMessageDeflate: false, rejectUnauthorized: false };
const say = (object) => process.stdout.write(JSON.stringify(object) + '\n');
const nowUs = () => Number(process.hrtime.bigint() / 1000n);

// round trips in 0.1 ms buckets up to 10 s, then one overflow bucket: exact enough for p50 and p99
const BUCKETS = 100001;
const histogram = new Uint32Array(BUCKETS);

const sockets = [];
let open = 0;
let failed = 0;
let closedEarly = 0;
let sent = 0;
let received = 0;
let measuring = false;
let sending = false;

function connect(onMessage) {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, options);
    let opened = false;
    ws.on('open', () => { opened = true; open++; sockets.push(ws); resolve(); });
    ws.on('message', (data) => onMessage(ws, data));
    ws.on('error', () => { if (!opened) { failed++; resolve(); } });
    ws.on('close', () => { if (opened) closedEarly++; });
  });
}

async function openAll(onMessage, rate) {
  const batch = 50;
  const started = Date.now();
  for (let i = 0; i < n; i += batch) {
    // keep to the ramp: batch i may start at i / rate seconds
    const due = started + (i / rate) * 1000;
    if (Date.now() < due) await new Promise((r) => setTimeout(r, due - Date.now()));
    await Promise.all(Array.from({ length: Math.min(batch, n - i) }, () => connect(onMessage)));
  }
  say({ event: 'open', open, failed, ms: Date.now() - started });
}

function fanin() {
  // "t=<16 digits of microseconds> " then padding to 52 bytes
  const message = (t) => ('t=' + String(t).padStart(16, '0') + ' Hello Cruel World 2026-12-02T02:30:00Z!!').slice(0, SIZE);
  const onMessage = (ws, data) => {
    if (!measuring) return;
    const text = data.toString();
    const t = Number(text.slice(2, 18));
    if (!Number.isFinite(t)) return;
    received++;
    const bucket = Math.min(BUCKETS - 1, Math.floor((nowUs() - t) / 100));
    histogram[bucket]++;
  };
  openAll(onMessage, Number(arg4)).then(() => {
    onGo(() => {
      sending = true;
      const start = Date.now();
      let sentInWindow = 0;
      const timer = setInterval(() => {
        if (!sending) return;
        const slot = Math.floor((Date.now() - start) / 10) % 100;
        const t = nowUs();
        for (let i = slot; i < sockets.length; i += 100) {
          const ws = sockets[i];
          if (ws.readyState === WebSocket.OPEN) {
            ws.send(message(t));
            sent++;
            if (measuring) sentInWindow++;
          }
        }
      }, 10);
      setTimeout(() => { measuring = true; }, Number(warmupS) * 1000);
      setTimeout(() => {
        sending = false;
        clearInterval(timer);
        setTimeout(() => {
          measuring = false;
          const quantile = (q) => {
            const target = Math.ceil(q * received);
            let seen = 0;
            for (let i = 0; i < BUCKETS; i++) { seen += histogram[i]; if (seen >= target && target > 0) return i / 10; }
            return null;
          };
          // the histogram goes along (non-zero buckets only), so that the parent can merge processes
          const buckets = {};
          for (let i = 0; i < BUCKETS; i++) if (histogram[i]) buckets[i] = histogram[i];
          say({ event: 'done', open, failed, closedEarly, sent, sentInWindow, received,
            p50: quantile(0.5), p99: quantile(0.99), buckets });
        }, 3000);
      }, (Number(warmupS) + Number(seconds)) * 1000);
    });
    say({ event: 'ready' });
  });
}

function echo() {
  const inFlight = Number(arg4);
  const payload = 'x'.repeat(SIZE);
  let echoed = 0;
  const onMessage = (ws) => {
    if (measuring) echoed++;
    if (sending) ws.send(payload);
  };
  openAll(onMessage, 1000).then(() => {
    onGo(() => {
      sending = true;
      for (const ws of sockets) for (let k = 0; k < inFlight; k++) ws.send(payload);
      setTimeout(() => { measuring = true; }, Number(warmupS) * 1000);
      setTimeout(() => {
        measuring = false;
        sending = false;
        say({ event: 'done', open, failed, closedEarly, echoed }); // then idle until SIGTERM
      }, (Number(warmupS) + Number(seconds)) * 1000);
    });
    say({ event: 'ready' });
  });
}

// "go" on stdin starts the traffic (not a signal: SIGUSR1 would start Node's inspector)
function onGo(start) {
  let buffer = '';
  process.stdin.on('data', (chunk) => {
    buffer += chunk;
    if (buffer.includes('go\n')) { buffer = ''; start(); }
  });
}
process.on('SIGTERM', () => process.exit(0));
if (mode === 'fanin') fanin();
else if (mode === 'echo') echo();
else { console.error('usage: client.js fanin|echo URL ...'); process.exit(2); }
