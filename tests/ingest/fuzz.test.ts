// Malformed deliveries built from the tiny bank (truncations, encodings, garbage, missing or extra
// columns, duplicates, out-of-range values, mis-dated months, wrong manifests): each one either
// loads (exit 0) or is refused (exit 1), never a crash; afterwards every ledger table is exactly
// as before, or exactly as before with the whole delivery applied (count and hash per table).
import { copyFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBank } from '../../generator/index.ts';
import { ingestPath } from '../../ingest/index.ts';
import { kinds, type KindSpec } from '../../ingest/kinds.ts';
import { Warehouse } from '../../warehouse/db.ts';
import { rng } from './helpers.ts';

type Files = Record<string, Buffer>;
type Mutation = { name: string; month: 'reference' | '2025-01' | '2025-02'; apply(files: Files): void };

const lines = (b: Buffer) => b.toString('utf8').split('\n');
const joinLines = (ls: string[]) => Buffer.from(ls.join('\n'));
/** Edits every data line of a CSV (header kept) through fn(fields, index). */
function editRows(b: Buffer, fn: (fields: string[], i: number) => string[] | null): Buffer {
  const [header, ...rest] = lines(b);
  const out = [header!];
  rest.forEach((l, i) => {
    if (l === '') return out.push(l);
    const f = fn(l.split(','), i);
    if (f) out.push(f.join(','));
  });
  return joinLines(out);
}
const col = (b: Buffer, name: string) => lines(b)[0]!.split(',').indexOf(name);
const dropManifest = (f: Files) => delete f['manifest.csv'];

