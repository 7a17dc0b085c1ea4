// One benchmark point as one JSON line for points.jsonl: the generator's --json summary (or the sum of several
// generator processes' summaries), the server's memory, and the CPU time of the server and of the generator(s)
// in the point's connect phase and measured time, cut from bench/run.sh's /proc samples at the moments the
// generator reports (phasesEpochMs).
// Usage: node bench/point.js IDENTITY_JSON SAMPLES_FILE CLOCK_TICKS RESULT.json...
//   IDENTITY_JSON: {"run":1,"server":"...","point":"...","generator":"...",...} put first in the line
//   SAMPLES_FILE:  lines "epochMs serverTicks generatorTicks..." (user+sys from /proc/<pid>/stat, "-" once gone)
'use strict';
const fs = require('fs');

const [identityJson, samplesFile, clockTicks, ...resultFiles] = process.argv.slice(2);
const identity = JSON.parse(identityJson);
const results = resultFiles.map((file) => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8').trim());
  } catch (e) {
    return { errors: null, firstError: `no summary from the generator (${file})` };
  }
});

// a column missing from a line: that generator was not started yet, so 0 ticks; "-": the process had ended
const columns = resultFiles.length + 2;
const samples = fs.existsSync(samplesFile)
  ? fs.readFileSync(samplesFile, 'utf8').split('\n').filter(Boolean).map((line) => {
    const values = line.split(' ');
    return Array.from({ length: columns }, (_, i) => (i >= values.length ? 0 : values[i] === '-' ? null : Number(values[i])));
  })
  : [];
// CPU ticks of column `col` at time t, interpolated between the samples around it; null when not covered
const ticksAt = (col, t) => {
  let before = null;
  for (const s of samples) {
    if (s[col] === null) continue;
    if (s[0] <= t) before = s;
    else return before === null ? null : before[col] + ((s[col] - before[col]) * (t - before[0])) / (s[0] - before[0]);
  }
  return null;
};
const cpuMs = (col, from, to) => {
  const a = ticksAt(col, from);
  const b = ticksAt(col, to);
  return a === null || b === null ? null : Math.round(((b - a) * 1000) / Number(clockTicks));
};
const sumOrNull = (values) => (values.some((v) => v === null || v === undefined) ? null : values.reduce((a, b) => a + b, 0));

let merged;
if (results.length === 1) {
  [merged] = results;
} else {
  // several generator processes side by side: counts add up; the connect phase ends with the last one, the
  // rates add up too; latency: the worst process's percentiles
  const add = (name) => sumOrNull(results.map((r) => r[name]));
  merged = { ...results[0] };
  for (const name of ['connections', 'connected', 'connectFailures', 'sent', 'received', 'missing', 'sendErrors',
    'dropped', 'errors', 'throughput']) merged[name] = add(name);
  merged.connectSeconds = Math.max(...results.map((r) => r.connectSeconds || 0));
  merged.latencyMs = {};
  for (const p of ['p50', 'p90', 'p99', 'p99.9', 'max']) {
    const values = results.map((r) => (r.latencyMs ? r.latencyMs[p] : null)).filter((v) => v !== null && v !== undefined);
    merged.latencyMs[p] = values.length ? Math.max(...values) : null;
  }
  merged.firstError = results.map((r) => r.firstError).find((e) => e) || null;
}

const phases = results.map((r) => r.phasesEpochMs).filter(Boolean);
const cpu = {};
if (phases.length === results.length && samples.length > 0) {
  const start = Math.min(...phases.map((p) => p.start));
  const connected = Math.max(...phases.map((p) => p.connected));
  // several processes: the time all of them measured (none when they did not overlap)
  const measureStart = Math.max(...phases.map((p) => p.measureStart));
  const measureEnd = Math.max(measureStart, Math.min(...phases.map((p) => p.measureEnd)));
  const generatorColumns = results.map((r, i) => i + 2);
  cpu.serverConnect = cpuMs(1, start, connected);
  const measured = (col) => (measureEnd > measureStart ? cpuMs(col, measureStart, measureEnd) : null);
  cpu.serverMeasured = measured(1);
  cpu.generatorConnect = sumOrNull(generatorColumns.map((c) => cpuMs(c, start, connected)));
  cpu.generatorMeasured = sumOrNull(generatorColumns.map(measured));
  cpu.measuredWindowMs = measureEnd - measureStart;
}
delete merged.phasesEpochMs;
console.log(JSON.stringify({ ...identity, generatorProcesses: results.length, ...merged, cpuMs: cpu }));
