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
