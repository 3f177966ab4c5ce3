// npm run bench:ingest [-- --rows 5000000 --repeat 3 --keep]
// Builds a deposits delivery of N rows (default 5,000,000: 500,000 accounts × 10 month-ends, 200,000
// clients) in a temp folder, as UTF-8 and as the same rows in GBK with Chinese headers, then times
// in one run, each in its own child process (so peak memory is that run's alone, VmHWM/maxRSS):
//   (a) reference: DuckDB's own read_csv of the UTF-8 file into a plain typed table;
//   (b) jixiao ingest of the UTF-8 delivery (checksum, typed staging, every check, load log);
//   (c) jixiao ingest of the GBK delivery (plus detection and the streamed transcode);
//   (d) the UTF-8 delivery again (unchanged: checksums only).
// (b)–(d) start from a copy of one warehouse already holding the reference files.
// Prints rows/s, the ratios to (a) and peak memory; targets: (b)/(a) ≤ 2.0, (c)/(a) ≤ 3.0, < 2 GB.
import { execFileSync } from 'node:child_process';
import { copyFileSync, createReadStream, createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { parseArgs } from 'node:util';
import iconv from 'iconv-lite';
import { Warehouse } from '../warehouse/db.ts';
import { ingestPath } from '../ingest/index.ts';

interface Measure {
  ms: number;
  rows: number;
  peakRssMb: number;
  /** ingest: the line of each reject (the planted one). */
  rejectLines?: number[];
}

const depositsColumns =
  `{'as_of_date': 'DATE', 'account_id': 'VARCHAR', 'client_id': 'VARCHAR', 'product_id': 'VARCHAR', 'currency': 'VARCHAR', ` +
  `'balance': 'DECIMAL(18,2)', 'avg_balance': 'DECIMAL(18,2)', 'rate': 'DECIMAL(9,6)', 'org_id': 'VARCHAR'}`;

/** Child: one measured run; prints a Measure as JSON on its last line. */
async function child(mode: string, input: string, db: string): Promise<void> {
  const wh = await Warehouse.open(db);
  const t0 = performance.now();
  let rows = 0;
  let rejectLines: number[] | undefined;
  try {
    if (mode === 'reference') {
      await wh.run(`create table plain_deposits as select * from read_csv($path, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = ${depositsColumns})`, { path: input });
      await wh.run('checkpoint');
      rows = Number((await wh.query<{ n: string }>('select count(*) as n from plain_deposits'))[0]!.n);
    } else {
      const results = await ingestPath(wh, input);
      const r = results[0]!;
      if (r.status === 'refused') throw new Error(`refused: ${r.reasons.join('; ')}`);
      await wh.run('checkpoint');
      rows = r.status === 'unchanged' ? r.rowsRead : r.rowsLoaded;
      const rejects = await wh.query<{ line: string }>(`select line from load_rejects where load_id = $id`, { id: r.loadId });
      rejectLines = rejects.map((x) => Number(x.line));
    }
  } finally {
    wh.close();
  }
  const ms = performance.now() - t0;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`\n${JSON.stringify({ ms, rows, peakRssMb, rejectLines } satisfies Measure)}\n`);
}

function runChild(mode: string, input: string, db: string): Measure {
  const out = execFileSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--child', mode, input, db], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.trim().split('\n').pop()!) as Measure;
}

