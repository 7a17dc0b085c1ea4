// What one server costs per connection and per message, measured from /proc while independent Node `ws`
// clients (bench/server-costs/client.js, several processes) drive it: RSS per connection idle and after
// traffic, server CPU time per echoed message, echo round trips, echo throughput. Variants (server jars, Node's
// ws) run interleaved, a fresh server for every point, so that whatever else runs on the machine weighs on all.
// Loopback only; every process started here is ended by PID.
//
//   node bench/server-costs/measure.js [--repeat 3] [--port 24300] [--tls] \
//        --variant base=/tmp/wsprobe-base.jar --variant new=target/wsprobe.jar --variant node \
//        --point fanin:10000 --point fanin:19000 --point echo:1:64 --point echo:64:16
//
// Points: fanin:N (N connections, 52 bytes once a second each, to /echo), echo:C:K (C connections, K messages
// in flight each). Environment: JAVA_OPTS (default "-XX:+UseSerialGC -Xmn16m"), SERVER_FLAGS (more `wsprobe
// server` flags), WARMUP (s, default 20), SECONDS (default 20 for fan-in, 10 for echo), RAMP (connections a
// second, default 1000), PER_PROCESS (fan-in connections per client process, default 5000), ECHO_PROCESSES
// (client processes for echo points with more than one connection, default 2), OUT (directory).
// Output: OUT/points.jsonl (one line per point and repetition) and a table of medians on stdout.
'use strict';
const { spawn, execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const os = require('os');

const repo = path.resolve(__dirname, '../..');
const args = process.argv.slice(2);
const variants = [];
const points = [];
let repeat = 3;
let port = 24300;
let tls = false;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--variant') {
    const [label, jar] = args[++i].split('=');
    variants.push({ label, jar: jar ? path.resolve(jar) : null });
  } else if (a === '--point') points.push(args[++i]);
  else if (a === '--repeat') repeat = Number(args[++i]);
  else if (a === '--port') port = Number(args[++i]);
  else if (a === '--tls') tls = true;
  else throw new Error('unknown argument ' + a);
}
const JAVA_OPTS = (process.env.JAVA_OPTS || '-XX:+UseSerialGC -Xmn16m').split(/\s+/).filter(Boolean);
const SERVER_FLAGS = (process.env.SERVER_FLAGS || '').split(/\s+/).filter(Boolean);
const WARMUP = Number(process.env.WARMUP || 20);
const RAMP = Number(process.env.RAMP || 1000);
const PER_PROCESS = Number(process.env.PER_PROCESS || 5000);
const ECHO_PROCESSES = Number(process.env.ECHO_PROCESSES || 2);
const OUT = process.env.OUT || path.join(repo, 'target/server-costs', new Date().toISOString().replace(/[:.]/g, '-'));
fs.mkdirSync(OUT, { recursive: true });
const NODE_PATH = path.join(repo, 'bench/.deps/node_modules');
const started = new Set();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (text) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${text}\n`);

function cleanup() {
  for (const child of started) {
    try { child.kill('SIGKILL'); } catch (e) { /* gone already */ }
  }
}
process.on('exit', cleanup);
process.on('SIGINT', () => { cleanup(); process.exit(130); });
process.on('SIGTERM', () => { cleanup(); process.exit(143); });

const rssKb = (pid) => {
  const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : 0;
};
const TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());
const cpuMs = (pid) => {
  if (!fs.existsSync(`/proc/${pid}/stat`)) return NaN;
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 1000 / TICKS; // utime + stime
};

// young-generation allocation and collections of a JVM, from jstat: {edenKiB, usedKiB, gcs, gcSeconds}
const jvmGc = (pid) => {
  try {
    const [head, values] = execFileSync('jstat', ['-gc', String(pid)], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim().split('\n');
    const row = Object.fromEntries(head.trim().split(/\s+/).map((k, i) => [k, Number(values.trim().split(/\s+/)[i])]));
    return { edenKiB: row.EC, usedKiB: row.EU, gcs: row.YGC + row.FGC, gcSeconds: row.GCT };
  } catch (e) {
    return null; // not a JVM
  }
};
// bytes allocated between two jstat readings (eden fills, is collected, fills again) and the collections
const gcBetween = (a, b, messages) => (a && b ? {
  allocBytesPerMsg: (((b.gcs - a.gcs) * a.edenKiB + b.usedKiB - a.usedKiB) * 1024) / Math.max(1, messages),
  gcs: b.gcs - a.gcs, gcMs: (b.gcSeconds - a.gcSeconds) * 1000,
} : {});

// a P-256 certificate for Node's wss server (wsprobe makes its own with --self-signed)
function nodeCertificate() {
  const key = path.join(OUT, 'node-key.pem');
  const cert = path.join(OUT, 'node-cert.pem');
  if (!fs.existsSync(cert)) {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
      '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'ignore' });
  }
  return { key, cert };
}

async function startServer(variant, logFile) {
  const out = fs.openSync(logFile, 'w');
  let child;
  let url;
  if (variant.jar) {
    const flags = ['server', '--host', '127.0.0.1', '--port', String(port), '--max-connections', '0',
      '--idle-timeout', '0', ...SERVER_FLAGS];
    if (tls) flags.push('--self-signed', '--tls-port', String(port + 1));
    child = spawn('java', [...JAVA_OPTS, '-jar', variant.jar, ...flags], { stdio: ['ignore', out, out] });
    url = tls ? `wss://127.0.0.1:${port + 1}/echo` : `ws://127.0.0.1:${port}/echo`;
  } else {
    const env = { ...process.env, NODE_PATH };
    const serverArgs = [path.join(repo, 'bench/ws-server.js'), String(port)];
    if (tls) {
      const { key, cert } = nodeCertificate();
      serverArgs.push(cert, key);
    }
    child = spawn('node', serverArgs, { stdio: ['ignore', out, out], env });
    url = `${tls ? 'wss' : 'ws'}://127.0.0.1:${port}/echo`;
  }
  started.add(child);
  for (let i = 0; i < 3000; i++) {
    if (fs.readFileSync(logFile, 'utf8').includes('listening on')) break;
    if (child.exitCode !== null) throw new Error(`${variant.label} did not start: ${fs.readFileSync(logFile, 'utf8')}`);
    await sleep(10);
  }
  await sleep(tls && variant.jar ? 1500 : 500);
  return { child, url };
}

