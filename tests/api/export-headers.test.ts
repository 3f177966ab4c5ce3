// The league's downloads for a month head profit contribution's columns by elapsed time (序时任务,
// 序时完成率: the fixture's months are measured against the annual target so, mart_month_pace),
// a quarter's by target — in the API's CSV and in `jixiao export managers` alike, each with its unit.
// The fixture bank plus an annual profit target for M1 (12,000.00), so that its months are paced.
import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { fixtureForFile, rawSql } from './fixture.ts';
import { main } from '../../cli/main.ts';

const bank = fixtureForFile({ sql: `${rawSql}\ninsert into raw_targets values (2026, 'Y', 'manager', 'M1', 'profit_contribution', null, 12000.000000, 1);` });

const csvHeader = async (url: string) =>
  (await (await bank.get(url)).text()).replace(/^\uFEFF/, '').split('\r\n')[0]!.split(',');

async function exported(period: string): Promise<string[]> {
  const chunks: Buffer[] = [];
  const sink = new Writable({ write: (c, _e, cb) => (chunks.push(Buffer.from(c)), cb()) });
  expect(await main(['export', 'managers', '--period', period, '--db', bank.f.dbPath], sink as never, sink as never)).toBe(0);
  return Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, '').split('\r\n')[0]!.split(',');
}

describe('league download headers', () => {
  it('a month: by elapsed time, in the API download and the CLI export', async () => {
    const rows = (await (await bank.get('/api/orgs/HQ/managers?period=2026-03')).json()).rows as Record<string, unknown>[];
    expect(rows.some((r) => r.elapsed_share !== null)).toBe(true); // the month is paced
    for (const header of [await csvHeader('/api/orgs/HQ/managers?period=2026-03&format=csv'), await exported('2026-03')]) {
      expect(header).toContain('序时任务（元）');
      expect(header).toContain('序时完成率（比率，1=100%）');
      expect(header).not.toContain('模拟利润任务（元）');
    }
    expect(await csvHeader('/api/orgs/HQ/managers?period=2026-03&format=csv&lang=en')).toContain('Target by elapsed time (CNY)');
  });

  it('a quarter: by target', async () => {
    for (const header of [await csvHeader('/api/orgs/HQ/managers?period=2026-Q1&format=csv'), await exported('2026-Q1')]) {
      expect(header).toContain('模拟利润任务（元）');
      expect(header).toContain('模拟利润完成率（比率，1=100%）');
      expect(header).not.toContain('序时任务（元）');
    }
  });
});
