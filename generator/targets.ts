// Targets and base figures (基数/任务) for every manager and org node, per metric, period and year.
// A manager's target is set from what the portfolio is expected to produce (the same rates the
// simulation runs on), plus a growth task of 5–12%. The targets cascade (目标分解): an org node's
// target is what the level below carries — its children's targets plus those of the managers at the
// node itself (managers sit at sub-branches; an outlet, with none, gets 0) — so no node's plan is
// nobody's (mart_target_cascade finds no gap). A node's base is its own book's. The first year's
// base is given outright (there is no prior year in the data); later years leave the base to be
// computed from the ledgers.
import { categories } from './catalog.ts';
import { dayOf } from './calendar.ts';
import { Rng } from './random.ts';
import { feeMedian, feeSigma, feesPerMonth, newLoan, newTimeDeposit, salesPerMonth } from './rates.ts';
import type { Loans } from './book.ts';
import { CORPORATE, planted, type World } from './world.ts';

export const targetMetrics = [
  'net_deposit_increase', 'deposit_avg_balance', 'loan_avg_balance', 'fee_income', 'profit_contribution',
  ...categories.map((c) => `sales_${c}_units`),
] as const;

const periods: [string, number, number, number][] = [
  // period, share of the year it lasts, share of the year elapsed at its end, its last month
  ['Y', 1, 1, 12], ['H1', 0.5, 0.5, 6], ['H2', 0.5, 1, 12], ['Q1', 0.25, 0.25, 3], ['Q2', 0.25, 0.5, 6], ['Q3', 0.25, 0.75, 9], ['Q4', 0.25, 1, 12],
];

/** Expected yearly figures of one subject: deposits, loans (fen), fees (fen) and units per category. */
interface Expected {
  deposits: number;
  loans: number;
  fees: number;
  units: Float64Array;
}

export interface TargetRow {
  year: number;
  period: string;
  subjectType: 'manager' | 'org';
  subject: number;
  metric: string;
  base: number | null;
  target: number;
  money: boolean;
}