/** The mutations, each applied to a copy of one delivery of the tiny bank. */
function mutations(): Mutation[] {
  const out: Mutation[] = [];
  const ledgers = ['deposits.csv', 'loans.csv', 'fees.csv'];
  const refs = ['clients.csv', 'assignments.csv'];
  for (const file of [...ledgers, ...refs]) {
    const month = refs.includes(file) ? 'reference' : '2025-02';
    out.push(
      { name: `${file} cut mid-line`, month, apply: (f) => (f[file] = f[file]!.subarray(0, Math.floor(f[file]!.length * 0.6))) },
      { name: `${file} cut at a line boundary, manifest kept`, month, apply: (f) => (f[file] = joinLines(lines(f[file]!).slice(0, Math.ceil(lines(f[file]!).length / 2)).concat(''))) },
      { name: `${file} garbage bytes`, month, apply: (f) => {
        const r = rng(file.length * 7919);
        const b = Buffer.from(f[file]!);
        for (let i = 0; i < 12; i++) b[Math.floor(r() * b.length)] = Math.floor(r() * 256);
        f[file] = b;
      } },
      { name: `${file} missing a required column`, month, apply: (f) => {
        const spec = kinds.find((k) => file.startsWith(k.kind))!;
        const i = col(f[file]!, spec.columns.find((c) => c.required && c.name !== spec.key[0])?.name ?? spec.key[0]!);
        f[file] = joinLines(lines(f[file]!).map((l) => (l === '' ? l : l.split(',').filter((_, j) => j !== i).join(','))));
      } },
      { name: `${file} duplicated rows, manifest dropped`, month, apply: (f) => {
        dropManifest(f);
        const ls = lines(f[file]!).filter((l) => l !== '');
        f[file] = joinLines([...ls, ...ls.slice(1, 4), '']);
      } },
      { name: `${file} in GBK with one UTF-8 line (mixed)`, month, apply: (f) => {
        const ls = lines(f[file]!);
        f[file] = Buffer.concat([iconv.encode(ls.slice(0, -2).join('\n') + '\n', 'gbk'), Buffer.from('甲乙丙,' + ls.at(-2)! + '\n')]);
      } },
    );
  }
  out.push(
    { name: 'deposits.csv as UTF-16', month: '2025-02', apply: (f) => (f['deposits.csv'] = iconv.encode(f['deposits.csv']!.toString('utf8'), 'utf16-le')) },
    // Extra columns, a column twice, quoting broken, control characters, empty and header-only files.
    { name: 'deposits with 300 extra columns', month: '2025-02', apply: (f) => {
      const extra = Array.from({ length: 300 }, (_, i) => `x${i}`);
      f['deposits.csv'] = joinLines(lines(f['deposits.csv']!).map((l, i) => (l === '' ? l : `${l},${i === 0 ? extra.join(',') : extra.map(() => 'v').join(',')}`)));
    } },
    { name: 'loans with a column named twice', month: '2025-02', apply: (f) => {
      f['loans.csv'] = joinLines(lines(f['loans.csv']!).map((l, i) => (l === '' ? l : `${l},${i === 0 ? 'balance' : '1.00'}`)));
    } },
    { name: 'fees with an unclosed quote', month: '2025-02', apply: (f) => (f['fees.csv'] = editRows(f['fees.csv']!, (x, i) => (i === 3 ? [`"${x[0]}`, ...x.slice(1)] : x))) },
    { name: 'visits with a NUL byte in an id', month: '2025-02', apply: (f) => (f['visits.csv'] = editRows(f['visits.csv']!, (x, i) => (i === 2 ? [x[0]!, `${x[1]}\0`, ...x.slice(2)] : x))) },
    { name: 'sales empty', month: '2025-02', apply: (f) => (f['sales.csv'] = Buffer.alloc(0)) },
    { name: 'visits header only', month: '2025-02', apply: (f) => (f['visits.csv'] = joinLines([lines(f['visits.csv']!)[0]!, ''])) },
    { name: 'loans.parquet of garbage', month: '2025-02', apply: (f) => (f['loans.parquet'] = Buffer.from('PAR1 not really')) },
    { name: 'a random binary deposits file', month: '2025-02', apply: (f) => {
      const r = rng(42);
      f['deposits.csv'] = Buffer.from(Array.from({ length: 5000 }, () => Math.floor(r() * 256)));
    } },
    // Out-of-range values.
    { name: 'deposits: every balance negative', month: '2025-02', apply: (f) => {
      const i = col(f['deposits.csv']!, 'balance');
      f['deposits.csv'] = editRows(f['deposits.csv']!, (x) => x.map((v, j) => (j === i && v !== '0.00' ? `-${v}` : v)));
    } },
    { name: 'deposits: one negative balance (under the threshold? no: 1 of 77 > 1%)', month: '2025-02', apply: (f) => {
      const i = col(f['deposits.csv']!, 'balance');
      f['deposits.csv'] = editRows(f['deposits.csv']!, (x, n) => x.map((v, j) => (j === i && n === 5 ? '-1.00' : v)));
    } },
    { name: 'loans: rate -99', month: '2025-02', apply: (f) => {
      const i = col(f['loans.csv']!, 'rate');
      f['loans.csv'] = editRows(f['loans.csv']!, (x, n) => x.map((v, j) => (j === i && n === 0 ? '-99' : v)));
    } },
    { name: 'loans: overdue days -3', month: '2025-02', apply: (f) => {
      const i = col(f['loans.csv']!, 'overdue_days');
      f['loans.csv'] = editRows(f['loans.csv']!, (x, n) => x.map((v, j) => (j === i && n === 1 ? '-3' : v)));
    } },
    { name: 'fees: dates in 1899 and 9999', month: '2025-02', apply: (f) => (f['fees.csv'] = editRows(f['fees.csv']!, (x, n) => (n < 2 ? [n ? '9999-12-31' : '1899-12-31', ...x.slice(1)] : x))) },
    { name: 'fees: negative amounts (reversals) and manifest dropped', month: '2025-02', apply: (f) => {
      dropManifest(f);
      const i = col(f['fees.csv']!, 'amount');
      f['fees.csv'] = editRows(f['fees.csv']!, (x) => x.map((v, j) => (j === i ? `-${v}` : v)));
    } },
    { name: 'sales: amount padded with spaces, manifest dropped', month: '2025-02', apply: (f) => {
      dropManifest(f);
      const i = col(f['sales.csv']!, 'amount');
      f['sales.csv'] = editRows(f['sales.csv']!, (x) => x.map((v, j) => (j === i && v ? `  ${v} ` : v)));
    } },
    { name: 'clients: a formula as a name, manifest dropped', month: 'reference', apply: (f) => {
      dropManifest(f);
      f['clients.csv'] = editRows(f['clients.csv']!, (x, n) => (n === 0 ? [x[0]!, '=HYPERLINK("http://x")', ...x.slice(2)] : x));
    } },
    { name: 'managers: unknown org', month: 'reference', apply: (f) => {
      dropManifest(f);
      const i = col(f['managers.csv']!, 'org_id');
      f['managers.csv'] = editRows(f['managers.csv']!, (x) => x.map((v, j) => (j === i ? 'NOPE' : v)));
    } },
    // Mis-dated months.
    { name: 'February deposits dated January (a mis-dated re-send)', month: '2025-02', apply: (f) => {
      dropManifest(f);
      f['deposits.csv'] = editRows(f['deposits.csv']!, (x) => ['2025-01-31', ...x.slice(1)]);
    } },
    { name: 'February loans dated 2031-04-30', month: '2025-02', apply: (f) => (f['loans.csv'] = editRows(f['loans.csv']!, (x) => ['2031-04-30', ...x.slice(1)])) },
    { name: 'February deposits dated the 15th', month: '2025-02', apply: (f) => (f['deposits.csv'] = editRows(f['deposits.csv']!, (x) => ['2025-02-15', ...x.slice(1)])) },
    { name: 'January again, identical', month: '2025-01', apply: () => {} },
    { name: 'January again with one balance changed (restatement without --restate)', month: '2025-01', apply: (f) => {
      dropManifest(f);
      const i = col(f['deposits.csv']!, 'balance');
      f['deposits.csv'] = editRows(f['deposits.csv']!, (x, n) => x.map((v, j) => (j === i && n === 0 ? '1.00' : v)));
    } },
    { name: 'February deposits at a third of its rows, manifest dropped (shrink)', month: '2025-02', apply: (f) => {
      dropManifest(f);
      f['deposits.csv'] = editRows(f['deposits.csv']!, (x, n) => (n % 3 === 0 ? x : null));
    } },
    // Wrong manifests.
    { name: 'manifest: rows off by one', month: '2025-02', apply: (f) => (f['manifest.csv'] = Buffer.from(f['manifest.csv']!.toString().replace(/^(deposits\.csv,)(\d+)/m, (_, a, n) => `${a}${Number(n) + 1}`))) },
    { name: 'manifest: control total off by a fen', month: '2025-02', apply: (f) => (f['manifest.csv'] = Buffer.from(f['manifest.csv']!.toString().replace(/^(fees\.csv,\d+,\d+\.)(\d)(\d)/m, (_, a, d, e) => `${a}${d}${(Number(e) + 1) % 10}`))) },
    { name: 'manifest: a file missing from it', month: '2025-02', apply: (f) => (f['manifest.csv'] = Buffer.from(f['manifest.csv']!.toString().replace(/^loans\.csv.*\n/m, ''))) },
    { name: 'manifest: lists a file not delivered', month: '2025-02', apply: (f) => delete f['visits.csv'] },
    { name: 'manifest: no header', month: '2025-02', apply: (f) => (f['manifest.csv'] = Buffer.from(f['manifest.csv']!.toString().split('\n').slice(1).join('\n'))) },
    { name: 'manifest: garbage', month: 'reference', apply: (f) => (f['manifest.csv'] = Buffer.from('file,rows,control_total\norgs.csv,many,\n')) },
    { name: 'manifest: in GBK and right', month: 'reference', apply: (f) => (f['manifest.csv'] = iconv.encode(f['manifest.csv']!.toString(), 'gbk')) },
  );
  return out;
}

