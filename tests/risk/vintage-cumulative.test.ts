// The cumulative vintage curve (../shared/DOMAIN.md): for the loans originated in a quarter, the
// share of their original principal and of their count that has turned non-performing by each
// month on book — a curve that never falls. Hand case: M1 books three loans in January 2026
// (2026-Q1): L1 100,000, L2 200,000, L3 300,000 (cohort principal 600,000). L2 is substandard at
// the end of February (1 month on book) and repaid in March (no snapshot after February).
//   months on book 0: nothing turned                          → 0 / 600,000 = 0.000000; 0 / 3
//   1: L2 turned                                              → 200,000 / 600,000 = 0.333333; 1 / 3 = 0.333333
//   2, 3: L2 repaid, still counted (the curve stays at its share) → 0.333333, 0.333333
// while the old on-book NPL ratio falls back: 0 / (100,000 + 300,000) = 0.000000 at 2.
// Three loans is a thin cohort (under 10): marked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, publishedRows, removeFixture, type Fixture } from '../api/fixture.ts';

const loan = (date: string, id: string, amount: string, cls: string) =>
  `('${date}', '${id}', 'C1', 'LN12', 'CNY', '2026-01-05', '2027-01-05', ${amount}, ${amount}, ${amount}, 4.350000, '${cls}', ${cls === 'normal' ? 0 : 95}, 'M1', 'S1', 1)`;

const bank = `
insert into raw_orgs values ('HQ', null, '总行', 'head_office', 1), ('S1', 'HQ', '一支行', 'sub_branch', 1);
insert into raw_managers values ('M1', '张三', 'S1', 'corporate', 'A', '2020-01-01', null, 1);
insert into raw_clients values ('C1', '甲公司', 'corporate', null, null, '2020-01-01', 'S1', 1);
insert into raw_assignments values ('C1', 'M1', 1, '2020-01-01', null, 1);
insert into raw_products values ('LN12', '一年期贷款', 'loan', 12, 1);
insert into raw_ftp_curve (effective_date, term_months, rate, load_id) values ('2025-01-01', 12, 3.000000, 1);
insert into raw_loans values
  ${loan('2026-01-31', 'L1', '100000.00', 'normal')}, ${loan('2026-01-31', 'L2', '200000.00', 'normal')}, ${loan('2026-01-31', 'L3', '300000.00', 'normal')},
  ${loan('2026-02-28', 'L1', '100000.00', 'normal')}, ${loan('2026-02-28', 'L2', '200000.00', 'substandard')}, ${loan('2026-02-28', 'L3', '300000.00', 'normal')},
  ${loan('2026-03-31', 'L1', '100000.00', 'normal')}, ${loan('2026-03-31', 'L3', '300000.00', 'normal')},
  ${loan('2026-04-30', 'L1', '100000.00', 'normal')}, ${loan('2026-04-30', 'L3', '300000.00', 'normal')};
`;

let f: Fixture;
beforeAll(async () => {
  f = await createFixture({ sql: bank });
});
afterAll(() => {
  if (f) removeFixture(f);
});

const rows = (sql: string) => publishedRows(f, sql);

describe('cumulative vintage', () => {
  for (const [mart, key] of [['mart_risk_vintage', "originating_manager_id = 'M1'"], ['mart_org_risk_vintage', "org_id = 'HQ'"]] as const) {
    it(`${mart}: the share turned NPL by each month on book never falls after the loan is repaid`, async () => {
      const curve = await rows(
        `select months_on_book, loans, npl_ratio::varchar as npl_ratio, cohort_loans, cohort_principal::varchar as cohort_principal, thin_cohort,
                turned_npl_loans, cumulative_npl_principal_share::varchar as principal_share, cumulative_npl_loan_share::varchar as loan_share
         from ${mart} where ${key} and origination_quarter = '2026-Q1' order by months_on_book`,
      );
      const common = { cohort_loans: '3', cohort_principal: '600000.00', thin_cohort: true };
      expect(curve).toEqual([
        { months_on_book: 0, loans: '3', npl_ratio: '0.000000', ...common, turned_npl_loans: '0', principal_share: '0.000000', loan_share: '0.000000' },
        { months_on_book: 1, loans: '3', npl_ratio: '0.333333', ...common, turned_npl_loans: '1', principal_share: '0.333333', loan_share: '0.333333' },
        { months_on_book: 2, loans: '2', npl_ratio: '0.000000', ...common, turned_npl_loans: '1', principal_share: '0.333333', loan_share: '0.333333' },
        { months_on_book: 3, loans: '2', npl_ratio: '0.000000', ...common, turned_npl_loans: '1', principal_share: '0.333333', loan_share: '0.333333' },
      ]);
    });
  }
});
