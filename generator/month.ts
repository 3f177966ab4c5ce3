// One month of ledgers: deposits and loans at the month-end, fees, sales and visits inside the
// month, and (at quarter ends) the manual adjustments. Each stream draws from its own PRNG seeded
// by (seed, stream, month), so a month's files depend only on the book it starts from.
import { join } from 'node:path';
import { addMonths, dayOf, weekday, type Month } from './calendar.ts';
import { depositRate, usdDemandRate, usdRateAt, type Category } from './catalog.ts';
import { CsvFile, field, pct, yuan, type FileEncoding } from './csv.ts';
import type { Layout } from './layout.ts';
import { Rng, streamSeed } from './random.ts';
import { loanTerms, pickTerm, riskGroup, type Accounts, type Defaults, type Loans } from './book.ts';
import {
  classOf, feeCategories, feeMedian, feeSigma, feesPerMonth, fiveClassCodes, newLoan, newTimeDeposit, saleAmount,
  saleChannels, salesPerMonth, visitOutcomes,
} from './rates.ts';
import { CORPORATE, planted, type World } from './world.ts';

export interface MonthContext {
  w: World;
  acc: Accounts;
  loans: Loans;
  defaults: Defaults;
  layout: Layout;
  encoding: FileEncoding;
  ids: { client: string[]; manager: string[]; org: string[]; product: string[] };
  /** Premium clients (set after the first month's deposits). */
  premium: Uint8Array | null;
  premiumIds: string[];
  /** Bank totals per month, for the summary and truth.json. */
  stats: MonthStats[];
}

export interface MonthStats {
  month: string;
  depositBalance: number;
  depositAvg: number;
  loanBalance: number;
  nplBalance: number;
  rows: Record<string, number>;
}

const acctId = (a: number) => `D${String(a + 1).padStart(11, '0')}`;
const loanId = (l: number) => `L${String(l + 1).padStart(10, '0')}`;