/** Count and hash (with load_id) of every ledger table. */
async function ledger(wh: Warehouse, db = 'main'): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const k of kinds) {
    const cols = [...k.columns.filter((c) => !c.unstored).map((c) => c.name), 'load_id'].join(', ');
    const [r] = await wh.query<{ n: string; h: string | null }>(`select count(*)::varchar as n, sum(hash(${cols})::hugeint)::varchar as h from ${db}.${k.table}`);
    out[k.table] = `${r!.n}:${r!.h ?? 0}`;
  }
  return out;
}

/** How a row of the delivery supersedes a row of the warehouse (a.* delivered, b.* before). */
function supersedes(spec: KindSpec): string {
  const by = spec.replace === 'upsert' ? spec.key : spec.replaceBy!;
  return by.map((c) => `a.${c} = b.${c}`).join(' and ');
}

describe('malformed deliveries from the tiny bank', () => {
  let dir: string;
  let bank: string;
  let base: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jixiao-fuzz-'));
    bank = join(dir, 'bank');
    await generateBank({ scale: 'tiny', seed: 5, out: bank });
    base = join(dir, 'base.duckdb');
    const wh = await Warehouse.open(base);
    try {
      for (const d of ['00-reference', '2025-01']) expect((await ingestPath(wh, join(bank, d)))[0]!.status).toBe('loaded');
    } finally {
      wh.close();
    }
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cases = mutations();
  it(`has at least 60 cases (${cases.length})`, () => expect(cases.length).toBeGreaterThanOrEqual(60));

  it('each loads whole or changes nothing, and never crashes', async () => {
    const outcomes: string[] = [];
    const run = async (n: number, m: Mutation) => {
      const src = join(bank, m.month === 'reference' ? '00-reference' : m.month);
      const files: Files = Object.fromEntries(readdirSync(src).map((f) => [f, readFileSync(join(src, f))]));
      m.apply(files);
      const del = join(dir, `case-${n}`);
      cpSync(src, del, { recursive: true });
      for (const f of readdirSync(del)) if (!(f in files)) rmSync(join(del, f));
      for (const [f, b] of Object.entries(files)) writeFileSync(join(del, f), b);
      const db = join(dir, `case-${n}.duckdb`);
      copyFileSync(base, db);
      const wh = await Warehouse.open(db);
      try {
        const before = await ledger(wh);
        let status: string;
        let loadId = 0;
        let loaded: Record<string, number> = {};
        try {
          const [r] = await ingestPath(wh, del);
          status = r!.status;
          loadId = r!.loadId;
          for (const f of r!.files) loaded[f.kind] = (loaded[f.kind] ?? 0) + f.rowsLoaded;
        } catch (e) {
          throw new Error(`case '${m.name}' crashed: ${(e as Error).stack}`);
        }
        const exit = status === 'refused' ? 1 : 0;
        outcomes.push(`${m.name}: ${status} (exit ${exit})`);
        if (status !== 'loaded') {
          expect(await ledger(wh), m.name).toEqual(before);
          return;
        }
        // Loaded: the delivery's good rows are all there under its load id, and every other row is
        // a row of before that no delivered row supersedes — nothing else changed.
        await wh.run(`attach '${base.replace(/'/g, "''")}' as before (read_only)`);
        for (const k of kinds) {
          const cols = [...k.columns.filter((c) => !c.unstored).map((c) => c.name), 'load_id'].join(', ');
          const [mine] = await wh.query<{ n: string }>(`select count(*)::varchar as n from ${k.table} where load_id = ${loadId}`);
          expect(Number(mine!.n), `${m.name}: ${k.table}`).toBe(loaded[k.kind] ?? 0);
          const [kept] = await wh.query<{ n: string; h: string | null }>(
            `select count(*)::varchar as n, sum(hash(${cols})::hugeint)::varchar as h from ${k.table} where load_id <> ${loadId}`,
          );
          const [expected] = await wh.query<{ n: string; h: string | null }>(
            `select count(*)::varchar as n, sum(hash(${cols})::hugeint)::varchar as h from before.${k.table} b
             where not exists (select 1 from ${k.table} a where a.load_id = ${loadId} and ${supersedes(k)})`,
          );
          expect(kept, `${m.name}: ${k.table}`).toEqual(expected);
        }
        await wh.run(`detach before`);
      } finally {
        wh.close();
        rmSync(db, { force: true });
        rmSync(del, { recursive: true, force: true });
      }
    };
    // Two cases at a time (each in its own warehouse file).
    for (let n = 0; n < cases.length; n += 2) await Promise.all(cases.slice(n, n + 2).map((m, i) => run(n + i, m)));
    if (process.env.FUZZ_SHOW) console.log(outcomes.join("\n"));
    // Both outcomes happen, and the refusals are the point of most cases.
    expect(outcomes.filter((o) => o.includes('(exit 0)')).length).toBeGreaterThan(3);
    expect(outcomes.filter((o) => o.includes('(exit 1)')).length).toBeGreaterThan(40);
  }, 300_000);
});