async function stop(child) {
  if (child.exitCode !== null) { started.delete(child); return; }
  const gone = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([gone, sleep(10000)]);
  if (child.exitCode === null) { child.kill('SIGKILL'); await gone; }
  started.delete(child);
}

// starts client processes; resolves when each has printed its "ready" line
async function startClients(argsList) {
  const clients = argsList.map((clientArgs) => {
    const child = spawn('node', [path.join(__dirname, 'client.js'), ...clientArgs],
      { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, NODE_PATH } });
    started.add(child);
    const lines = [];
    const waiters = [];
    let buffer = '';
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = JSON.parse(buffer.slice(0, nl));
        buffer = buffer.slice(nl + 1);
        lines.push(line);
        waiters.splice(0).forEach((w) => w());
      }
    });
    const next = (event) => new Promise((resolve) => {
      const check = () => {
        const found = lines.find((l) => l.event === event);
        if (found) resolve(found); else waiters.push(check);
      };
      check();
    });
    return { child, next };
  });
  const opened = await Promise.all(clients.map((c) => c.next('open')));
  await Promise.all(clients.map((c) => c.next('ready')));
  return { clients, opened };
}

function merge(dones) {
  const buckets = new Map();
  let received = 0;
  for (const d of dones) {
    for (const [k, v] of Object.entries(d.buckets)) buckets.set(Number(k), (buckets.get(Number(k)) || 0) + v);
    received += d.received;
  }
  const keys = [...buckets.keys()].sort((a, b) => a - b);
  const quantile = (q) => {
    const target = Math.ceil(q * received);
    let seen = 0;
    for (const k of keys) { seen += buckets.get(k); if (seen >= target) return k / 10; }
    return null;
  };
  return { p50: quantile(0.5), p99: quantile(0.99), p999: quantile(0.999) };
}

async function fanin(variant, n, run) {
  const seconds = Number(process.env.SECONDS || 20);
  const { child, url } = await startServer(variant, path.join(OUT, `${variant.label}-fanin${n}-${run}.log`));
  const pid = child.pid;
  const rssStart = rssKb(pid);
  const processes = Math.max(1, Math.ceil(n / PER_PROCESS));
  const per = Array.from({ length: processes }, (_, i) => Math.floor(n / processes) + (i < n % processes ? 1 : 0));
  const t0 = Date.now();
  const { clients, opened } = await startClients(per.map((c) => ['fanin', url, String(c),
    String(Math.ceil(RAMP / processes)), String(WARMUP), String(seconds)]));
  const connectMs = Date.now() - t0;
  const connected = opened.reduce((s, o) => s + o.open, 0);
  const failedConnects = opened.reduce((s, o) => s + o.failed, 0);
  await sleep(5000);
  const rssIdle = rssKb(pid);
  clients.forEach((c) => c.child.stdin.write('go\n'));
  await sleep(WARMUP * 1000);
  const cpu0 = cpuMs(pid);
  const gc0 = jvmGc(pid);
  const clientCpu0 = clients.reduce((s, c) => s + cpuMs(c.child.pid), 0);
  await sleep(seconds * 1000);
  const cpu1 = cpuMs(pid);
  const gc1 = jvmGc(pid);
  const clientCpu1 = clients.reduce((s, c) => s + cpuMs(c.child.pid), 0);
  const dones = await Promise.all(clients.map((c) => c.next('done')));
  const rssAfter = rssKb(pid);
  const received = dones.reduce((s, d) => s + d.received, 0);
  const sentInWindow = dones.reduce((s, d) => s + d.sentInWindow, 0);
  const closedEarly = dones.reduce((s, d) => s + d.closedEarly, 0);
  const result = {
    variant: variant.label, point: `fanin:${n}`, run, connected, connectMs, failedConnects, closedEarly,
    missing: Math.max(0, sentInWindow - received), received,
    rssStartMiB: rssStart / 1024, rssIdleMiB: rssIdle / 1024, rssAfterMiB: rssAfter / 1024,
    idleKiBPerConn: (rssIdle - rssStart) / connected, afterKiBPerConn: (rssAfter - rssStart) / connected,
    serverCpuPct: (cpu1 - cpu0) / (seconds * 10), clientCpuPct: (clientCpu1 - clientCpu0) / (seconds * 10),
    cpuUsPerMsg: (cpu1 - cpu0) * 1000 / Math.max(1, received), ...merge(dones),
    ...gcBetween(gc0, gc1, received),
  };
  await Promise.all(clients.map((c) => stop(c.child)));
  await stop(child);
  return result;
}

