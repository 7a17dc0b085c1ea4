// Turns bench/run.sh's points.jsonl into the Markdown tables of docs/benchmarks.md: medians over the runs, and
// ratios of two servers (or two generators) measured side by side in the same run.
// Usage: node bench/summarize.js points.jsonl [machine.txt]
'use strict';
const fs = require('fs');

const [pointsFile, machineFile] = process.argv.slice(2);
const points = fs.readFileSync(pointsFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line))
  // lines from before generators were compared were all made by wsprobe load, one process
  .map((p) => ({ generator: 'wsprobe', generatorProcesses: 1, cpuMs: {}, ...p }));

const median = (values) => {
  const known = values.filter((v) => v !== null && v !== undefined && !Number.isNaN(v)).sort((a, b) => a - b);
  if (known.length === 0) return null;
  const middle = Math.floor(known.length / 2);
  return known.length % 2 ? known[middle] : (known[middle - 1] + known[middle]) / 2;
};
const fmt = (value, digits = 1) => (value === null || value === undefined ? '-' : Number(value).toFixed(digits));
const runs = [...new Set(points.map((p) => p.run))].sort((a, b) => a - b);
const unique = (values) => [...new Set(values)];

// one measurement: a server, a point, a generator, how many generator processes (1 unless said)
const select = (server, point, generator, processes = 1) => points.filter((p) => p.server === server && p.point === point
  && p.generator === generator && p.generatorProcesses === processes);
const stat = (server, point, generator, pick, processes = 1) => median(select(server, point, generator, processes).map(pick));
// the median over runs of a / b, both measured in the same run
const perRunRatio = (a, b, pick) => {
  const values = [];
  for (const run of runs) {
    const x = points.find((p) => p.run === run && a(p));
    const y = points.find((p) => p.run === run && b(p));
    if (x && y && pick(x) !== null && pick(y) !== null && pick(y) !== 0) values.push(pick(x) / pick(y));
  }
  return median(values);
};
const is = (server, point, generator, processes = 1) => (p) => p.server === server && p.point === point
  && p.generator === generator && p.generatorProcesses === processes;

const servers = unique(points.map((p) => p.server)).filter((s) => s !== 'raw-tcp');
const generators = unique(points.filter((p) => p.server !== 'raw-tcp').map((p) => p.generator));
const pointsNamed = (prefix) => unique(points.map((p) => p.point).filter((p) => p.startsWith(prefix)))
  .sort((a, b) => Number(a.split('-')[1]) - Number(b.split('-')[1]));
const fanins = pointsNamed('fanin-');
const connects = pointsNamed('connect-');

// what each point's numbers mean
const rssMiB = (p) => (p.serverPeakRssKb ? p.serverPeakRssKb / 1024 : null);
const perConnKiB = (p) => (p.serverPeakRssKb && p.connected ? (p.serverPeakRssKb - p.serverIdleRssKb) / p.connected : null);
const p50 = (p) => (p.latencyMs ? p.latencyMs.p50 : null);
const p99 = (p) => (p.latencyMs ? p.latencyMs.p99 : null);
const throughput = (p) => (p.throughput === undefined ? null : p.throughput);
// messages handled in the measured time: echoes for an echo target, what the server counted (or was sent) otherwise
const measuredMessages = (p) => (p.throughput && p.measuredSeconds ? p.throughput * p.measuredSeconds : null);
const cpuPercent = (which) => (p) => (p.cpuMs && p.cpuMs[which] != null && p.cpuMs.measuredWindowMs
  ? (100 * p.cpuMs[which]) / p.cpuMs.measuredWindowMs : null);
const cpuMicrosPerMessage = (which) => (p) => {
  const messages = measuredMessages(p);
  return p.cpuMs && p.cpuMs[which] != null && messages ? (1000 * p.cpuMs[which]) / messages : null;
};
const connectsPerSecond = (p) => (p.connected && p.connectSeconds ? p.connected / p.connectSeconds : null);
const cpuMsPerConnection = (which) => (p) => (p.cpuMs && p.cpuMs[which] != null && p.connected ? p.cpuMs[which] / p.connected : null);
const tlsResumed = (p) => (p.serverTls && p.serverTls.handshakes ? (100 * p.serverTls.resumed) / p.serverTls.handshakes : null);

const out = [];
out.push(`Medians of ${runs.length} run(s); every point with a freshly started server.`);
if (machineFile) out.push('', '```', fs.readFileSync(machineFile, 'utf8').trim(), '```');

