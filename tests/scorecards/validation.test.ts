// Invalid schemes are rejected with the field and the reason: by `jixiao scheme validate`
// (exit 1, one "FILE: path: reason" line per problem), and by the build input, which refuses to
// load anything. The shipped defaults are valid.
import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../../cli/main.ts';
import { Warehouse } from '../../warehouse/db.ts';
import { load } from '../../warehouse/build-inputs/schemes.ts';
import { defaultSchemes, fixturesDir } from './fixture.ts';

async function jixiao(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const sink = (f: (s: string) => void) => new Writable({ write: (c, _e, cb) => (f(String(c)), cb()) });
  const code = await main(args, sink((s) => (out += s)) as never, sink((s) => (err += s)) as never);
  return { code, out, err };
}

const badWeights = join(fixturesDir, 'invalid', 'bad_weights.json');
const badStructure = join(fixturesDir, 'invalid', 'bad_structure.json');

describe('jixiao scheme validate', () => {
  it('accepts the shipped defaults (exit 0)', async () => {
    const r = await jixiao('scheme', 'validate', join(defaultSchemes, 'retail_default.json'), join(defaultSchemes, 'corporate_default.json'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('2 valid, 0 invalid');
  });

  it('rejects a scheme naming each field and reason (exit 1)', async () => {
    const r = await jixiao('scheme', 'validate', badWeights);
    expect(r.code).toBe(1);
    const lines = r.out.trim().split('\n');
    expect(lines).toContain(`${badWeights}: effective_from: must be a month "YYYY-MM" or a quarter "YYYY-Qn"`);
    expect(lines).toContain(`${badWeights}: indicators.1.weight: must be > 0`);
    expect(lines.some((l) => l.startsWith(`${badWeights}: indicators.2.metric: unknown metric 'sales_gold_units'`))).toBe(true);
    expect(lines.some((l) => l.startsWith(`${badWeights}: indicators.3.formula: formula must be one of ratio_to_target`))).toBe(true);
    expect(lines).toContain(`${badWeights}: deductions.items.0.adjustment_items.0.points_each: a deduction entry must be worth < 0 points`);
    expect(lines).toContain(`${badWeights}: pay.rates.above_increment: must be a share between 0 and 1 (0.05 = 5%)`);
    expect(lines).toContain(`${badWeights}: pay.base_pay_monthly: needs a 'default' entry`);
  });

  it('rejects inconsistent fields: weights, cap below floor, grade order, double-counted items', async () => {
    const r = await jixiao('scheme', 'validate', badStructure);
    expect(r.code).toBe(1);
    const lines = r.out.trim().split('\n');
    expect(lines).toContain(`${badStructure}: indicators: weights sum to 90, expected total_weight 100`);
    expect(lines).toContain(`${badStructure}: indicators.1.floor: floor 1 is above the cap 0.8`);
    expect(lines).toContain(`${badStructure}: effective_to: ends before effective_from 2026-Q3`);
    expect(lines).toContain(`${badStructure}: grades.1.min_score: must be below the grade before (excellent ≥ 90)`);
    expect(lines).toContain(`${badStructure}: grades.2.min_score: must be null: the last grade takes every score below the others`);
    expect(lines).toContain(`${badStructure}: forced_distribution.grade: 'outstanding' is not one of the scheme's grades`);
    expect(lines).toContain(`${badStructure}: deductions.items.0.adjustment_items.0: 'market_research_report' is already counted by item 'reports'`);
    expect(lines).toContain(`${badStructure}: bonus.items.1: give one of premium_min_deposit_avg or premium_top_share (who is a premium client)`);
  });

  it('checks files given together against each other (exit 1 on a clash)', async () => {
    const v2 = join(fixturesDir, 'change', 'retail_v2.json');
    const r = await jixiao('scheme', 'validate', join(defaultSchemes, 'retail_default.json'), v2);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${v2}: effective_from: overlaps retail_default (retail_default.json)`);
    expect(r.out).toContain('2 valid, 0 invalid, 1 clash(es) between files');
  });

  it('validates institution schemes (subject: org) with the same messages, and against managers\' ids', async () => {
    const orgDefault = join(defaultSchemes, 'org', 'sub_branch_default.json');
    const ok = await jixiao('scheme', 'validate', join(defaultSchemes, 'retail_default.json'), orgDefault);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain(`${orgDefault}: ok — sub_branch_default (institutions: sub_branch, head office, from 2020-01), 6 indicators`);
    expect(ok.out).toContain('2 valid, 0 invalid');
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-scheme-org-'));
    try {
      const good = JSON.parse(readFileSync(orgDefault, 'utf8')) as Record<string, any>;
      const bad = structuredClone(good);
      bad.levels = ['branch'];
      bad.indicators[0].weight = 10;
      bad.indicators[3].per_manager = 'yes';
      bad.bonus.items[0] = { id: 'reports', source: 'adjustment', adjustment_items: ['report'] };
      const badFile = join(dir, 'bad_org.json');
      writeFileSync(badFile, JSON.stringify(bad));
      const r = await jixiao('scheme', 'validate', badFile);
      expect(r.code).toBe(1);
      const lines = r.out.trim().split('\n');
      expect(lines.some((l) => l.startsWith(`${badFile}: levels.0: must be one of head_office, tier1_branch`))).toBe(true);
      expect(lines.some((l) => l.startsWith(`${badFile}: indicators.3.per_manager: `))).toBe(true);
      expect(lines).toContain(`${badFile}: bonus.items.0: a bonus item of an institution scheme must have source "metric"`);
      expect(lines).toContain('0 valid, 1 invalid');
      // the cross-field checks, and an id a managers' scheme given alongside already has
      const clash = join(dir, 'clash_org.json');
      const weights = structuredClone(good);
      weights.indicators[0].weight = 10;
      writeFileSync(join(dir, 'weights_org.json'), JSON.stringify(weights));
      expect((await jixiao('scheme', 'validate', join(dir, 'weights_org.json'))).out).toContain(
        `${join(dir, 'weights_org.json')}: indicators: weights sum to 90, expected total_weight 100`,
      );
      writeFileSync(clash, JSON.stringify({ ...good, scheme_id: 'retail_default' }));
      const c = await jixiao('scheme', 'validate', join(defaultSchemes, 'retail_default.json'), clash);
      expect(c.code).toBe(1);
      expect(c.out).toContain(`${clash}: scheme_id: 'retail_default' is also the id of a managers' scheme`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says where a file is not JSON, and exits 2 without a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-scheme-'));
    try {
      const file = join(dir, 'broken.json');
      writeFileSync(file, '{\n  "scheme_version": 1,\n  "scheme_id": oops\n}\n');
      const r = await jixiao('scheme', 'validate', file);
      expect(r.code).toBe(1);
      expect(r.out).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: \\(json\\): not valid JSON at line 3, column \\d+`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect((await jixiao('scheme', 'validate')).code).toBe(2);
    expect((await jixiao('scheme', 'frobnicate')).code).toBe(2);
  });
});

describe('the build input', () => {
  it('refuses a folder holding an invalid scheme, naming field and reason, and loads nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-scheme-'));
    const wh = await Warehouse.open(join(dir, 'w.duckdb'));
    try {
      mkdirSync(join(dir, 'schemes'));
      copyFileSync(join(defaultSchemes, 'retail_default.json'), join(dir, 'schemes', 'retail_default.json'));
      copyFileSync(badWeights, join(dir, 'schemes', 'bad_weights.json'));
      await expect(load(wh, { configDir: dir })).rejects.toThrow(/bad_weights\.json: indicators\.1\.weight: must be > 0/);
      const tables = await wh.query(`select table_name from duckdb_tables() where table_name like 'cfg_scheme%'`);
      expect(tables).toEqual([]);
    } finally {
      wh.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses two schemes of one line and org in force in the same months', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-scheme-'));
    const wh = await Warehouse.open(join(dir, 'w.duckdb'));
    try {
      mkdirSync(join(dir, 'schemes'));
      copyFileSync(join(defaultSchemes, 'retail_default.json'), join(dir, 'schemes', 'retail_default.json'));
      copyFileSync(join(fixturesDir, 'change', 'retail_v2.json'), join(dir, 'schemes', 'retail_v2.json'));
      await expect(load(wh, { configDir: dir })).rejects.toThrow(/retail_v2\.json: effective_from: overlaps retail_default/);
    } finally {
      wh.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