export async function writeMonth(ctx: MonthContext, mi: number, dir: string): Promise<{ files: { path: string; rows: number; bytes: number; fen?: number }[] }> {
  const { w, acc, loans, layout } = ctx;
  const m = w.months[mi]!;
  const { cli, mgr, asg, cat } = w;
  const ids = ctx.ids;
  const tag = m.key.replace('-', '');
  const E = layout.date(m.end);
  const cny = layout.value('deposits', 'currency', 'CNY');
  const afterChange = m.end >= w.ftpChange;
  const open = (kind: Parameters<Layout['header']>[0]) =>
    new CsvFile(join(dir, layout.fileName(kind, tag)), layout.header(kind), ctx.encoding, ['deposits', 'loans', 'fees', 'sales'].includes(kind));
  const fDeposits = open('deposits');
  const fLoans = open('loans');
  const fFees = open('fees');
  const fSales = open('sales');
  const fVisits = open('visits');
  const stats: MonthStats = { month: m.key, depositBalance: 0, depositAvg: 0, loanBalance: 0, nplBalance: 0, rows: {} };
  let saleSeq = 0;
  const sale = async (day: number, c: number, product: number, manager: number, amount: number | null, units: number, channel: string) => {
    const line = `${layout.date(day)},S${tag}${String(++saleSeq).padStart(7, '0')},${ids.client[c]},${ids.product[product]},${manager >= 0 ? ids.manager[manager] : ''},${amount === null ? '' : yuan(amount)},${units},${channel}\n`;
    if (fSales.push(line, amount ?? 0)) await fSales.flush();
  };
  const lagging = (c: number) => cli.sub[c] === w.lagging;

  // New time deposits, each one a deposit sale by the client's manager.
  const rn = Rng.of(w.seed, 'new-deposits', m.key);
  for (let c = 0; c < cli.n; c++) {
    if (cli.open[c]! > m.end - 1) continue;
    const corporate = cli.type[c] === CORPORATE;
    const p = (corporate ? newTimeDeposit.corporate : newTimeDeposit.individual) * (lagging(c) ? planted.laggingActivityMultiplier : 1);
    if (!rn.chance(p)) continue;
    const day = rn.int(Math.max(m.start, cli.open[c]! + 1), m.end);
    const term = pickTerm(rn, corporate);
    const principal = Math.max(1_000_000, Math.round((cli.size[c]! * rn.range(0.1, 0.4)) / 10_000) * 10_000);
    const product = cat.time[corporate ? 1 : 0].get(term)!;
    acc.add(c, product, term, principal, depositRate(term, corporate, day >= w.ftpChange), day, addMonths(day, term));
    const manager = asg.primaryAt(c, day);
    if (manager >= 0) await sale(day, c, product, manager, principal, 1, 'counter');
  }

  // Deposits: demand balances drift smoothly and are dressed up at quarter ends; time deposits hold
  // their principal, roll over at maturity or close.
  const rd = Rng.of(w.seed, 'deposits', m.key);
  const clientAvg = ctx.premium === null ? new Float64Array(cli.n) : null;
  for (let a = 0; a < acc.n; a++) {
    if (acc.closed[a]) continue;
    const c = acc.client[a]!;
    if (acc.open[a]! > m.end) continue;
    const corporate = cli.type[c] === CORPORATE;
    let bal: number;
    let avg: number;
    let rate = acc.rate[a]!;
    if (acc.term[a] === 0) {
      rate = depositRate(0, corporate, afterChange);
      if (acc.open[a]! >= m.start) {
        bal = acc.amount[a]!;
        avg = Math.round((bal * (m.end - acc.open[a]! + 1)) / m.days);
      } else {
        const s = acc.amount[a]!;
        const e = Math.max(0, Math.round(s * Math.exp(cli.trend[c]! + (corporate ? 0.06 : 0.05) * rd.normal())));
        acc.amount[a] = e;
        bal = e;
        avg = Math.round(s + ((e - s) * (m.days + 1)) / (2 * m.days));
      }
      if (m.quarterEnd && cli.dresser[c]) {
        // Window dressing: money parked for the last 1–3 days of the quarter, gone the next month.
        const k = rd.int(1, 3);
        const bump = Math.round(bal * rd.range(0.2, 0.6));
        bal += bump;
        avg += Math.round((bump * k) / m.days);
      }
    } else {
      const principal = acc.amount[a]!;
      const mat = acc.maturity[a]!;
      if (acc.open[a]! >= m.start) {
        bal = principal;
        avg = Math.round((principal * (m.end - acc.open[a]! + 1)) / m.days);
      } else if (mat <= m.end) {
        if (rd.chance(0.8)) {
          acc.open[a] = mat; // rolled over at today's rate
          acc.maturity[a] = addMonths(mat, acc.term[a]!);
          acc.rate[a] = depositRate(acc.term[a]!, corporate, mat >= w.ftpChange);
          rate = acc.rate[a]!;
          bal = principal;
          avg = principal;
        } else {
          bal = 0; // withdrawn at maturity: this month's row shows 0, then the account is gone
          avg = Math.round((principal * Math.max(0, mat - m.start)) / m.days);
          acc.closed[a] = 1;
        }
      } else {
        bal = principal;
        avg = principal;
      }
    }
    stats.depositBalance += bal;
    stats.depositAvg += avg;
    if (clientAvg) clientAvg[c]! += avg;
    const line = `${E},${acctId(a)},${ids.client[c]},${ids.product[acc.product[a]!]},${cny},${yuan(bal)},${yuan(avg)},${pct(rate)},${ids.org[cli.org[c]!]}\n`;
    if (fDeposits.push(line, bal)) await fDeposits.flush();
  }
  if (clientAvg) setPremium(ctx, clientAvg);

  // US-dollar current accounts of some corporate clients (本外币), priced on the USD curve and
  // converted at the month-end rate written beside them (fx_rates). Their own streams, so the yuan
  // ledgers are the same with or without them.
  const usd = layout.value('deposits', 'currency', 'USD');
  const pick = Rng.of(w.seed, 'usd-clients');
  const ru = Rng.of(w.seed, 'usd-deposits', m.key);
  for (let c = 0; c < cli.n; c++) {
    if (cli.type[c] !== CORPORATE || !pick.chance(0.04) || cli.open[c]! > m.end - 1) continue;
    const base = Math.max(1_000_000, Math.round((cli.size[c]! * 0.08) / 7.15 / 100) * 100); // US cents
    const bal = Math.round(base * ru.range(0.8, 1.2));
    const avg = Math.round(base * ru.range(0.85, 1.15));
    const line = `${E},DU${String(c + 1).padStart(10, '0')},${ids.client[c]},${ids.product[cat.demand[1]]},${usd},${yuan(bal)},${yuan(avg)},${pct(usdDemandRate)},${ids.org[cli.org[c]!]}\n`;
    if (fDeposits.push(line, bal)) await fDeposits.flush();
  }
  const fFx = open('fx_rates');
  fFx.push(`${E},${usd},${(usdRateAt(mi) / 10000).toFixed(4)}\n`);

  // New loans, each one a loan sale by the originating manager.
  const rl = Rng.of(w.seed, 'new-loans', m.key);
  for (let c = 0; c < cli.n; c++) {
    if (cli.open[c]! + 30 > m.start + 27) continue;
    const corporate = cli.type[c] === CORPORATE;
    const p = (corporate ? newLoan.corporate : newLoan.individual) * (lagging(c) ? 0.5 : 1);
    if (!rl.chance(p)) continue;
    const day = rl.int(Math.max(m.start, cli.open[c]! + 30), m.start + 27);
    const manager = asg.primaryAt(c, day);
    if (manager < 0) continue;
    const t = loanTerms(w, rl, c, day);
    loans.add(c, t.product, t.term, t.principal, day, t.rate, manager);
    await sale(day, c, t.product, manager, t.principal, 1, 'manager');
  }

  // Loans at the month-end.
  const rk = Rng.of(w.seed, 'loans', m.key);
  const overdueClient = new Uint8Array(cli.n);
  for (let l = 0; l < loans.n; l++) {
    if (!loans.step(l, m, rk, ctx.defaults, riskGroup(w, loans, l))) continue;
    const c = loans.client[l]!;
    const od = loans.overdue[l]!;
    const cls = classOf(od);
    if (od > 0) overdueClient[c] = 1;
    stats.loanBalance += loans.bal;
    if (cls >= 2) stats.nplBalance += loans.bal;
    const line = `${E},${loanId(l)},${ids.client[c]},${ids.product[loans.product[l]!]},${cny},${layout.date(loans.orig[l]!)},${layout.date(loans.maturity[l]!)},${yuan(loans.principal[l]!)},${yuan(loans.bal)},${yuan(loans.avg)},${pct(loans.rate[l]!)},${layout.value('loans', 'five_class', fiveClassCodes[cls]!)},${od},${ids.manager[loans.origManager[l]!]},${ids.org[cli.org[c]!]}\n`;
    if (fLoans.push(line, loans.bal)) await fLoans.flush();
  }

  // Fee income, client by client.
  const rf = Rng.of(w.seed, 'fees', m.key);
  const feeCats = {
    corporate: Object.entries(feeCategories.corporate) as [Category, number][],
    individual: Object.entries(feeCategories.individual) as [Category, number][],
  };
  const feeWeights = { corporate: feeCats.corporate.map((x) => x[1]), individual: feeCats.individual.map((x) => x[1]) };
  let feeSeq = 0;
  for (let c = 0; c < cli.n; c++) {
    if (cli.open[c]! > m.end) continue;
    const corporate = cli.type[c] === CORPORATE;
    const first = Math.max(m.start, cli.open[c]!);
    const primary = asg.primaryAt(c, first);
    const boost = (lagging(c) ? planted.laggingActivityMultiplier : 1) * (primary >= 0 && mgr.topSeller[primary] ? 2 : 1);
    const k = rf.poisson((corporate ? feesPerMonth.corporate : feesPerMonth.individual) * boost * ((m.end - first + 1) / m.days));
    const cats = corporate ? feeCats.corporate : feeCats.individual;
    for (let i = 0; i < k; i++) {
      const day = rf.int(first, m.end);
      const category = cats[rf.weighted(corporate ? feeWeights.corporate : feeWeights.individual)]![0];
      const product = category === 'deposit' ? cat.demand[corporate ? 1 : 0] : rf.pick(cat.byCategory.get(category)!);
      const amount = Math.max(100, Math.round(rf.lognormal(feeMedian(corporate, cli.size[c]!), corporate ? feeSigma.corporate : feeSigma.individual)));
      const manager = rf.chance(0.9) ? asg.primaryAt(c, day) : -1;
      const line = `${layout.date(day)},F${tag}${String(++feeSeq).padStart(7, '0')},${ids.client[c]},${ids.product[product]},${yuan(amount)},${manager >= 0 ? ids.manager[manager] : ''},${ids.org[cli.org[c]!]}\n`;
      if (fFees.push(line, amount)) await fFees.flush();
    }
  }

  // Portfolios at mid-month (the clients each manager sells to and visits).
  const mid = Math.min(m.start + 14, m.end);
  const count = new Int32Array(mgr.n + 1);
  const holder = new Int32Array(cli.n).fill(-1);
  for (let c = 0; c < cli.n; c++) {
    if (cli.open[c]! > mid) continue;
    const p = asg.primaryAt(c, mid);
    holder[c] = p;
    if (p >= 0) count[p + 1]!++;
  }
  for (let i = 0; i < mgr.n; i++) count[i + 1]! += count[i]!;
  const fill = count.slice(0, mgr.n);
  const portfolio = new Int32Array(count[mgr.n]!);
  for (let c = 0; c < cli.n; c++) if (holder[c]! >= 0) portfolio[fill[holder[c]!]!++] = c;
  const clientsOf = (x: number) => portfolio.subarray(count[x]!, count[x + 1]!);
  const activeRange = (x: number): [number, number] | null => {
    const a = Math.max(m.start, mgr.hire[x]!);
    const b = Math.min(m.end, mgr.leave[x]!);
    return a <= b ? [a, b] : null;
  };

  // Manager-driven sales.
  const rs = Rng.of(w.seed, 'sales', m.key);
  for (let x = 0; x < mgr.n; x++) {
    const range = activeRange(x);
    const own = clientsOf(x);
    if (!range || own.length === 0) continue;
    const fraction = (range[1] - range[0] + 1) / m.days;
    const boost = mgr.skill[x]! * (mgr.topSeller[x] ? planted.topSellerMultiplier : 1) * (mgr.org[x] === w.lagging ? planted.laggingActivityMultiplier : 1);
    const table = salesPerMonth[mgr.line[x] === CORPORATE ? 'corporate' : 'retail'];
    for (const [category, lambda] of Object.entries(table)) {
      const k = rs.poisson(lambda! * boost * fraction);
      for (let i = 0; i < k; i++) {
        const day = rs.int(range[0], range[1]);
        const c = own[rs.int(0, own.length - 1)]!;
        if (cli.open[c]! > day || !asg.holds(c, x, day)) continue;
        const product = rs.pick(cat.byCategory.get(category as Category)!);
        const spec = saleAmount[category];
        const amount = spec ? Math.round(rs.lognormal(spec[0], spec[1]) / 100) * 100 : null;
        await sale(day, c, product, x, amount, 1, rs.pick(saleChannels[category] ?? saleChannels.default!));
      }
    }
  }

  // Visits: 8–20 per manager-month (a few managers far more), premium clients kept up each quarter.
  const rv = Rng.of(w.seed, 'visits', m.key);
  const due: number[][] = Array.from({ length: mgr.n }, () => []);
  if (ctx.premium) {
    for (let c = 0; c < cli.n; c++) {
      if (!ctx.premium[c] || holder[c]! < 0) continue;
      const slot = streamSeed(w.seed, 'premium-visit', c, m.year, m.quarter) % 3;
      if ((m.month - 1) % 3 === slot && rv.chance(0.92)) due[holder[c]!]!.push(c);
    }
  }
  let visitSeq = 0;
  const visit = async (day: number, x: number, c: number, purpose: string) => {
    const outcome = rv.pick(visitOutcomes[purpose]!);
    const line = `${layout.date(day)},V${tag}${String(++visitSeq).padStart(7, '0')},${ids.manager[x]},${c >= 0 ? ids.client[c] : ''},${layout.value('visits', 'purpose', purpose)},${field(outcome)}\n`;
    if (fVisits.push(line)) await fVisits.flush();
  };
  for (let x = 0; x < mgr.n; x++) {
    const range = activeRange(x);
    if (!range) continue;
    const days: number[] = [];
    for (let d = range[0]; d <= range[1]; d++) if (weekday(d) !== 0 && weekday(d) !== 6) days.push(d);
    if (days.length === 0) for (let d = range[0]; d <= range[1]; d++) days.push(d);
    const full = range[0] === m.start && range[1] === m.end;
    let n = mgr.highVisit[x] ? rv.int(41, 46) : mgr.org[x] === w.lagging ? rv.int(8, 11) : rv.int(8, 20);
    if (!full) n = Math.round((n * (range[1] - range[0] + 1)) / m.days);
    const premium = due[x]!;
    const upkeep = Math.min(premium.length, 20);
    if (upkeep > n) n = upkeep;
    const own = clientsOf(x);
    const overdue = own.filter((c) => overdueClient[c] === 1);
    const planned: [number, number, string][] = [];
    for (let i = 0; i < upkeep; i++) planned.push([rv.pick(days), premium[i]!, 'maintenance']);
    for (let i = upkeep; i < n; i++) {
      const day = rv.pick(days);
      const u = rv.float();
      if (overdue.length > 0 && u < 0.08) planned.push([day, rv.pick(overdue), 'collection']);
      else if (own.length === 0 || u < 0.4) planned.push([day, own.length > 0 && rv.chance(0.6) ? own[rv.int(0, own.length - 1)]! : -1, 'development']);
      else if (u < 0.93) planned.push([day, own[rv.int(0, own.length - 1)]!, 'maintenance']);
      else planned.push([day, own[rv.int(0, own.length - 1)]!, 'other']);
    }
    planned.sort((a, b) => a[0] - b[0]);
    for (const [day, c, purpose] of planned) {
      // A client visit is kept only on a day the manager looks after the client (else it was a cold call).
      const keep = c < 0 || (cli.open[c]! <= day && asg.holds(c, x, day));
      await visit(day, x, keep ? c : -1, keep ? purpose : 'development');
    }
  }

  const files = [await fDeposits.close(), await fLoans.close(), await fFees.close(), await fSales.close(), await fVisits.close(), await fFx.close()];
  if (m.quarterEnd) files.push(await writeAdjustments(ctx, m, dir));
  const kindsWritten = ['deposits', 'loans', 'fees', 'sales', 'visits', 'fx_rates', 'adjustments'];
  files.forEach((f, i) => (stats.rows[kindsWritten[i]!] = f.rows));
  ctx.stats.push(stats);
  return { files };
}