export function* targetRows(w: World, loans: Loans): Generator<TargetRow> {
  const { cli, mgr, asg, tree } = w;
  const loanOf = new Float64Array(cli.n);
  for (let l = 0; l < loans.n; l++) if (!loans.closed[l]) loanOf[loans.client[l]!]! += loans.balanceAfter(l, loans.paid[l]!);
  const feeOf = (c: number) => {
    const corporate = cli.type[c] === CORPORATE;
    const sigma = corporate ? feeSigma.corporate : feeSigma.individual;
    const lag = cli.sub[c] === w.lagging ? planted.laggingActivityMultiplier : 1;
    return (corporate ? feesPerMonth.corporate : feesPerMonth.individual) * 12 * lag * feeMedian(corporate, cli.size[c]!) * Math.exp((sigma * sigma) / 2);
  };
  const catIndex = new Map<string, number>(categories.map((c, i) => [c, i]));
  const firstYear = w.months[0]!.year;
  const lastYear = w.months[w.months.length - 1]!.year;
  const r = Rng.of(w.seed, 'targets');
  // A manager's org in a period's last month: a move counts from its month on (as int_manager_orgs
  // dates it), so a moved manager's target is carried by the node that holds them at the period's end.
  const orgAt = (x: number, year: number, lastMonth: number): number => {
    let org = mgr.org[x]!;
    for (const mv of mgr.moves) {
      const m = w.months[mv.month]!;
      if (mv.manager === x && m.year * 12 + m.month <= year * 12 + lastMonth) org = mv.org;
    }
    return org;
  };
  for (let year = firstYear; year <= lastYear; year++) {
    const t0 = Math.max(w.from, dayOf(year, 1, 1));
    const byMgr: Expected[] = Array.from({ length: mgr.n }, () => ({ deposits: 0, loans: 0, fees: 0, units: new Float64Array(categories.length) }));
    const byOrg: Expected[] = Array.from({ length: tree.orgs.length }, () => ({ deposits: 0, loans: 0, fees: 0, units: new Float64Array(categories.length) }));
    // A manager's portfolio on the year's first day (a joiner's: two months after joining).
    const at = (x: number) => (mgr.hire[x]! > t0 ? Math.min(w.last, mgr.hire[x]! + 60) : t0);
    for (let k = 0; k < asg.size; k++) {
      const x = asg.manager[k]!;
      const day = at(x);
      if (asg.from[k]! > day || asg.to[k]! < day) continue;
      const c = asg.client[k]!;
      if (cli.open[c]! > day) continue;
      const s = asg.share[k]! / 1000;
      const e = byMgr[x]!;
      const corporate = cli.type[c] === CORPORATE;
      e.deposits += s * cli.size[c]!;
      e.loans += s * loanOf[c]!;
      e.fees += s * feeOf(c);
      e.units[catIndex.get('deposit')!]! += s * 12 * (corporate ? newTimeDeposit.corporate : newTimeDeposit.individual);
      e.units[catIndex.get('loan')!]! += s * 12 * (corporate ? newLoan.corporate : newLoan.individual);
    }
    for (let x = 0; x < mgr.n; x++) {
      const table = salesPerMonth[mgr.line[x] === CORPORATE ? 'corporate' : 'retail'];
      const lag = mgr.org[x] === w.lagging ? planted.laggingActivityMultiplier : 1;
      for (const [category, lambda] of Object.entries(table)) byMgr[x]!.units[catIndex.get(category)!]! += lambda! * 12 * mgr.skill[x]! * lag;
      // Units roll up the tree with the managers; money with the clients booked there.
      for (let o = mgr.org[x]!; o >= 0; o = tree.orgs[o]!.parent) {
        for (let i = 0; i < categories.length; i++) byOrg[o]!.units[i]! += byMgr[x]!.units[i]!;
      }
    }
    for (let c = 0; c < cli.n; c++) {
      if (cli.open[c]! > t0) continue;
      for (let o = cli.org[c]!; o >= 0; o = tree.orgs[o]!.parent) {
        byOrg[o]!.deposits += cli.size[c]!;
        byOrg[o]!.loans += loanOf[c]!;
        byOrg[o]!.fees += feeOf(c);
      }
    }
    // A manager with no portfolio yet (a sub-branch line without clients) gets half the line's average.
    for (const l of [0, 1]) {
      const withBook = byMgr.filter((e, x) => mgr.line[x] === l && e.deposits > 0);
      if (withBook.length === 0) continue;
      const avg = (f: (e: Expected) => number) => withBook.reduce((a, e) => a + f(e), 0) / withBook.length;
      for (let x = 0; x < mgr.n; x++) {
        const e = byMgr[x]!;
        if (mgr.line[x] !== l || e.deposits > 0) continue;
        e.deposits = 0.5 * avg((y) => y.deposits);
        e.loans = 0.5 * avg((y) => y.loans);
        e.fees = 0.5 * avg((y) => y.fees);
      }
    }
    // Targets go to managers employed during the year only.
    const employed = (x: number) => mgr.hire[x]! <= dayOf(year, 12, 31) && mgr.leave[x]! >= t0;
    const subjects: ['manager' | 'org', number, Expected][] = [
      ...byMgr.flatMap((e, x): ['manager', number, Expected][] => (employed(x) ? [['manager', x, e]] : [])),
      ...byOrg.map((e, o): ['org', number, Expected] => ['org', o, e]),
    ];
    // Σ targets carried below each org node, per period and metric: its own managers' first, then
    // (below) its children's totals, added bottom-up (a child's index is after its parent's).
    const carried: Map<string, number>[] = tree.orgs.map(() => new Map());
    const carry = (o: number, key: string, target: number) => carried[o]!.set(key, (carried[o]!.get(key) ?? 0) + target);
    let rolledUp = false;
    for (const [subjectType, subject, e] of subjects) {
      const g = r.range(0.05, 0.12);
      if (subjectType === 'org' && !rolledUp) {
        for (let o = tree.orgs.length - 1; o > 0; o--) for (const [key, t] of carried[o]!) carry(tree.orgs[o]!.parent, key, t);
        rolledUp = true;
      }
      const profit = e.deposits * 0.012 + e.loans * 0.02 + e.fees;
      for (const [period, length, elapsed, lastMonth] of periods) {
        const given = year === firstYear;
        const row = (metric: string, base: number, expected: number, money: boolean): TargetRow => {
          const key = `${period}|${metric}`;
          let target = Math.round(expected);
          if (subjectType === 'manager') carry(orgAt(subject, year, lastMonth), key, target);
          else target = carried[subject]!.get(key) ?? 0;
          return { year, period, subjectType, subject, metric, base: given ? Math.round(base) : null, target, money };
        };
        yield row('net_deposit_increase', e.deposits * 0.04 * elapsed, e.deposits * g * elapsed, true);
        yield row('deposit_avg_balance', e.deposits * 0.95, e.deposits * (1 + g * elapsed), true);
        yield row('loan_avg_balance', e.loans * 0.97, e.loans * (1 + (g / 2) * elapsed), true);
        yield row('fee_income', e.fees * length * 0.95, e.fees * length * (1 + g), true);
        yield row('profit_contribution', profit * length * 0.95, profit * length * (1 + g), true);
        for (let i = 0; i < categories.length; i++) {
          yield row(`sales_${categories[i]}_units`, e.units[i]! * length * 0.95, Math.max(e.units[i]! * length * (1 + g), 0), false);
        }
      }
    }
  }
}
