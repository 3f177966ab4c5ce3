// Asset quality on the hand-made bank (tests/fixtures/risk/bank.ts): NPL ratios, loans turned
// non-performing charged to holders and to originators, the migration matrix and vintage curves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRiskBank, type BuiltRiskBank } from '../fixtures/risk/built.ts';

let bank: BuiltRiskBank;
beforeAll(async () => {
  bank = await buildRiskBank();
}, 60_000);
afterAll(() => bank?.close());

type Row = Record<string, string | number | null>;
const one = async (sql: string, params: Record<string, string>): Promise<Row> => {
  const rows = await bank.rows<Row>(sql, params);
  expect(rows).toHaveLength(1);
  return rows[0]!;
};

describe('NPL balance and ratio', () => {
  it('per manager at the quarter end, by share on that date', async () => {
    // 2026-06-30, M1 holds L1 950,000 (normal) + ½ of L3 800,000 = 400,000 (substandard) + L5 300,000
    //   loan_end_balance = 1,650,000; npl_balance = 400,000; ratio = 400,000 / 1,650,000 = 0.2424242… → 0.242424
    const m1 = await one(`select loan_end_balance, npl_balance, npl_ratio from mart_manager_risk_period where period = '2026-Q2' and manager_id = 'M1'`, {});
    expect(m1).toEqual({ loan_end_balance: '1650000.00', npl_balance: '400000.00', npl_ratio: '0.242424' });
    // M2 holds L2 2,000,000 (substandard; C2 reassigned to M2 on 04-16) + ½ L3 400,000 → all non-performing: 1.000000
    const m2 = await one(`select loan_end_balance, npl_balance, npl_ratio from mart_manager_risk_period where period = '2026-Q2' and manager_id = 'M2'`, {});
    expect(m2).toEqual({ loan_end_balance: '2400000.00', npl_balance: '2400000.00', npl_ratio: '1.000000' });
    // 2026-03-31: M1 holds L1 1,000,000 + L2 2,000,000 + ½ L3 400,000 = 3,400,000; npl 400,000 → 0.1176470… → 0.117647
    const q1 = await one(`select loan_end_balance, npl_ratio from mart_manager_risk_period where period = '2026-Q1' and manager_id = 'M1'`, {});
    expect(q1).toEqual({ loan_end_balance: '3400000.00', npl_ratio: '0.117647' });
  });

  it('per org node, subtree included', async () => {
    // SB1: L1 950,000 + L2 2,000,000 + L3 800,000 + L5 300,000 = 4,050,000; NPL L2 + L3 = 2,800,000 → 0.6913580… → 0.691358
    const sb1 = await one(`select loan_end_balance, npl_balance, npl_ratio from mart_org_risk_period where period = '2026-Q2' and org_id = 'SB1'`, {});
    expect(sb1).toEqual({ loan_end_balance: '4050000.00', npl_balance: '2800000.00', npl_ratio: '0.691358' });
    // HO adds L6 100,000 (loss, unassigned at SB2): 4,150,000; NPL 2,900,000 → 0.6987951… → 0.698795
    const ho = await one(`select loan_end_balance, npl_balance, npl_ratio from mart_org_risk_period where period = '2026-Q2' and org_id = 'HO'`, {});
    expect(ho).toEqual({ loan_end_balance: '4150000.00', npl_balance: '2900000.00', npl_ratio: '0.698795' });
  });
});

