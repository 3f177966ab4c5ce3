import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, readdirSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Warehouse } from '../../warehouse/db.ts';
import { listMigrations, migrate, schemaVersion } from '../../warehouse/migrations.ts';
import { sqlDir } from '../../warehouse/paths.ts';

describe('warehouse migrations', () => {
  it('creates every extract table and records the schema version', async () => {
    const wh = await Warehouse.open(':memory:');
    try {
      expect(await schemaVersion(wh)).toBe(listMigrations().at(-1)!.version);
      const tables = (await wh.query<{ t: string }>(`select table_name as t from duckdb_tables()`)).map((r) => r.t);
      for (const kind of ['orgs', 'managers', 'clients', 'assignments', 'products', 'ftp_curve', 'targets',
        'deposits', 'loans', 'fees', 'sales', 'visits', 'adjustments']) {
        expect(tables).toContain(`raw_${kind}`);
      }
      expect(tables).toEqual(expect.arrayContaining(['load_log', 'load_files', 'load_rejects']));
    } finally {
      wh.close();
    }
  });

  it('upgrades an older warehouse file in place, keeping its data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-mig-'));
    const file = join(dir, 'old.duckdb');
    // An "old" warehouse: only migration 001 applied, with a row in it.
    const old = await Warehouse.open(file);
    await old.run(`insert into raw_orgs values ('HQ', null, '总行', 'head_office', 1)`);
    old.close();
    // A newer schema folder: the real migrations plus one more.
    const schema = join(dir, 'schema');
    mkdirSync(schema);
    for (const f of readdirSync(join(sqlDir, 'schema'))) copyFileSync(join(sqlDir, 'schema', f), join(schema, f));
    writeFileSync(join(schema, '999_test_extra.sql'), 'alter table raw_orgs add column note varchar;');
    const wh = await Warehouse.open(file);
    try {
      expect(await migrate(wh, listMigrations(schema))).toEqual([999]);
      expect(await schemaVersion(wh)).toBe(999);
      expect(await wh.query(`select org_id, org_name, note from raw_orgs`)).toEqual([
        { org_id: 'HQ', org_name: '总行', note: null },
      ]);
      // Running again applies nothing.
      expect(await migrate(wh, listMigrations(schema))).toEqual([]);
    } finally {
      wh.close();
    }
  });

  it('refuses a new migration under a number that held the macros (recorded as applied in older warehouses)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-mig-'));
    writeFileSync(join(dir, '001_tables.sql'), 'create table t (x integer);');
    writeFileSync(join(dir, '014_new_table.sql'), 'create table u (x integer);');
    expect(() => listMigrations(dir)).toThrow(/migration 014_new_table uses a retired number .*number it 019 or above/);
  });
});