function setPremium(ctx: MonthContext, clientAvg: Float64Array): void {
  const { cli } = ctx.w;
  const order = Array.from({ length: cli.n }, (_, c) => c).filter((c) => clientAvg[c]! > 0);
  // Ties broken by client id so the rule can be recomputed from the files.
  order.sort((a, b) => clientAvg[b]! - clientAvg[a]! || a - b);
  const k = Math.max(1, Math.round(cli.n * planted.premiumShare));
  ctx.premium = new Uint8Array(cli.n);
  for (const c of order.slice(0, k)) ctx.premium[c] = 1;
  ctx.premiumIds = order.slice(0, k).map((c) => ctx.ids.client[c]!);
}

/** Complaints (−5 each) and market-research reports (1 point, 2 if adopted), quarter by quarter. */
async function writeAdjustments(ctx: MonthContext, m: Month, dir: string) {
  const { w, layout } = ctx;
  const r = Rng.of(w.seed, 'adjustments', m.key);
  const f = new CsvFile(join(dir, layout.fileName('adjustments', m.key.replace('-', ''))), layout.header('adjustments'), ctx.encoding);
  const qStart = dayOf(m.year, (m.quarter - 1) * 3 + 1, 1);
  const zh = layout.headers === 'zh';
  for (let x = 0; x < w.mgr.n; x++) {
    if (w.mgr.hire[x]! > m.end || w.mgr.leave[x]! < qStart) continue;
    const period = layout.value('adjustments', 'period', `Q${m.quarter}`);
    const row = (item: string, points: string, note: string) => {
      f.push(`${m.year},${period},${ctx.ids.manager[x]},${item},${points},${field(note)},${zh ? '人力资源部' : 'hr'}\n`);
    };
    const lagging = w.mgr.org[x] === w.lagging;
    if (r.chance(lagging ? 0.12 : 0.03)) row(zh ? '客户投诉' : 'complaint', '-5.00', r.pick(['客户投诉：服务态度', '客户投诉：业务办理超时', '客户投诉：产品说明不清']));
    if (r.chance(lagging ? 0.01 : 0.05)) {
      const adopted = r.chance(0.3);
      row(adopted ? (zh ? '调研报告被采纳' : 'market_research_report_adopted') : (zh ? '市场调研报告' : 'market_research_report'), adopted ? '2.00' : '1.00', r.pick(['区域产业调研', '客户需求调研', '同业竞争分析']));
    }
  }
  return f.close();
}