describe('loans turned non-performing', () => {
  it('a reassigned loan is charged to the manager holding it then and to the one who booked it', async () => {
    // L2 (client C2) was booked by M1, C2 moved to M2 on 2026-04-16, L2 turned substandard at 2026-06-30.
    const q2 = await bank.rows<Row>(
      `select manager_id, turned_npl_count, turned_npl_balance, originated_turned_npl_count, originated_turned_npl_balance
       from mart_manager_risk_period where period = '2026-Q2' order by manager_id`,
    );
    expect(q2).toEqual([
      { manager_id: 'M1', turned_npl_count: '0.000000', turned_npl_balance: '0.00', originated_turned_npl_count: '1', originated_turned_npl_balance: '2000000.00' },
      { manager_id: 'M2', turned_npl_count: '1.000000', turned_npl_balance: '2000000.00', originated_turned_npl_count: '0', originated_turned_npl_balance: '0.00' },
      { manager_id: 'M3', turned_npl_count: '0.000000', turned_npl_balance: '0.00', originated_turned_npl_count: '0', originated_turned_npl_balance: '0.00' },
    ]);
    const loans = await bank.rows<Row>(
      `select attribution, loan_id, as_of_date::varchar as as_of_date, manager_id, holder_org_id, previous_five_class, five_class, turned_npl_count, turned_npl_balance
       from mart_turned_npl_loans where period = '2026-Q2' order by loan_id, attribution`,
    );
    expect(loans).toEqual([
      { attribution: 'current', loan_id: 'L2', as_of_date: '2026-06-30', manager_id: 'M2', holder_org_id: 'SB1', previous_five_class: 'special_mention', five_class: 'substandard', turned_npl_count: '1.000000', turned_npl_balance: '2000000.00' },
      { attribution: 'originating', loan_id: 'L2', as_of_date: '2026-06-30', manager_id: 'M1', holder_org_id: 'SB1', previous_five_class: 'special_mention', five_class: 'substandard', turned_npl_count: '1.000000', turned_npl_balance: '2000000.00' },
      // L6 is unassigned (C7) and its originator 'MX' is not in the managers file: both sides fall to the booking org SB2
      { attribution: 'current', loan_id: 'L6', as_of_date: '2026-06-30', manager_id: null, holder_org_id: 'SB2', previous_five_class: 'normal', five_class: 'loss', turned_npl_count: '1.000000', turned_npl_balance: '100000.00' },
      { attribution: 'originating', loan_id: 'L6', as_of_date: '2026-06-30', manager_id: null, holder_org_id: 'SB2', previous_five_class: 'normal', five_class: 'loss', turned_npl_count: '1.000000', turned_npl_balance: '100000.00' },
    ]);
  });

  it('a shared loan counts by share to its holders and in full to its originator', async () => {
    // L3 (C3, shared M1 50% / M2 50%, booked by M2) turned substandard at 2026-03-31:
    //   held: M1 0.5 × 800,000 = 400,000 and M2 0.5 × 800,000 = 400,000; booked: M2 1 × 800,000
    const q1 = await bank.rows<Row>(
      `select manager_id, turned_npl_count, turned_npl_balance, originated_turned_npl_count, originated_turned_npl_balance
       from mart_manager_risk_period where period = '2026-Q1' and manager_id in ('M1', 'M2') order by manager_id`,
    );
    expect(q1).toEqual([
      { manager_id: 'M1', turned_npl_count: '0.500000', turned_npl_balance: '400000.00', originated_turned_npl_count: '0', originated_turned_npl_balance: '0.00' },
      { manager_id: 'M2', turned_npl_count: '0.500000', turned_npl_balance: '400000.00', originated_turned_npl_count: '1', originated_turned_npl_balance: '800000.00' },
    ]);
  });

  it('both attributions add up to the same total at the head office', async () => {
    // 2026-Q2: L2 + L6 turned; 2026-H1: L3 as well
    const ho = await bank.rows<Row>(
      `select period, turned_npl_count, originated_turned_npl_count, turned_npl_balance, originated_turned_npl_balance
       from mart_org_risk_period where org_id = 'HO' and period in ('2026-Q2', '2026-H1') order by period`,
    );
    expect(ho).toEqual([
      { period: '2026-H1', turned_npl_count: '3.000000', originated_turned_npl_count: '3', turned_npl_balance: '2900000.00', originated_turned_npl_balance: '2900000.00' },
      { period: '2026-Q2', turned_npl_count: '2.000000', originated_turned_npl_count: '2', turned_npl_balance: '2100000.00', originated_turned_npl_balance: '2100000.00' },
    ]);
  });
});