async function build(dir: string, rows: number): Promise<{ utf8: string; gbk: string; refs: string }> {
  const refs = join(dir, 'refs');
  const utf8 = join(dir, 'deposits-utf8');
  const gbk = join(dir, 'deposits-gbk');
  for (const d of [refs, utf8, gbk]) mkdirSync(d, { recursive: true });
  const months = 10;
  const accounts = Math.ceil(rows / months);
  const clients = Math.max(1, Math.floor(accounts * 0.4));
  const wh = await Warehouse.open(':memory:');
  try {
    await wh.run(`copy (select * from (values ('HQ', null, 'Head office', 'head_office')) t(org_id, parent_id, org_name, level)
      union all select 'B' || lpad(i::varchar, 2, '0'), 'HQ', 'Branch ' || i, 'sub_branch' from range(1, 21) r(i))
      to '${join(refs, 'orgs.csv')}' (header)`);
    await wh.run(`copy (select 'P' || (1000 + i) as product_id, 'Deposit ' || i as product_name, 'deposit' as category, (i * 3) as term_months from range(1, 11) r(i))
      to '${join(refs, 'products.csv')}' (header)`);
    await wh.run(`copy (select lpad(i::varchar, 10, '0') as client_id, 'Client ' || i as client_name, case when i % 7 = 0 then 'corporate' else 'individual' end as client_type,
        null as industry, null as group_id, date '2020-01-01' + (i % 1000)::integer as open_date, 'B' || lpad((1 + i % 20)::varchar, 2, '0') as org_id
      from range(1, ${clients + 1}) r(i)) to '${join(refs, 'clients.csv')}' (header)`);
    // Month-ends of 2025, account a belongs to client 1 + a % clients; amounts with cents.
    await wh.run(`copy (
      select strftime(last_day(date '2025-01-01' + to_months(m::integer)), '%Y-%m-%d') as as_of_date,
        'D' || lpad(a::varchar, 11, '0') as account_id,
        -- One planted bad row late in the file (an unknown client): its reject must name its line.
        case when m = ${months - 1} and a = ${accounts - 3} then 'NOCLIENT' else lpad((1 + a % ${clients})::varchar, 10, '0') end as client_id,
        'P' || (1001 + a % 10) as product_id,
        'CNY' as currency,
        ((a * 7919 + m * 104729) % 100000000 / 100.0)::decimal(18,2) as balance,
        ((a * 7907 + m * 104723) % 100000000 / 100.0)::decimal(18,2) as avg_balance,
        (0.2 + (a % 10) * 0.25)::decimal(9,6) as rate,
        'B' || lpad((1 + a % 20)::varchar, 2, '0') as org_id
      from range(${months}) t(m), range(${accounts}) s(a)
      limit ${rows}
    ) to '${join(utf8, 'deposits_2025.csv')}' (header)`);
  } finally {
    wh.close();
  }
  // The same rows in GBK as a Chinese core system exports them: the zh-core header, and the
  // currency as 人民币 (mapped back to CNY by the profile), so every row holds Chinese text.
  const zhHeader = '数据日期,账号,客户号,产品号,币种,余额,日均余额,利率,机构号\n';
  let first = true;
  await pipeline(
    createReadStream(join(utf8, 'deposits_2025.csv'), { encoding: 'utf8', highWaterMark: 1 << 20 }),
    new Transform({
      decodeStrings: false,
      transform(chunk: string, _e, cb) {
        if (first) {
          first = false;
          chunk = zhHeader + chunk.slice(chunk.indexOf('\n') + 1);
        }
        cb(null, iconv.encode(chunk.replaceAll(',CNY,', ',人民币,'), 'gbk'));
      },
    }),
    createWriteStream(join(gbk, '存款_2025.csv')),
  );
  return { utf8, gbk, refs };
}

