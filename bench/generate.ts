// npm run bench:generate [-- --scales demo,large --seed 1 --keep]
// Times `generateBank` at each scale in its own child process (so peak memory, maxRSS, is that
// run's alone) and reports wall time, CPU time, rows, deposit rows, bytes and peak RSS. The
// reference, measured in the same run and also in a child: writing the same number of
// deposit-like CSV rows through the same streaming writer with no simulation behind them (the
// floor of formatting and I/O); the ratio says what the simulation adds on top of writing.
// Targets: demo under 30 s; large at least 20 million deposit rows with peak memory under 2 GB.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CsvFile, yuan } from '../generator/csv.ts';
import { generateBank } from '../generator/index.ts';

interface Measure {
  ms: number;
  cpuMs: number;
  rows: number;
  depositRows: number;
  bytes: number;
  peakRssMb: number;
}

async function child(mode: string, arg: string, out: string): Promise<void> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let m: Omit<Measure, 'ms' | 'cpuMs' | 'peakRssMb'>;
  if (mode === 'generate') {
    const s = await generateBank({ scale: arg, seed: Number(process.env.BENCH_SEED ?? 1), out });
    let depositRows = 0;
    for (const d of s.deliveries) for (const f of d.files) if (f.file.startsWith('deposits')) depositRows += f.rows;
    m = { rows: s.rows, depositRows, bytes: s.bytes };
  } else {
    // Reference: N deposit-like rows, month-end × account, through the same writer.
    const n = Number(arg);
    const f = new CsvFile(join(out, 'deposits.csv'), ['as_of_date', 'account_id', 'client_id', 'product_id', 'currency', 'balance', 'avg_balance', 'rate', 'org_id'], 'utf8');
    for (let i = 0; i < n; i++) {
      const line = `2025-01-31,D${String(i + 1).padStart(11, '0')},${String((i % 1_000_000) + 1).padStart(10, '0')},P1001,CNY,${yuan(i * 37)},${yuan(i * 36)},0.20,010203\n`;
      if (f.push(line)) await f.flush();
    }
    const r = await f.close();
    m = { rows: r.rows, depositRows: r.rows, bytes: r.bytes };
  }
  const c = process.cpuUsage(c0);
  const measure: Measure = { ...m, ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000, peakRssMb: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(`\n${JSON.stringify(measure)}\n`);
}

function runChild(mode: string, arg: string, out: string): Measure {
  const text = execFileSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--child', mode, arg, out], {
    encoding: 'utf8', maxBuffer: 1 << 24, stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(text.trim().split('\n').pop()!) as Measure;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') return child(argv[1]!, argv[2]!, argv[3]!);
  const { values } = parseArgs({
    args: argv,
    options: { scales: { type: 'string', default: 'demo,large' }, seed: { type: 'string', default: '1' }, keep: { type: 'boolean', default: false } },
  });
  process.env.BENCH_SEED = values.seed;
  const lines: string[] = [];
  for (const scale of values.scales!.split(',')) {
    const dir = mkdtempSync(join(tmpdir(), `jixiao-bench-gen-${scale}-`));
    try {
      process.stderr.write(`generating ${scale} …\n`);
      const g = runChild('generate', scale, join(dir, 'bank'));
      process.stderr.write(`reference: ${fmt(g.rows)} plain rows …\n`);
      const r = runChild('reference', String(g.rows), dir);
      const line =
        `| ${scale} | ${sec(g.ms)} | ${sec(g.cpuMs)} | ${fmt(g.rows)} | ${fmt(g.depositRows)} | ${(g.bytes / 1e6).toFixed(0)} MB | ` +
        `${fmt(g.rows / (g.ms / 1000))}/s | ${fmt(g.peakRssMb)} MB | ${sec(r.ms)} | ${(g.ms / r.ms).toFixed(1)}× |`;
      lines.push(line);
      process.stdout.write(`${line}\n`);
    } finally {
      if (!values.keep) rmSync(dir, { recursive: true, force: true });
      else process.stderr.write(`kept ${dir}\n`);
    }
  }
  process.stdout.write(
    ['', '| scale | wall | CPU | rows | deposit rows | size | rows/s | peak RSS | reference (plain rows, same writer) | ratio |',
      '|---|---|---|---|---|---|---|---|---|---|', ...lines, ''].join('\n'),
  );
}

await main();