describe('migration matrix', () => {
  it("a manager's matrix: opening book by holder at the start, new loans by holder at the end", async () => {
    // 2026-Q2 opens at 2026-03-31. M1 then held L1 1,000,000 and L2 2,000,000 (normal) and ½ L3 (substandard).
    const m1 = await bank.rows<Row>(
      `select from_class, to_class, loans, opening_balance, closing_balance from mart_risk_migration
       where period = '2026-Q2' and manager_id = 'M1' order by from_class, to_class`,
    );
    expect(m1).toEqual([
      { from_class: 'new', to_class: 'normal', loans: '1.000000', opening_balance: '0.00', closing_balance: '300000.00' }, // L5, booked in May
      { from_class: 'normal', to_class: 'normal', loans: '1.000000', opening_balance: '1000000.00', closing_balance: '950000.00' }, // L1
      { from_class: 'normal', to_class: 'substandard', loans: '1.000000', opening_balance: '2000000.00', closing_balance: '2000000.00' }, // L2, though C2 left M1 in April
      { from_class: 'substandard', to_class: 'substandard', loans: '0.500000', opening_balance: '400000.00', closing_balance: '400000.00' }, // ½ L3
    ]);
    // Row 'normal' sums to M1's normal book at 2026-03-31: 1,000,000 + 2,000,000 = 3,000,000
    const book = await one(
      `select sum(loan_end_balance)::decimal(18,2)::varchar as b from int_loans_attributed
       where as_of_date = '2026-03-31' and manager_id = 'M1' and five_class = 'normal'`, {},
    );
    expect(book.b).toBe('3000000.00');
  });

  it("the head office's rows sum to the opening balances of the whole book", async () => {
    const ho = await bank.rows<Row>(
      `select from_class, to_class, loans, opening_balance, closing_balance from mart_org_risk_migration
       where period = '2026-Q2' and org_id = 'HO' order by from_class, to_class`,
    );
    expect(ho).toEqual([
      { from_class: 'new', to_class: 'normal', loans: '1.000000', opening_balance: '0.00', closing_balance: '300000.00' },
      { from_class: 'normal', to_class: 'closed', loans: '1.000000', opening_balance: '500000.00', closing_balance: '0.00' }, // L4 repaid
      { from_class: 'normal', to_class: 'loss', loans: '1.000000', opening_balance: '100000.00', closing_balance: '100000.00' }, // L6
      { from_class: 'normal', to_class: 'normal', loans: '1.000000', opening_balance: '1000000.00', closing_balance: '950000.00' },
      { from_class: 'normal', to_class: 'substandard', loans: '1.000000', opening_balance: '2000000.00', closing_balance: '2000000.00' },
      { from_class: 'substandard', to_class: 'substandard', loans: '1.000000', opening_balance: '800000.00', closing_balance: '800000.00' },
    ]);
    // Rows: normal 500,000 + 100,000 + 1,000,000 + 2,000,000 = 3,600,000 = L1 + L2 + L4 + L6 at 2026-03-31;
    //       substandard 800,000 = L3.
    const byRow = await bank.rows<Row>(
      `select m.from_class, sum(m.opening_balance)::varchar as row_sum,
         (select sum(balance)::varchar from raw_loans as l where l.as_of_date = '2026-03-31' and l.five_class = m.from_class) as opening_book
       from mart_org_risk_migration as m where m.period = '2026-Q2' and m.org_id = 'HO' and m.from_class <> 'new'
       group by m.from_class order by m.from_class`,
    );
    expect(byRow).toEqual([
      { from_class: 'normal', row_sum: '3600000.00', opening_book: '3600000.00' },
      { from_class: 'substandard', row_sum: '800000.00', opening_book: '800000.00' },
    ]);
  });
});