if (connects.length) {
  out.push('', '### Connecting: N connections opened as fast as the generator can (then 1 s of 1 msg/s each)', '');
  out.push('| N | server | generator | errors | connects / s | generator CPU ms / connection | server CPU ms / connection | TLS resumed % |');
  out.push('|---|---|---|---|---|---|---|---|');
  for (const point of connects) {
    for (const server of servers) {
      for (const generator of generators) {
        if (select(server, point, generator).length === 0) continue;
        const s = (pick) => stat(server, point, generator, pick);
        out.push(`| ${point.slice(8)} | ${server} | ${generator} | ${fmt(s((p) => p.errors), 0)} | ${fmt(s(connectsPerSecond), 0)} | `
          + `${fmt(s(cpuMsPerConnection('generatorConnect')), 2)} | ${fmt(s(cpuMsPerConnection('serverConnect')), 2)} | `
          + `${fmt(s(tlsResumed), 0)} |`);
      }
    }
  }
}

if (fanins.length) {
  out.push('', '### Fan-in: N connections, 1 message (52 bytes) per second each, to /echo', '');
  out.push('| N | server | generator | connect s | errors | echo p50 ms | echo p99 ms | holds | server RSS MiB | RSS / connection KiB '
    + '| server CPU % | server CPU µs / message | generator CPU % |');
  out.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const point of fanins) {
    for (const server of servers) {
      for (const generator of generators) {
        if (select(server, point, generator).length === 0) continue;
        const s = (pick) => stat(server, point, generator, pick);
        const errors = s((p) => p.errors);
        const tail = s(p99);
        const holds = errors === 0 && tail !== null && tail < 100 ? 'yes' : 'no';
        out.push(`| ${point.slice(6)} | ${server} | ${generator} | ${fmt(s((p) => p.connectSeconds))} | ${fmt(errors, 0)} | `
          + `${fmt(s(p50), 2)} | ${fmt(tail, 1)} | ${holds} | ${fmt(s(rssMiB), 0)} | ${fmt(s(perConnKiB), 1)} | `
          + `${fmt(s(cpuPercent('serverMeasured')), 0)} | ${fmt(s(cpuMicrosPerMessage('serverMeasured')), 1)} | `
          + `${fmt(s(cpuPercent('generatorMeasured')), 0)} |`);
      }
    }
  }
}

const throughputPoints = [['echo-1', 'echo, 1 connection, 64 in flight'], ['echo-64', 'echo, 64 connections, 16 in flight each'],
  ['oneway-1', 'one way to /receive, 1 connection, 64 in flight (counted by the server)']]
  .filter(([point]) => points.some((p) => p.point === point));
if (throughputPoints.length) {
  out.push('', '### Throughput: 52-byte messages per second', '');
  out.push(`| point | generator | ${servers.join(' | ')} | raw TCP |`);
  out.push(`|---|---|${servers.map(() => '---|').join('')}---|`);
  for (const [point, words] of throughputPoints) {
    for (const generator of generators) {
      const cells = servers.map((s) => fmt(stat(s, point, generator, throughput), 0));
      const raw = point.startsWith('echo') ? fmt(median(points.filter((p) => p.server === 'raw-tcp' && p.point === point)
        .map(throughput)), 0) : '-';
      out.push(`| ${words} | ${generator} | ${cells.join(' | ')} | ${raw} |`);
    }
  }
  out.push('', '### CPU in the throughput points: % of one core in the measured time, and µs per message (server / generator)', '');
  out.push(`| point | generator | ${servers.join(' | ')} |`);
  out.push(`|---|---|${servers.map(() => '---|').join('')}`);
  for (const [point] of throughputPoints) {
    for (const generator of generators) {
      const cells = servers.map((s) => {
        const q = (pick) => stat(s, point, generator, pick);
        return `${fmt(q(cpuPercent('serverMeasured')), 0)} % / ${fmt(q(cpuPercent('generatorMeasured')), 0)} %, `
          + `${fmt(q(cpuMicrosPerMessage('serverMeasured')), 1)} / ${fmt(q(cpuMicrosPerMessage('generatorMeasured')), 1)} µs`;
      });
      out.push(`| ${point} | ${generator} | ${cells.join(' | ')} |`);
    }
  }
}

// Is one generator process the bottleneck? The same point with two processes sharing its connections.
const checked = points.filter((p) => p.generatorProcesses === 2);
if (checked.length) {
  out.push('', '### One generator process or two: throughput with two processes / with one (same connections and window in all)', '');
  out.push('| point | server | generator | one process msg/s | two processes msg/s | two / one |');
  out.push('|---|---|---|---|---|---|');
  for (const key of unique(checked.map((p) => `${p.point}|${p.server}|${p.generator}`))) {
    const [point, server, generator] = key.split('|');
    out.push(`| ${point} | ${server} | ${generator} | ${fmt(stat(server, point, generator, throughput), 0)} | `
      + `${fmt(stat(server, point, generator, throughput, 2), 0)} | `
      + `${fmt(perRunRatio(is(server, point, generator, 2), is(server, point, generator), throughput), 2)} |`);
  }
}

