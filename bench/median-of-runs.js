// Medians over runs from tables of one run each: every number of every cell is replaced by the median of that
// number over the given files (each bench/summarize.js's output for one run), rows matched by their key cells.
// For an odd number of runs this is what summarize.js prints for all the runs' points together: each of its
// cells is a median over runs of a per-run value (ratios included: medians of per-run ratios), and rounding
// keeps the order of values, so the middle of the rounded values is the rounded middle. The one exception is
// the start-up table (summarize.js: the median over every server start; here: the median of per-run medians).
// It exists so that a run whose points.jsonl is gone but whose table was published can still count.
// Usage: node bench/median-of-runs.js run1.md run2.md run3.md
'use strict';
const fs = require('fs');

const files = process.argv.slice(2);
if (files.length < 2) {
  console.error('usage: node bench/median-of-runs.js TABLE.md TABLE.md [...]   (summarize.js output of one run each)');
  process.exit(2);
}
const KEY_HEADERS = new Set(['N', 'server', 'generator', 'point', 'measure']);
const NUMBER = /-?\d+(?:\.\d+)?/g;

const cellsOf = (line) => line.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
const isTableRow = (line) => line.trim().startsWith('|');
const isRule = (line) => /^\|(\s*-+\s*\|)+$/.test(line.trim());

/** heading -> { header, keyCount, rows: Map(key -> cells) } for one file */
function tablesOf(text) {
  const tables = new Map();
  let heading = null;
  let table = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('### ')) {
      heading = line;
      table = null;
    } else if (isTableRow(line) && heading && !isRule(line)) {
      if (!table) {
        const header = cellsOf(line);
        let keyCount = 0;
        while (keyCount < header.length && KEY_HEADERS.has(header[keyCount])) keyCount += 1;
        table = { header, keyCount: Math.max(keyCount, 1), rows: new Map() };
        tables.set(heading, table);
      } else {
        const cells = cellsOf(line);
        table.rows.set(cells.slice(0, table.keyCount).join('|'), cells);
      }
    }
  }
  return tables;
}

const median = (values) => {
  const known = values.filter((v) => v !== null).sort((a, b) => a - b);
  if (known.length === 0) return null;
  const middle = Math.floor(known.length / 2);
  return known.length % 2 ? known[middle] : (known[middle - 1] + known[middle]) / 2;
};
const decimals = (token) => (token.includes('.') ? token.split('.')[1].length : 0);

/** One cell's numbers, each the median over the runs' same cell; text around them from the first run that has it. */
function medianCell(cells) {
  const shape = cells.find((c) => c !== undefined && c !== '-');
  if (shape === undefined) return '-';
  const numbersPerRun = cells.map((c) => (c === undefined || c === '-' ? null : c.match(NUMBER) || []));
  let index = 0;
  return shape.replace(NUMBER, (token) => {
    const value = median(numbersPerRun.map((numbers) => (numbers && numbers[index] !== undefined ? Number(numbers[index]) : null)));
    index += 1;
    return value === null ? '-' : value.toFixed(decimals(token));
  });
}

const read = (file) => {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    console.error(`cannot read ${file}: ${e.code || e.message}`);
    process.exit(2);
  }
};
const runs = files.map((file) => tablesOf(read(file)));
if (runs.some((tables) => tables.size === 0)) {
  console.error(`${files[runs.findIndex((tables) => tables.size === 0)]} holds no table of bench/summarize.js`);
  process.exit(2);
}
const out = [`Medians of ${files.length} run(s), cell by cell (bench/median-of-runs.js); every point with a freshly started server.`];
for (const [heading, first] of runs[0]) {
  out.push('', heading, '', `| ${first.header.join(' | ')} |`, `|${first.header.map(() => '---|').join('')}`);
  const keys = [...new Set(runs.flatMap((tables) => (tables.has(heading) ? [...tables.get(heading).rows.keys()] : [])))];
  for (const key of keys) {
    const rowsPerRun = runs.map((tables) => (tables.has(heading) ? tables.get(heading).rows.get(key) : undefined));
    const known = rowsPerRun.find(Boolean);
    const cells = known.map((cell, column) => (column < first.keyCount ? cell
      : medianCell(rowsPerRun.map((row) => (row ? row[column] : undefined)))));
    // "holds" follows the medians, as summarize.js decides it: no errors and a p99 under 100 ms
    const holds = first.header.indexOf('holds');
    if (holds >= 0) {
      const errors = Number(cells[first.header.indexOf('errors')]);
      const p99 = Number(cells[first.header.indexOf('echo p99 ms')]);
      cells[holds] = errors === 0 && p99 < 100 ? 'yes' : 'no';
    }
    out.push(`| ${cells.join(' | ')} |`);
  }
}
console.log(out.join('\n'));
