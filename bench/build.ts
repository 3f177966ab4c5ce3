// npm run bench:build [-- --scale demo --seed 42 --bank DIR --keep --memory-limit 3GB]
// Times `jixiao build` on a generated bank, each run in its own child process (peak memory is that
// run's alone, maxRSS), in one run:
//   (a) reference: the irreducible work — one plain GROUP BY of every ledger row (deposits, loans,
//       fees, sales, visits) by client and month, into tables;
//   (b) the full build as `jixiao build` runs it (the ledger copied into a new results file, the
//       inputs, every model under sql/, every check, then published) on all months but the last,
//       models two at a time as the build runs them, and (b1) the same one model at a time;
//   (c) the rebuild after one more month is ingested (the build is a full rebuild: no incremental
//       state to go stale; this measures what a monthly run costs);
//   (d) a floor: every mart of (c)'s results file copied into a new file — no computation, only reading
//       the results back and writing them as any build must (DuckDB compresses as it writes);
// and prints a Markdown table for BENCHMARKS.md. Targets: demo (b) < 5 s, large (b) < 120 s,
// peak memory < 4 GB. Scales: tiny | demo | large | a client count (see generator/scales.ts).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Warehouse } from '../warehouse/db.ts';
import { buildAndPublish, requireResults } from '../warehouse/results.ts';
import { generateBank, referenceFolder } from '../generator/index.ts';
import { ingestPath } from '../ingest/index.ts';

interface Measure {
  ms: number;
  cpuMs: number;
  peakRssMb: number;
  rows: number;
  models?: number;
  slowest?: string;
}

async function child(mode: string, db: string, from?: string): Promise<void> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  if (mode === 'build' || mode === 'build-sequential') {
    // What `jixiao build` does: snapshot the ledger, build on the copy, publish it.
    const r = await buildAndPublish(db, {
      memoryLimit: process.env.JIXIAO_BUILD_MEMORY || undefined,
      concurrency: mode === 'build-sequential' ? 1 : undefined,
    });
    return report(t0, cpu0, {
      rows: r.steps.filter((s) => s.kind === 'table').reduce((n, s) => n + (s.rows ?? 0), 0),
      models: r.models,
      slowest: [...r.steps].sort((a, b) => b.ms - a.ms).slice(0, 4).map((s) => `${s.name} ${(s.ms / 1000).toFixed(1)} s`).join(', '),
    });
  }
  const wh = await Warehouse.open(db);
  let rows = 0;
  let models: number | undefined;
  try {
    if (mode === 'reference') {
      const plain = [
        `create or replace table ref_deposits as select client_id, last_day(as_of_date) as m, sum(balance) as b, sum(avg_balance) as a, count(*) as n from raw_deposits group by client_id, last_day(as_of_date)`,
        `create or replace table ref_loans as select client_id, last_day(as_of_date) as m, sum(balance) as b, sum(avg_balance) as a, count(*) as n from raw_loans group by client_id, last_day(as_of_date)`,
        `create or replace table ref_fees as select client_id, last_day(txn_date) as m, sum(amount) as a, count(*) as n from raw_fees group by client_id, last_day(txn_date)`,
        `create or replace table ref_sales as select client_id, last_day(sale_date) as m, sum(amount) as a, sum(units) as u from raw_sales group by client_id, last_day(sale_date)`,
        `create or replace table ref_visits as select manager_id, last_day(visit_date) as m, count(*) as n from raw_visits group by manager_id, last_day(visit_date)`,
      ];
      await wh.transaction(async () => {
        for (const sql of plain) await wh.run(sql);
      });
      await wh.run('checkpoint');
      rows = Number((await wh.query<{ n: string }>('select (select count(*) from ref_deposits) + (select count(*) from ref_loans) as n'))[0]!.n);
    } else if (mode === 'copy-marts') {
      if (!from) throw new Error('copy-marts needs --from');
      await wh.run(`set preserve_insertion_order = false`); // as the build writes
      await wh.run(`attach '${from.replace(/'/g, "''")}' as built (read_only)`);
      const marts = await wh.query<{ name: string }>(
        `select table_name as name from duckdb_tables() where database_name = 'built' and table_name like 'mart\\_%' escape '\\' order by 1`,
      );
      for (const { name } of marts) await wh.run(`create table "${name}" as select * from built."${name}"`);
      await wh.run('detach built');
      await wh.run('checkpoint');
      rows = Number((await wh.query<{ n: string }>(`select coalesce(sum(estimated_size), 0)::varchar as n from duckdb_tables() where database_name = current_database()`))[0]!.n);
      models = marts.length;
    } else {
      throw new Error(`unknown mode ${mode}`);
    }
  } finally {
    wh.close();
  }
  report(t0, cpu0, { rows, models });
}

function report(t0: number, cpu0: NodeJS.CpuUsage, m: Pick<Measure, 'rows' | 'models' | 'slowest'>): void {
  const cpu = process.cpuUsage(cpu0);
  const measure: Measure = {
    ms: performance.now() - t0,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    ...m,
  };
  process.stdout.write(`\n${JSON.stringify(measure)}\n`);
}

function runChild(mode: string, db: string, from?: string): Measure {
  const out = execFileSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--child', mode, ...(from ? ['--from', from] : []), db], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.trim().split('\n').pop()!) as Measure;
}

