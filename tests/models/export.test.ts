// `jixiao export`: the marts of the fixture bank as CSV (Chinese headers, BOM), JSON (metric names,
// exact decimals, the subject's id in every row) and XLSX; --org limits to a subtree; bad input
// exits 2 with a clear message.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toJson } from '../../report/json.ts';
import { publishedFixture } from './helpers.ts';

let dir: string;
let db: string;
let run: Awaited<ReturnType<typeof publishedFixture>>['exportCli'];
beforeAll(async () => {
  ({ dir, exportCli: run } = await publishedFixture());
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('jixiao export', () => {
  it('writes the managers league table as CSV with Chinese headers, ranked by profit contribution', async () => {
    const r = await run('managers', '--period', '2026-Q1');
    expect(r.code).toBe(0);
    const lines = r.out.split('\r\n');
    expect(lines[0]!.startsWith('\uFEFF期间,机构号,机构,客户经理号,客户经理,条线,等级,模拟利润（元）,模拟利润基数（元）,模拟利润任务（元）,模拟利润完成率（比率，1=100%）')).toBe(true);
    // M1 59,117.50 > M2 19,431 > M3 14,573; M1 beat its 50,000 target: 1.182350; line 'corporate' as its label
    expect(lines[1]).toMatch(/^2026-Q1,SB1,东城支行,M1,王一,对公,A,59117\.50,,50000\.00,1\.182350,,40425\.00,17392\.50,1300\.00,/);
    expect(lines[2]).toMatch(/^2026-Q1,SB1,东城支行,M2,/);
    expect(lines[3]).toMatch(/^2026-Q1,SB2,西城支行,M3,/);
    expect(lines).toHaveLength(5); // header, 3 managers, trailing empty string after the last CRLF
  });

  it('writes English headers with --lang en and JSON keyed by metric names with exact decimals', async () => {
    const en = await run('orgs', '--period', '2026-Q1', '--lang', 'en');
    expect(en.out.split('\r\n')[0]).toMatch(/^\uFEFFPeriod,Org ID,Institution,/);
    expect(en.out.split('\r\n')[1]).toMatch(/^2026-Q1,HO,总行,,Head office,/); // level 'head_office' as its English label
    const json = await run('orgs', '--period', '2026-Q1', '--format', 'json', '--org', 'SB2');
    expect(json.code).toBe(0);
    expect(json.out).toContain('"deposit_avg_balance": 1447833.33'); // the exact text, not a float's
    const rows = JSON.parse(json.out) as Record<string, unknown>[];
    expect(rows.map((r) => r.org_id)).toEqual(['SB2']); // --org: the subtree of SB2 is SB2 alone
    expect(rows[0]).toMatchObject({ period: '2026-Q1', profit_contribution: 17119, span_of_management: 2, clients: 2 });
    expect(rows[0]!.level).toBe('sub_branch'); // JSON keeps the codes
  });

  it('limits managers and clients to the subtree of --org, with the id in every JSON row', async () => {
    const m = JSON.parse((await run('managers', '--period', '2026-Q1', '--format', 'json', '--org', 'SB1')).out) as Record<string, unknown>[];
    expect(m.map((r) => r.manager_id)).toEqual(['M1', 'M2']);
    const c = JSON.parse((await run('clients', '--period', '2026-Q1', '--format', 'json', '--org', 'SB2')).out) as Record<string, unknown>[];
    expect(c.map((r) => r.client_id).sort()).toEqual(['C5', 'C6']); // home org SB2
    expect(c.every((r) => typeof r.client_id === 'string' && 'profit_contribution' in r)).toBe(true);
  });

  it('writes an XLSX file that reads back with the same figures', async () => {
    const file = join(dir, 'managers.xlsx');
    const r = await run('managers', '--period', '2026-Q1', '--format', 'xlsx', '--out', file);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/3 rows/);
    const [sheet] = await readXlsxFile(readFileSync(file));
    expect(sheet!.data[0]!.slice(0, 8)).toEqual(['期间', '机构号', '机构', '客户经理号', '客户经理', '条线', '等级', '模拟利润（元）']);
    expect(sheet!.data[1]!.slice(3, 8)).toEqual(['M1', '王一', '对公', 'A', 59117.5]);
  });

  it('exits 2 with a clear message on a bad or unbuilt period, an unknown kind or org', async () => {
    const bad = await run('managers', '--period', '2026-Q5');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/bad --period '2026-Q5'/);
    const unbuilt = await run('managers', '--period', '2027-Q1');
    expect(unbuilt.code).toBe(2);
    expect(unbuilt.err).toMatch(/2027-Q1 is not covered by the loaded months/);
    const kind = await run('nonsense', '--period', '2026-Q1');
    expect(kind.code).toBe(2);
    expect(kind.err).toMatch(/unknown export kind 'nonsense': one of .*clients.*managers.*orgs/);
    const org = await run('orgs', '--period', '2026-Q1', '--org', 'NOPE');
    expect(org.code).toBe(2);
    expect(org.err).toMatch(/unknown org 'NOPE'/);
    const xlsx = await run('orgs', '--period', '2026-Q1', '--format', 'xlsx');
    expect(xlsx.code).toBe(2);
  });
});

describe('report/json', () => {
  it('writes numbers as their exact decimal text and everything else as strings', () => {
    const json = toJson({
      columns: [{ key: 'manager_id', kind: 'id' }, { key: 'profit_contribution', kind: 'money' }, { key: 'npl_ratio', kind: 'ratio' }],
      rows: [{ manager_id: '007', profit_contribution: '12345678901234.57', npl_ratio: null }],
    });
    expect(json).toBe('[\n  {"manager_id": "007", "profit_contribution": 12345678901234.57, "npl_ratio": null}\n]\n');
  });
});