describe('vintage curves', () => {
  it('NPL rate by months on book per origination quarter and originating manager', async () => {
    // L2, booked by M1 on 2025-06-15 (2025-Q2): 6 months on book at 2025-12-31 (normal), 12 at 2026-06-30 (substandard)
    const curve = await bank.rows<Row>(
      `select months_on_book, loans, balance, npl_balance, npl_ratio from mart_risk_vintage
       where originating_manager_id = 'M1' and origination_quarter = '2025-Q2' and months_on_book in (6, 12) order by months_on_book`,
    );
    expect(curve).toEqual([
      { months_on_book: 6, loans: '1', balance: '2000000.00', npl_balance: '0.00', npl_ratio: '0.000000' },
      { months_on_book: 12, loans: '1', balance: '2000000.00', npl_balance: '2000000.00', npl_ratio: '1.000000' },
    ]);
    // L5, booked 2026-05-10: 0 months on book at 2026-05-31
    const young = await one(`select loans from mart_risk_vintage where originating_manager_id = 'M1' and origination_quarter = '2026-Q2' and months_on_book = 0`, {});
    expect(young.loans).toBe('1');
  });
});

describe('exports', () => {
  it('`jixiao export risk` lists the managers whose loans turned NPL in the period, both attributions', async () => {
    const { loadExportKinds } = await import('../../warehouse/exports/_discover.ts');
    const kinds = await loadExportKinds();
    const risk = kinds.find((k) => k.kind === 'risk')!;
    const table = await risk.table(bank.wh, { period: '2026-Q2' });
    // M1 booked L2 (originated 1, 2,000,000), M2 held it when it turned (1, 2,000,000); M3 had none: not listed
    expect(table.rows.map((r) => [r.manager_id, r.turned_npl_count, r.turned_npl_balance, r.originated_turned_npl_count, r.originated_turned_npl_balance])).toEqual([
      ['M1', '0.000000', '0.00', '1', '2000000.00'],
      ['M2', '1.000000', '2000000.00', '0', '0.00'],
    ]);
    expect(table.columns.find((c) => c.key === 'originated_turned_npl_balance')?.kind).toBe('money');
    // --org SB2 holds no such manager
    expect((await risk.table(bank.wh, { period: '2026-Q2', org: 'SB2' })).rows).toEqual([]);
    for (const name of ['risk-warnings', 'process', 'client-segments']) {
      const kind = kinds.find((k) => k.kind === name)!;
      const t = await kind.table(bank.wh, { period: '2026-H1' });
      expect(t.rows.length, name).toBeGreaterThan(0);
      for (const row of t.rows) expect(Object.keys(row), name).toEqual(t.columns.map((c) => c.key));
    }
    // segments are built for quarters, halves, years and the latest month only
    const segments = kinds.find((k) => k.kind === 'client-segments')!;
    await expect(segments.table(bank.wh, { period: '2026-02' })).rejects.toThrow(/quarters, halves, years and the latest month/);
  });
});

describe('checks', () => {
  it('the migration check catches a matrix whose rows no longer sum to the opening book', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { sqlDir } = await import('../../warehouse/paths.ts');
    const check = readFileSync(join(sqlDir, 'checks', 'risk_migration__rows_sum_to_opening.sql'), 'utf8');
    expect(await bank.rows(check)).toEqual([]);
    await bank.wh.run('begin transaction');
    try {
      // lose L4 (normal → closed, 500,000) from the 2026-Q2 matrix: row 'normal' now sums to 3,100,000, not 3,600,000
      await bank.wh.run(`delete from int_loans_migrated where period = '2026-Q2' and loan_id = 'L4'`);
      const broken = await bank.rows<Row>(check);
      expect(broken).toEqual([{ period: '2026-Q2', side: 'opening', class: 'normal', ledger_total: '3600000.00', matrix_total: '3100000.00000000' }]);
    } finally {
      await bank.wh.run('rollback');
    }
  });
});
