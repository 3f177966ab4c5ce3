// `jixiao ingest`, `loads` and `rejects` run in-process through main(): exit status 0 loaded,
// 1 refused, 2 bad usage; the summary and reject tables; CSV and JSON output.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { Capture, delivery, fixtures, withTempDir } from './helpers.ts';
// The CLI opens the warehouse file itself, so these tests only make a temp folder.

async function jixiao(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = new Capture();
  const err = new Capture();
  const code = await main(argv, out as unknown as typeof process.stdout, err as unknown as typeof process.stderr);
  return { code, out: out.text, err: err.text };
}

describe('jixiao ingest / loads / rejects', () => {
  it('exit 0 when loaded, with a summary and the rejected rows; loads and rejects list them', async () => {
    await withTempDir(async (dir) => {
      const db = join(dir, 'cli.duckdb');
      const r = await jixiao('ingest', join(fixtures, 'mixed'), '--db', db);
      expect(r.code).toBe(0);
      expect(r.err).toBe(''); // not a terminal: no progress bars
      expect(r.out).toMatch(/LOADED/);
      expect(r.out).toMatch(/fees_202402\.csv\s+fees\s+utf8\s+300\s+298\s+2/);
      expect(r.out).toMatch(/fees_202402\.csv\s+101\s+amount\s+abc\s+not an amount/);
      const again = await jixiao('ingest', join(fixtures, 'mixed'), '--db', db);
      expect(again.code).toBe(0);
      expect(again.out).toMatch(/UNCHANGED/);

      const loads = await jixiao('loads', '--db', db, '--format', 'json');
      expect(loads.code).toBe(0);
      expect((JSON.parse(loads.out) as { status: string }[]).map((l) => l.status)).toEqual(['unchanged', 'loaded']);
      const table = await jixiao('loads', '--db', db);
      expect(table.out.split('\n')[0]).toMatch(/^load\s+started\s+status/);
      const files = await jixiao('loads', '--db', db, '--load', '1');
      expect(files.out).toMatch(/存款_202402\.csv\s+deposits\s+gb18030/);

      const rejects = await jixiao('rejects', '--db', db, '--load', '1', '--format', 'csv');
      expect(rejects.code).toBe(0);
      const lines = rejects.out.replace(/^\uFEFF/, '').trim().split('\r\n');
      expect(lines).toHaveLength(3);
      expect(lines[2]).toBe('1,fees_202402.csv,201,client_id,9999,unknown client');
    });
  });

  it('exit 1 when refused, with the reasons', async () => {
    await withTempDir(async (dir) => {
      const d = delivery(dir, 'refused', [], { 'fees.csv': 'txn_date,txn_id,client_id,product_id,amount\n2024-01-05,T1,0001,F01,1.00\n' });
      const r = await jixiao('ingest', d, '--db', join(dir, 'cli.duckdb'));
      expect(r.code).toBe(1);
      // No clients were ever delivered: the fee's client is unknown; 1 of 1 rows = 100%.
      expect(r.out).toMatch(/REFUSED/);
      expect(r.out).toMatch(/fees\.csv: 1 of 1 rows rejected \(100%\), above the threshold of 1%/);
    });
  });

  it('--restate, --allow-shrink and --today: a restated month is refused with rows before → after, then loads when named', async () => {
    await withTempDir(async (dir) => {
      const db = join(dir, 'cli.duckdb');
      expect((await jixiao('ingest', join(fixtures, 'refs'), '--db', db)).code).toBe(0);
      const header = 'as_of_date,account_id,client_id,product_id,currency,balance,avg_balance,rate,org_id';
      const jan = delivery(dir, 'jan', [], { 'deposits.csv': `${header}\n2024-01-31,A1,0001,D01,CNY,10.00,10.00,0.35,S01\n2024-01-31,A2,0002,D01,CNY,20.00,20.00,0.35,S02\n` });
      const loaded = await jixiao('ingest', jan, '--db', db, '--today', '2024-02-10');
      expect(loaded.code).toBe(0);
      expect(loaded.out).toMatch(/months:\n {2}deposits 2024-01: 0 → 2 rows \(new month\)\n/);
      const fix = delivery(dir, 'fix', [], { 'deposits.csv': `${header}\n2024-01-31,A1,0001,D01,CNY,11.00,10.00,0.35,S01\n2024-01-31,A2,0002,D01,CNY,20.00,20.00,0.35,S02\n` });
      const refused = await jixiao('ingest', fix, '--db', db, '--today', '2024-02-10');
      expect(refused.code).toBe(1);
      expect(refused.out).toMatch(/months \(had it loaded\):\n {2}deposits 2024-01: 2 → 2 rows \(restated\)\n/);
      expect(refused.out).toContain('  - deposits.csv line 2: deposits 2024-01 is already loaded with other rows (2 → 2 rows); if this delivery restates that month, load it again with --restate 2024-01\n');
      const restated = await jixiao('ingest', fix, '--db', db, '--today', '2024-02-10', '--restate', '2024-01', '--restate', '2023-12');
      expect(restated.code).toBe(0);
      expect(restated.out).toMatch(/deposits 2024-01: 2 → 2 rows \(restated\)/);
      expect((await jixiao('ingest', fix, '--db', db, '--restate', '2024-1')).code).toBe(2);
      expect((await jixiao('ingest', fix, '--db', db, '--today', '10.02.2024')).code).toBe(2);
      expect((await jixiao('ingest', fix, '--db', db, '--allow-shrink', 'yes')).code).toBe(2);
    });
  });

  it('exit 2 on bad usage', async () => {
    await withTempDir(async (dir) => {
      const db = join(dir, 'cli.duckdb');
      expect((await jixiao('ingest', '--db', db)).code).toBe(2);
      expect((await jixiao('ingest', join(dir, 'no-such-folder'), '--db', db)).code).toBe(2);
      expect((await jixiao('ingest', join(fixtures, 'mixed'), '--db', db, '--reject-threshold', 'lots')).code).toBe(2);
      expect((await jixiao('ingest', join(fixtures, 'mixed'), '--db', db, '--encoding', 'latin1')).code).toBe(2);
      expect((await jixiao('ingest', join(fixtures, 'mixed'), '--db', db, '--profile', join(dir, 'missing.json'))).code).toBe(2);
      expect((await jixiao('ingest', join(fixtures, 'mixed'), '--db', db, '--frobnicate')).code).toBe(2);
      expect((await jixiao('rejects', '--db', db, '--format', 'xml')).code).toBe(2);
    });
  });
});
