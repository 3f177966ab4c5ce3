// Every file the generator writes loads through the real ingest with zero rejects, in the
// contract's English layout (UTF-8), in the Chinese core-system layout (GBK) and with Parquet
// ledgers alike, and the three layouts of one seed load into the same warehouse contents.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Warehouse } from '../../warehouse/db.ts';
import { ingestPath, type IngestResult } from '../../ingest/index.ts';
import { generateBank } from '../../generator/index.ts';

const root = mkdtempSync(join(tmpdir(), 'jixiao-gen-ingest-'));
const loaded: Record<string, { wh: Warehouse; results: IngestResult[] }> = {};

beforeAll(async () => {
  for (const [name, headers, encoding, format] of [['en', 'en', 'utf8', 'csv'], ['zh', 'zh', 'gbk', 'csv'], ['parquet', 'en', 'utf8', 'parquet']] as const) {
    const out = join(root, name);
    await generateBank({ scale: 'tiny', seed: 3, out, headers, encoding, format });
    const wh = await Warehouse.open(':memory:');
    loaded[name] = { wh, results: await ingestPath(wh, out) };
  }
});

afterAll(() => {
  for (const { wh } of Object.values(loaded)) wh.close();
  rmSync(root, { recursive: true, force: true });
});

const tables = ['raw_orgs', 'raw_managers', 'raw_clients', 'raw_assignments', 'raw_products', 'raw_ftp_curve', 'raw_targets',
  'raw_deposits', 'raw_loans', 'raw_fees', 'raw_sales', 'raw_visits', 'raw_adjustments'];

describe('generated deliveries through the ingest', () => {
  for (const name of ['en', 'zh', 'parquet']) {
    it(`loads every delivery of the ${{ en: 'English UTF-8', zh: 'Chinese GBK', parquet: 'Parquet ledger' }[name]} layout in order, every row, no rejects`, async () => {
      const { wh, results } = loaded[name]!;
      expect(results.map((r) => r.delivery.replace(/^.*[\\/]/, ''))).toEqual(['00-reference', '2025-01', '2025-02', '2025-03']);
      for (const r of results) {
        expect(r.status, `${r.delivery}: ${r.reasons.join('; ')}`).toBe('loaded');
        expect(r.rowsRejected, r.delivery).toBe(0);
        expect(r.rowsLoaded, r.delivery).toBe(r.rowsRead);
        expect(r.rowsRead, r.delivery).toBeGreaterThan(0);
      }
      expect(results[0]!.files.map((f) => f.kind).sort()).toEqual(['assignments', 'clients', 'ftp_curve', 'managers', 'orgs', 'products', 'targets']);
      expect(results[3]!.files.map((f) => f.kind).sort()).toEqual(['adjustments', 'deposits', 'fees', 'fx_rates', 'loans', 'sales', 'visits']);
      if (name === 'zh') expect(results[1]!.files.every((f) => f.encoding === 'gb18030')).toBe(true);
      if (name === 'parquet') expect(results[1]!.files.every((f) => f.format === 'parquet')).toBe(true);
      expect((await wh.query(`select count(*)::integer n from load_rejects`))[0]!.n).toBe(0);
    });
  }

  it('loads the same data from every layout of one seed', async () => {
    for (const table of tables) {
      const rows = async (wh: Warehouse) =>
        (await wh.query(`select * exclude (load_id${table === 'raw_adjustments' ? ', item, entered_by' : ''}) from ${table} order by all`)).map((r) => JSON.stringify(r));
      const en = await rows(loaded.en!.wh);
      expect(en.length, table).toBeGreaterThan(0);
      expect(await rows(loaded.zh!.wh), table).toEqual(en);
      expect(await rows(loaded.parquet!.wh), table).toEqual(en);
    }
  });
});
