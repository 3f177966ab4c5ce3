// The read side under the API: the connection pool's result cache (read-only warehouses only),
// bound-parameter pruning, and exact ordering of decimal strings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Warehouse } from '../../warehouse/db.ts';
import { ReaderPool, usedParams } from '../../warehouse/queries/reader.ts';
import { compareExact, sortAndPage } from '../../warehouse/queries/listing.ts';

let dir: string;
let file: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jixiao-reader-'));
  file = join(dir, 'w.duckdb');
  const wh = await Warehouse.open(file);
  await wh.run(`create table t as select * from (values ('a', 1.50::decimal(18,2)), ('b', 2.25::decimal(18,2))) v(k, x)`);
  wh.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ReaderPool cache', () => {
  it('keeps results of a read-only warehouse; callers get copies', async () => {
    const wh = await Warehouse.open(file, { readOnly: true });
    const pool = await ReaderPool.open(wh, { size: 2, cacheEntries: 10 });
    try {
      const first = await pool.query<{ k: string; x: string }>('select k, x from t where k = $k', { k: 'a' });
      expect(first).toEqual([{ k: 'a', x: '1.50' }]);
      first[0]!.x = 'changed by a caller';
      const second = await pool.query<{ k: string; x: string }>('select k, x from t where k = $k', { k: 'a' });
      expect(second).toEqual([{ k: 'a', x: '1.50' }]);
      expect(pool.hits).toBe(1);
      // Another parameter value is another entry.
      expect(await pool.query('select k, x from t where k = $k', { k: 'b' })).toEqual([{ k: 'b', x: '2.25' }]);
      expect(pool.misses).toBe(2);
    } finally {
      pool.close();
      wh.close();
    }
  });

  it('refuses to cache a warehouse opened for writing (its results could go stale)', async () => {
    const wh = await Warehouse.open(file);
    try {
      await expect(ReaderPool.open(wh, { size: 1, cacheEntries: 10 })).rejects.toThrow(/read-only/);
      const pool = await ReaderPool.open(wh, { size: 1 });
      expect(await pool.query('select count(*)::integer as n from t')).toEqual([{ n: 2 }]);
      pool.close();
    } finally {
      wh.close();
    }
  });

  it('reuses prepared statements with fresh bindings each time, and evicts beyond the limit', async () => {
    const wh = await Warehouse.open(file, { readOnly: true });
    // One connection keeping one statement: the three texts below take turns evicting each other.
    const pool = await ReaderPool.open(wh, { size: 1, statements: 1 });
    try {
      const byKey = 'select k, x from t where k = $k';
      const nullable = 'select count(*)::integer as n from t where $k::varchar is null or k = $k::varchar';
      for (let round = 0; round < 2; round++) {
        expect(await pool.query(byKey, { k: 'a' })).toEqual([{ k: 'a', x: '1.50' }]);
        expect(await pool.query(byKey, { k: 'b' })).toEqual([{ k: 'b', x: '2.25' }]);
        // A null after a value, and the reverse: no binding is left over from the run before.
        expect(await pool.query(nullable, { k: 'a' })).toEqual([{ n: 1 }]);
        expect(await pool.query(nullable, { k: null })).toEqual([{ n: 2 }]);
        expect(await pool.query('select sum(x)::varchar as s from t')).toEqual([{ s: '3.75' }]);
      }
      // An error in the SQL reads as DuckDB's own, prepared or not.
      await expect(pool.query('select nope from t')).rejects.toThrow(/nope/);
    } finally {
      pool.close();
      wh.close();
    }
  });

  it('binds only the parameters a statement names', () => {
    expect(usedParams('select $a, $ab where x = $c', { a: 1, ab: 2, b: 3, c: null })).toEqual({ a: 1, ab: 2, c: null });
  });
});

describe('exact ordering', () => {
  it('compares decimal strings by their digits, not through doubles', () => {
    // 2^53 + 1 and 2^53 are equal as doubles.
    expect(compareExact('9007199254740993.00', '9007199254740992.00')).toBe(1);
    expect(compareExact('-0.01', '0.00')).toBe(-1);
    expect(compareExact('10.5', '9.75')).toBe(1);
    expect(compareExact('-10.5', '-9.75')).toBe(-1);
    expect(compareExact('0.000', '-0.00')).toBe(0);
    expect(compareExact(null, '1')).toBe(1);
  });

  it('sorts and pages with nulls last both ways and a stable tie-break', () => {
    const rows = [
      { id: 'a', v: '2.00' },
      { id: 'b', v: null },
      { id: 'c', v: '10.00' },
      { id: 'd', v: '2.00' },
    ];
    const desc = sortAndPage(rows, { sort: 'v', order: 'desc', page: 1, limit: 10 }, ['id', 'v'], 'id');
    expect(desc.rows.map((r) => r.id)).toEqual(['c', 'a', 'd', 'b']);
    const asc = sortAndPage(rows, { sort: 'v', order: 'asc', page: 1, limit: 2 }, ['id', 'v'], 'id');
    expect(asc).toEqual({ rows: [rows[0], rows[3]], total: 4 });
    expect(() => sortAndPage(rows, { sort: 'x', order: 'asc', page: 1, limit: 2 }, ['id', 'v'], 'id')).toThrow();
  });
});