async function echo(variant, connections, inFlight, run) {
  const seconds = Number(process.env.SECONDS || 10);
  const { child, url } = await startServer(variant, path.join(OUT, `${variant.label}-echo${connections}-${run}.log`));
  const pid = child.pid;
  const processes = Math.min(connections, ECHO_PROCESSES);
  const per = Array.from({ length: processes },
    (_, i) => Math.floor(connections / processes) + (i < connections % processes ? 1 : 0));
  const { clients } = await startClients(per.map((c) => ['echo', url, String(c), String(inFlight),
    String(Math.min(WARMUP, 5)), String(seconds)]));
  clients.forEach((c) => c.child.stdin.write('go\n'));
  await sleep(Math.min(WARMUP, 5) * 1000);
  const cpu0 = cpuMs(pid);
  const gc0 = jvmGc(pid);
  const clientCpu0 = clients.reduce((s, c) => s + cpuMs(c.child.pid), 0);
  await sleep(seconds * 1000);
  const cpu1 = cpuMs(pid);
  const gc1 = jvmGc(pid);
  const clientCpu1 = clients.reduce((s, c) => s + cpuMs(c.child.pid), 0);
  const dones = await Promise.all(clients.map((c) => c.next('done')));
  const echoed = dones.reduce((s, d) => s + d.echoed, 0);
  const result = {
    variant: variant.label, point: `echo:${connections}:${inFlight}`, run, perSecond: Math.round(echoed / seconds),
    closedEarly: dones.reduce((s, d) => s + d.closedEarly, 0), rssAfterMiB: rssKb(pid) / 1024,
    serverCpuPct: (cpu1 - cpu0) / (seconds * 10), clientCpuPct: (clientCpu1 - clientCpu0) / (seconds * 10),
    cpuUsPerMsg: (cpu1 - cpu0) * 1000 / Math.max(1, echoed), ...gcBetween(gc0, gc1, echoed),
  };
  await Promise.all(clients.map((c) => stop(c.child)));
  await stop(child);
  return result;
}

const median = (values) => {
  const v = values.filter((x) => x !== null && x !== undefined && !Number.isNaN(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};

(async () => {
  const machine = `${new Date().toISOString()} load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; `
    + `java opts: ${JAVA_OPTS.join(' ')}; server flags: ${SERVER_FLAGS.join(' ') || 'none'}; tls: ${tls}`;
  fs.writeFileSync(path.join(OUT, 'machine.txt'), machine + '\n');
  log(machine);
  const results = [];
  for (let run = 1; run <= repeat; run++) {
    for (const point of points) {
      // the order of the variants turns with each run, so that neither always goes first
      const order = variants.map((_, i) => variants[(i + run - 1) % variants.length]);
      for (const variant of order) {
        const [kind, a, b] = point.split(':');
        const result = kind === 'fanin' ? await fanin(variant, Number(a), run)
          : await echo(variant, Number(a), Number(b), run);
        result.loadAverage = os.loadavg()[0];
        results.push(result);
        fs.appendFileSync(path.join(OUT, 'points.jsonl'), JSON.stringify(result) + '\n');
        log(JSON.stringify(result));
      }
    }
  }
  const fields = ['perSecond', 'cpuUsPerMsg', 'serverCpuPct', 'clientCpuPct', 'p50', 'p99', 'idleKiBPerConn',
    'afterKiBPerConn', 'rssAfterMiB', 'allocBytesPerMsg', 'gcs', 'gcMs', 'connected', 'missing', 'closedEarly'];
  const lines = [`# ${machine}`, `| point | variant | runs | ${fields.join(' | ')} |`,
    `|${'---|'.repeat(fields.length + 3)}`];
  for (const point of points) {
    for (const variant of variants) {
      const rows = results.filter((r) => r.point === point && r.variant === variant.label);
      const cells = fields.map((f) => {
        const m = median(rows.map((r) => r[f]));
        return m === null ? '-' : (Math.abs(m) >= 100 ? m.toFixed(0) : m.toFixed(2));
      });
      lines.push(`| ${point} | ${variant.label} | ${rows.length} | ${cells.join(' | ')} |`);
    }
  }
  fs.writeFileSync(path.join(OUT, 'table.md'), lines.join('\n') + '\n');
  console.log(lines.join('\n'));
  console.log(`(${OUT})`);
})().catch((e) => { console.error(e); cleanup(); process.exit(1); });