async function ingestFolders(db: string, folders: string[]): Promise<number> {
  const wh = await Warehouse.open(db);
  let rows = 0;
  try {
    for (const f of folders) {
      for (const r of await ingestPath(wh, f)) {
        if (r.status === 'refused') throw new Error(`${f} refused: ${r.reasons.join('; ')}`);
        rows += r.rowsLoaded;
      }
    }
    await wh.run('checkpoint');
  } finally {
    wh.close();
  }
  return rows;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      child: { type: 'string' },
      from: { type: 'string' },
      scale: { type: 'string', default: 'demo' },
      seed: { type: 'string', default: '42' },
      bank: { type: 'string' },
      keep: { type: 'boolean', default: false },
      'memory-limit': { type: 'string' },
    },
    allowPositionals: true,
  });
  if (values.child) {
    const db = process.argv[process.argv.length - 1]!;
    await child(values.child, db, values.from);
    return;
  }
  // The children read the build's memory limit from the environment they inherit.
  if (values['memory-limit']) process.env.JIXIAO_BUILD_MEMORY = values['memory-limit'];
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-bench-build-'));
  const log = (s: string) => process.stderr.write(`${s}\n`);
  try {
    const bank = values.bank ?? join(dir, 'bank');
    if (!values.bank || !existsSync(join(bank, referenceFolder))) {
      log(`generating ${values.scale} (seed ${values.seed}) …`);
      await generateBank({ scale: values.scale!, seed: Number(values.seed), out: bank });
    }
    const months = readdirSync(bank).filter((f) => /^\d{4}-\d{2}$/.test(f)).sort();
    const last = months[months.length - 1]!;
    const db = join(dir, 'bench.duckdb');
    log(`ingesting ${referenceFolder} + ${months.length - 1} months …`);
    const ledgerRows = await ingestFolders(db, [join(bank, referenceFolder), ...months.slice(0, -1).map((m) => join(bank, m))]);
    const pristine = join(dir, 'pristine.duckdb');
    copyFileSync(db, pristine);
    log('(a) reference …');
    const a = runChild('reference', pristine);
    const sequentialDb = join(dir, 'sequential.duckdb');
    copyFileSync(db, sequentialDb);
    log('(b) full build …');
    const b = runChild('build', db);
    log('(b1) full build, one model at a time …');
    const b1 = runChild('build-sequential', sequentialDb);
    rmSync(sequentialDb, { force: true });
    log(`ingesting ${last} …`);
    const monthRows = await ingestFolders(db, [join(bank, last)]);
    log('(c) rebuild after one more month …');
    const c = runChild('build', db);
    log('(d) floor: the marts of (c) copied into a new file …');
    const d = runChild('copy-marts', join(dir, 'marts-copy.duckdb'), requireResults(db));
    const s = (m: Measure) => `${(m.ms / 1000).toFixed(1)} s`;
    const lines = [
      `memory limit: ${values['memory-limit'] ?? 'DuckDB default (80 % of RAM)'}`,
      `machine: ${cpus().length} cores / ${(totalmem() / 2 ** 30).toFixed(0)} GiB, load average at the end ${loadavg().map((x) => x.toFixed(1)).join(' / ')}`,
      `bank: scale ${values.scale}, seed ${values.seed}, ${months.length} months; ledger rows before the last month ${ledgerRows.toLocaleString('en-US')}, last month ${monthRows.toLocaleString('en-US')}`,
      '',
      '| run | wall | CPU | peak RSS | rows written | ratio to (a) |',
      '|---|---|---|---|---|---|',
      `| (a) reference: plain GROUP BY of the ledgers | ${s(a)} | ${(a.cpuMs / 1000).toFixed(1)} s | ${a.peakRssMb.toFixed(0)} MB | ${a.rows.toLocaleString('en-US')} | 1.0 |`,
      `| (b) full build, ${b.models} models + checks | ${s(b)} | ${(b.cpuMs / 1000).toFixed(1)} s | ${b.peakRssMb.toFixed(0)} MB | ${b.rows.toLocaleString('en-US')} | ${(b.ms / a.ms).toFixed(1)} |`,
      `| (b1) the same, one model at a time | ${s(b1)} | ${(b1.cpuMs / 1000).toFixed(1)} s | ${b1.peakRssMb.toFixed(0)} MB | ${b1.rows.toLocaleString('en-US')} | ${(b1.ms / a.ms).toFixed(1)} |`,
      `| (c) rebuild after ${last} | ${s(c)} | ${(c.cpuMs / 1000).toFixed(1)} s | ${c.peakRssMb.toFixed(0)} MB | ${c.rows.toLocaleString('en-US')} | ${(c.ms / a.ms).toFixed(1)} |`,
      `| (d) floor: the ${d.models} marts of (c) copied into a new file, nothing computed | ${s(d)} | ${(d.cpuMs / 1000).toFixed(1)} s | ${d.peakRssMb.toFixed(0)} MB | ${d.rows.toLocaleString('en-US')} | ${(d.ms / a.ms).toFixed(1)} |`,
      '',
      `slowest steps of (c): ${c.slowest}`,
    ];
    process.stdout.write(lines.join('\n') + '\n');
  } finally {
    if (values.keep) log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

await main();
