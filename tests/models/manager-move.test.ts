// A manager moves, the branches keep their history (../shared/DOMAIN.md, "Institutions"; issue 26).
// Hand case, loaded through the ingest and built:
//   HO ─ B1 ─┬─ S1: manager M2 (client C2: deposit 2,000,000.00 every month-end, average the same;
//            │                  a fee of 100.00 on the 20th of every month)
//            └─ S2: manager M1 (client C1: deposit 1,000,000.00 every month-end, average the same;
//                              fee F1 of 300.00 on 2026-02-10, fee F2 of 500.00 on 2026-05-10)
//   delivery 1: the references and 2026-01…03; delivery 2: M1 moves to S1 from 2026-04-01, and
//   2026-04…06. The build's checks (tree identity, ledger identity, keys) run on both builds.
//   2026-Q1: S1 = 2,000,000.00 end balance, S2 = 1,000,000.00 and fee 300.00 — the same, byte for
//     byte, for S1, S2, B1 and HO before and after delivery 2 is loaded;
//   2026-Q2: S1 = 2,000,000 + 1,000,000 = 3,000,000.00 end and average balance, fee 3 × 100 + 500
//     = 800.00, 2
//     managers; S2 = 0, 0 managers;
//   2026-H1 for M1 (own figures follow the manager): average = 1,000,000 × 90/181 (at S2) +
//     1,000,000 × 91/181 (at S1) = 1,000,000.00, fee 300 + 500 = 800.00; org at the period's end S1.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestPath } from '../../ingest/index.ts';
import { build } from '../../warehouse/build.ts';
import { tempWarehouse } from './helpers.ts';

const months = (year: number, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => new Date(Date.UTC(year, from + i, 0)).toISOString().slice(0, 10));

function write(dir: string, files: Record<string, string>): string {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const fees = (ends: string[], f: string) => 'txn_date,txn_id,client_id,product_id,amount,manager_id,org_id\n' +
  ends.map((d) => `${d.slice(0, 8)}20,G${d.slice(0, 7)},C2,F01,100.00,,S1`).join('\n') + `\n${f}\n`;
const deposits = (ends: string[]) => 'as_of_date,account_id,client_id,product_id,currency,balance,avg_balance,rate,org_id\n' +
  ends.flatMap((d) => [`${d},A1,C1,D01,CNY,1000000.00,1000000.00,0.30,S2`, `${d},A2,C2,D01,CNY,2000000.00,2000000.00,0.30,S1`]).join('\n') + '\n';
const managersHeader = 'manager_id,manager_name,org_id,line,grade,hire_date,leave_date,valid_from';

const first = {
  'orgs.csv': 'org_id,parent_id,org_name,level\nHO,,总行,head_office\nB1,HO,一分行,tier1_branch\nS1,B1,东城支行,sub_branch\nS2,B1,西城支行,sub_branch\n',
  'managers.csv': `${managersHeader}\nM1,王一,S2,corporate,A,2020-01-01,,\nM2,李二,S1,retail,B,2020-01-01,,\n`,
  'clients.csv': 'client_id,client_name,client_type,industry,group_id,open_date,org_id\nC1,甲公司,corporate,,,2020-01-01,S2\nC2,乙公司,corporate,,,2020-01-01,S1\n',
  'assignments.csv': 'client_id,manager_id,share,valid_from,valid_to\nC1,M1,1,2020-01-01,\nC2,M2,1,2020-01-01,\n',
  'products.csv': 'product_id,product_name,category,term_months\nD01,活期存款,deposit,\nF01,结算手续费,fee,\n',
  'ftp_curve.csv': 'effective_date,term_months,rate\n2020-01-01,0,1.50\n2020-01-01,12,2.50\n',
  'deposits.csv': deposits(months(2026, 1, 3)),
  'fees.csv': fees(months(2026, 1, 3), '2026-02-10,F1,C1,F01,300.00,,S2'),
};
const move = {
  'managers.csv': `${managersHeader}\nM1,王一,S1,corporate,A,2020-01-01,,2026-04-01\n`,
  'deposits.csv': deposits(months(2026, 4, 6)),
  'fees.csv': fees(months(2026, 4, 6), '2026-05-10,F2,C1,F01,500.00,,S2'),
};

describe('a manager moves from S2 to S1 at 2026-04', () => {
  it('keeps 2026-Q1 of every node byte-identical and counts the manager in S1 from 2026-Q2', async () => {
    const t = await tempWarehouse();
    try {
      const org = (period: string) => t.wh.query(
        `select * exclude (period) from mart_org_period where period = $period order by org_id`, { period },
      );
      const q1Months = ['2026-01', '2026-02', '2026-03', '2026-Q1'];
      const [one] = await ingestPath(t.wh, write(join(t.dir, 'd1'), first), { today: '2026-07-15' });
      expect(one!.status).toBe('loaded');
      await build(t.wh, { configDir: t.configDir });
      const before = await Promise.all(q1Months.map(org));
      const s2 = before[3]!.find((r) => r['org_id'] === 'S2')!;
      expect([s2['deposit_end_balance'], s2['fee_income'], s2['managers']].map(String)).toEqual(['1000000.00', '300.00', '1']);

      const [two] = await ingestPath(t.wh, write(join(t.dir, 'd2'), move), { today: '2026-07-15' });
      expect(two!.status).toBe('loaded');
      await build(t.wh, { configDir: t.configDir }); // its checks: tree and ledger identity, keys
      // Q1 and its months: every column of S1, S2, B1 and HO as before the move's delivery
      expect(JSON.stringify(await Promise.all(q1Months.map(org)))).toBe(JSON.stringify(before));

      const q2 = Object.fromEntries((await org('2026-Q2')).map((r) => [r['org_id'], r]));
      expect([q2['S1']!['deposit_end_balance'], q2['S1']!['deposit_avg_balance'], q2['S1']!['fee_income'], q2['S1']!['managers']].map(String))
        .toEqual(['3000000.00', '3000000.00', '800.00', '2']);
      expect([q2['S2']!['deposit_end_balance'], q2['S2']!['fee_income'], q2['S2']!['managers']].map(String)).toEqual(['0.00', '0.00', '0']);
      expect(String(q2['B1']!['deposit_end_balance'])).toBe('3000000.00');

      // the manager's own figures follow the manager: H1 whole, at the org of the period's end
      const [h1] = await t.wh.query(
        `select org_id, current_org_id, deposit_avg_balance::varchar as avg, fee_income::varchar as fee
         from mart_manager_period where manager_id = 'M1' and period = '2026-H1'`,
      );
      expect(h1).toEqual({ org_id: 'S1', current_org_id: 'S1', avg: '1000000.00', fee: '800.00' });

      // S2's league of 2026-Q1 still lists M1, marked moved; S1's does not; S1's of Q2 lists M1
      const league = (period: string, node: string) => t.wh.query(
        `select manager_id, moved from mart_manager_league where period = $period and ancestor_id = $node order by manager_id`, { period, node },
      );
      expect(await league('2026-Q1', 'S2')).toEqual([{ manager_id: 'M1', moved: true }]);
      expect(await league('2026-Q1', 'S1')).toEqual([{ manager_id: 'M2', moved: false }]);
      expect(await league('2026-Q1', 'B1')).toEqual([{ manager_id: 'M1', moved: false }, { manager_id: 'M2', moved: false }]);
      expect(await league('2026-Q2', 'S1')).toEqual([{ manager_id: 'M1', moved: false }, { manager_id: 'M2', moved: false }]);
    } finally {
      t.close();
    }
  });
});