/** The text of one physical line of a file (1-based), read as a stream. */
async function lineOf(path: string, wanted: number): Promise<string> {
  let line = 1;
  let carry = '';
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 }) as AsyncIterable<string>) {
    let text = carry + chunk;
    let nl: number;
    while ((nl = text.indexOf('\n')) >= 0) {
      if (line === wanted) return text.slice(0, nl);
      text = text.slice(nl + 1);
      line++;
    }
    carry = text;
  }
  return carry;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rows: { type: 'string' }, repeat: { type: 'string' }, keep: { type: 'boolean' } } });
  const rows = Number(values.rows ?? 5_000_000);
  const repeat = Number(values.repeat ?? 3);
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-bench-ingest-'));
  try {
    process.stderr.write(`building ${rows.toLocaleString()} deposit rows in ${dir} …\n`);
    const files = await build(dir, rows);
    const csv = join(files.utf8, 'deposits_2025.csv');
    const mb = (p: string) => (statSync(p).size / 2 ** 20).toFixed(0);
    process.stderr.write(`UTF-8 ${mb(csv)} MB, GBK ${mb(join(files.gbk, '存款_2025.csv'))} MB\n`);

    const seeded = join(dir, 'seeded.duckdb');
    const seed = await Warehouse.open(seeded);
    try {
      const [r] = await ingestPath(seed, files.refs);
      if (r?.status !== 'loaded') throw new Error(`seeding refused: ${r?.reasons.join('; ')}`);
      await seed.run('checkpoint');
    } finally {
      seed.close();
    }
    const fresh = (name: string) => {
      const p = join(dir, `${name}.duckdb`);
      copyFileSync(seeded, p);
      return p;
    };

    // The machine may be shared: each run is repeated, interleaved, and the fastest counts.
    const runs: { a: Measure[]; b: Measure[]; c: Measure[] } = { a: [], b: [], c: [] };
    let utf8Db = '';
    for (let i = 1; i <= repeat; i++) {
      process.stderr.write(`round ${i}/${repeat}: (a) DuckDB read_csv → typed table …\n`);
      rmSync(join(dir, 'reference.duckdb'), { force: true });
      runs.a.push(runChild('reference', csv, join(dir, 'reference.duckdb')));
      process.stderr.write(`round ${i}/${repeat}: (b) jixiao ingest, UTF-8 …\n`);
      utf8Db = fresh('utf8');
      runs.b.push(runChild('ingest', files.utf8, utf8Db));
      process.stderr.write(`round ${i}/${repeat}: (c) jixiao ingest, GBK …\n`);
      runs.c.push(runChild('ingest', files.gbk, fresh('gbk')));
    }
    process.stderr.write('(d) jixiao ingest, UTF-8 again (unchanged) …\n');
    const d = runChild('ingest', files.utf8, utf8Db);
    const fastest = (ms: Measure[]) => ms.reduce((x, y) => (y.ms < x.ms ? y : x));
    const peak = (ms: Measure[]) => Math.max(...ms.map((m) => m.peakRssMb));
    const a = { ...fastest(runs.a), peakRssMb: peak(runs.a) };
    const b = { ...fastest(runs.b), peakRssMb: peak(runs.b) };
    const c = { ...fastest(runs.c), peakRssMb: peak(runs.c) };
    const all = (ms: Measure[]) => ms.map((m) => (m.ms / 1000).toFixed(1)).join(', ');

    // The planted row's reject names the physical line that holds it.
    for (const [name, m] of [['UTF-8', b], ['GBK', c]] as const) {
      const lines = m.rejectLines ?? [];
      if (lines.length !== 1) throw new Error(`${name}: expected the one planted reject, got ${lines.length}`);
      const text = await lineOf(csv, lines[0]!);
      if (!text.includes('NOCLIENT')) throw new Error(`${name}: reject line ${lines[0]} holds '${text}', not the planted row`);
    }
    const line = (name: string, m: Measure) =>
      `${name.padEnd(40)} ${(m.ms / 1000).toFixed(2).padStart(7)} s  ${Math.round(m.rows / (m.ms / 1000)).toLocaleString().padStart(11)} rows/s  ` +
      `${(m.ms / a.ms).toFixed(2).padStart(5)}×  peak ${m.peakRssMb.toFixed(0).padStart(5)} MB`;
    process.stdout.write(
      [
        `ingest benchmark: ${rows.toLocaleString()} deposit rows (${mb(csv)} MB UTF-8), ${new Date().toISOString().slice(0, 10)}`,
        line('(a) DuckDB read_csv (reference)', a),
        line('(b) jixiao ingest UTF-8', b),
        line('(c) jixiao ingest GBK', c),
        line('(d) jixiao ingest UTF-8 again (unchanged)', d),
        `ratio (b)/(a) = ${(b.ms / a.ms).toFixed(2)} (target ≤ 2.0); (c)/(a) = ${(c.ms / a.ms).toFixed(2)} (target ≤ 3.0); ` +
          `peak memory max ${Math.max(a.peakRssMb, b.peakRssMb, c.peakRssMb).toFixed(0)} MB (target < 2048)`,
        `all runs (s): (a) ${all(runs.a)}; (b) ${all(runs.b)}; (c) ${all(runs.c)}; fastest of ${repeat} shown, peak memory is the largest`,
        `the planted bad row was rejected at its own line (${b.rejectLines?.[0]}) in both encodings`,
        '',
      ].join('\n'),
    );
  } finally {
    if (values.keep) process.stderr.write(`kept ${dir}\n`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

const argv = process.argv.slice(2);
if (argv[0] === '--child') await child(argv[1]!, argv[2]!, argv[3]!);
else await main();