// The generators against each other, same server, same run: what `wsprobe load` costs per connection and per
// message next to the Node ws client (target: at most 1.5x)
if (generators.includes('wsprobe') && generators.includes('node')) {
  out.push('', '### The load generators: wsprobe load / Node ws client, same server, same run (medians of the per-run ratios)', '');
  out.push('| server | CPU per connection (connect points) | CPU per message (echo-64) | CPU per message (fan-in, largest N) | connects / s |');
  out.push('|---|---|---|---|---|');
  const largestFanin = fanins[fanins.length - 1];
  for (const server of servers) {
    const ratio = (point, pick) => (point ? perRunRatio(is(server, point, 'wsprobe'), is(server, point, 'node'), pick) : null);
    const connectRatio = (pick) => median(connects.map((point) => ratio(point, pick)));
    out.push(`| ${server} | ${fmt(connectRatio(cpuMsPerConnection('generatorConnect')), 2)} | `
      + `${fmt(ratio('echo-64', cpuMicrosPerMessage('generatorMeasured')), 2)} | `
      + `${fmt(ratio(largestFanin, cpuMicrosPerMessage('generatorMeasured')), 2)} | ${fmt(connectRatio(connectsPerSecond), 2)} |`);
  }
}

// Ratios of servers to a reference server, each generator on its own: wss servers to the reference's wss
const secure = (server) => /-wss(-|$)/.test(server);
const referenceFor = (base) => (server) => (secure(server) ? `${base}-wss` : `${base}-ws`);
const ratioTable = (title, mine, reference) => {
  if (mine.length === 0) return;
  out.push('', title, '');
  out.push(`| measure | generator | ${mine.join(' | ')} |`);
  out.push(`|---|---|${mine.map(() => '---|').join('')}`);
  const row = (words, point, pick) => {
    for (const generator of generators) {
      const cells = mine.map((s) => fmt(perRunRatio(is(s, point, generator), is(reference(s), point, generator), pick), 2));
      if (cells.some((c) => c !== '-')) out.push(`| ${words} | ${generator} | ${cells.join(' | ')} |`);
    }
  };
  for (const point of fanins) {
    const n = point.slice(6);
    row(`p99 at ${n}`, point, p99);
    row(`RSS / connection at ${n}`, point, perConnKiB);
    row(`server CPU / message at ${n}`, point, cpuMicrosPerMessage('serverMeasured'));
  }
  for (const [point] of throughputPoints) {
    row(`throughput ${point}`, point, throughput);
    row(`server CPU / message ${point}`, point, cpuMicrosPerMessage('serverMeasured'));
  }
};
const notAnchor = (s) => !/^(node|bun)-/.test(s);
if (servers.some((s) => /^node-/.test(s))) {
  ratioTable('### Ratios to Node ws (medians of the per-run ratios; wss servers to Node over TLS; below 1 is better for '
    + 'latency, memory and CPU, above 1 for throughput)', servers.filter(notAnchor)
    .filter((s) => servers.includes(referenceFor('node')(s))), referenceFor('node'));
}
if (servers.some((s) => /^bun-/.test(s))) {
  ratioTable('### Ratios to Bun (the best-in-class anchor; medians of the per-run ratios)',
    servers.filter((s) => notAnchor(s) || /^node-/.test(s)).filter((s) => servers.includes(referenceFor('bun')(s))),
    referenceFor('bun'));
}
// the same server on other JDKs, to the reference JDK (the name without -jdkNN)
const onOtherJdks = servers.filter((s) => /-jdk\d+$/.test(s) && servers.includes(s.replace(/-jdk\d+$/, '')));
ratioTable('### Other JDKs against the reference JDK (wsprobe-ws-jdkNN / wsprobe-ws, medians of the per-run ratios)',
  onOtherJdks, (s) => s.replace(/-jdk\d+$/, ''));
const wars = servers.filter((s) => s.endsWith('-war'));
if (wars.length > 0 && servers.includes('wsprobe-ws')) {
  ratioTable(`### The WAR on application servers against the standalone server (${wars.join(', ')} / wsprobe-ws, medians of the per-run ratios)`,
    wars, () => 'wsprobe-ws');
}

out.push('', '### Start-up: `java -jar` (or `node`, `bun`, WildFly\'s `standalone.sh`) to listening, and idle memory (medians over every server start)', '');
out.push('| server | ready ms | idle RSS MiB |');
out.push('|---|---|---|');
for (const server of servers) {
  const all = points.filter((p) => p.server === server);
  out.push(`| ${server} | ${fmt(median(all.map((p) => p.serverReadyMs)), 0)} | ${fmt(median(all.map((p) => p.serverIdleRssKb / 1024)), 0)} |`);
}
console.log(out.join('\n'));
