// The bank's book between two month-ends: deposit accounts and loans, held in typed arrays (one
// entry per account or loan, a few bytes per field) so the large scale stays well under 2 GB.
import { addMonths, monthOf, partsOf, type Month } from './calendar.ts';
import { depositRate, ftpAt, loanFamilies, timeTermsCorporate, timeTermsIndividual, timeTermWeightsCorporate, timeTermWeightsIndividual } from './catalog.ts';
import { cureChance, classOf, defaultRate, existingBorrower, latePaymentChance, writeOffChance } from './rates.ts';
import { Rng } from './random.ts';
import { CORPORATE, type World } from './world.ts';

function grow<T extends Int32Array | Float64Array | Uint8Array | Int16Array>(a: T, cap: number): T {
  const b = new (a.constructor as new (n: number) => T)(cap);
  b.set(a);
  return b;
}

/** Deposit accounts: demand (one per client) and time deposits. */
export class Accounts {
  n = 0;
  client = new Int32Array(0);
  product = new Int16Array(0);
  term = new Int16Array(0);
  /** Demand: the underlying balance at the last month-end (fen). Time: the principal. */
  amount = new Float64Array(0);
  rate = new Int16Array(0);
  open = new Int32Array(0);
  maturity = new Int32Array(0);
  closed = new Uint8Array(0);

  constructor(capacity: number) {
    this.resize(capacity);
  }

  private resize(cap: number) {
    this.client = grow(this.client, cap);
    this.product = grow(this.product, cap);
    this.term = grow(this.term, cap);
    this.amount = grow(this.amount, cap);
    this.rate = grow(this.rate, cap);
    this.open = grow(this.open, cap);
    this.maturity = grow(this.maturity, cap);
    this.closed = grow(this.closed, cap);
  }

  add(client: number, product: number, term: number, amount: number, rate: number, open: number, maturity: number): number {
    if (this.n === this.client.length) this.resize(Math.ceil(this.n * 1.25) + 1024);
    const a = this.n++;
    this.client[a] = client;
    this.product[a] = product;
    this.term[a] = term;
    this.amount[a] = amount;
    this.rate[a] = rate;
    this.open[a] = open;
    this.maturity[a] = maturity;
    this.closed[a] = 0;
    return a;
  }
}

export class Loans {
  n = 0;
  client = new Int32Array(0);
  product = new Int16Array(0);
  term = new Int16Array(0);
  principal = new Float64Array(0);
  paid = new Int16Array(0);
  payday = new Uint8Array(0);
  orig = new Int32Array(0);
  maturity = new Int32Array(0);
  rate = new Int16Array(0);
  overdue = new Int32Array(0);
  origManager = new Int32Array(0);
  closed = new Uint8Array(0);
  /** 1 while a loan is on its way to default (no cure before it turns non-performing). */
  defaulting = new Uint8Array(0);
  /** Written by `step`: the month's end balance and average daily balance (fen). */
  bal = 0;
  avg = 0;

  constructor(capacity: number) {
    this.resize(capacity);
  }

  private resize(cap: number) {
    this.client = grow(this.client, cap);
    this.product = grow(this.product, cap);
    this.term = grow(this.term, cap);
    this.principal = grow(this.principal, cap);
    this.paid = grow(this.paid, cap);
    this.payday = grow(this.payday, cap);
    this.orig = grow(this.orig, cap);
    this.maturity = grow(this.maturity, cap);
    this.rate = grow(this.rate, cap);
    this.overdue = grow(this.overdue, cap);
    this.origManager = grow(this.origManager, cap);
    this.closed = grow(this.closed, cap);
    this.defaulting = grow(this.defaulting, cap);
  }

  add(client: number, product: number, term: number, principal: number, orig: number, rate: number, origManager: number): number {
    if (this.n === this.client.length) this.resize(Math.ceil(this.n * 1.25) + 1024);
    const l = this.n++;
    this.client[l] = client;
    this.product[l] = product;
    this.term[l] = term;
    this.principal[l] = principal;
    this.paid[l] = 0;
    this.payday[l] = partsOf(orig).d;
    this.orig[l] = orig;
    this.maturity[l] = addMonths(orig, term);
    this.rate[l] = rate;
    this.overdue[l] = 0;
    this.origManager[l] = origManager;
    this.closed[l] = 0;
    this.defaulting[l] = 0;
    return l;
  }

  /** Equal-principal amortisation (等额本金): what is left after `paid` instalments. */
  balanceAfter(l: number, paid: number): number {
    const term = this.term[l]!;
    return paid >= term ? 0 : Math.round((this.principal[l]! * (term - paid)) / term);
  }

  /**
   * Moves loan l through one month: a payment on its payday, or a missed one (overdue days run on,
   * and the class follows them), a cure, or a write-off. Sets bal/avg; false when the loan is not on
   * the book this month (not yet originated, repaid earlier or written off).
   *
   * Two kinds of missed payment: a late payer pays the next month (a month in special mention);
   * a default keeps missing payments and turns non-performing after 90 days. Defaults are drawn by
   * quota (see Defaults), so each cohort gets its planted default rate almost exactly.
   */
  step(l: number, m: Month, r: Rng, defaults: Defaults, group: number): boolean {
    if (this.closed[l] || this.orig[l]! > m.end) return false;
    const D = m.days;
    if (this.orig[l]! >= m.start) {
      this.bal = this.principal[l]!;
      this.avg = Math.round((this.principal[l]! * (m.end - this.orig[l]! + 1)) / D);
      return true;
    }
    const b0 = this.balanceAfter(l, this.paid[l]!);
    const od = this.overdue[l]!;
    const payday = this.payday[l]!;
    let pays = false;
    if (od === 0) {
      if (defaults.take(group)) {
        this.overdue[l] = D - payday + 1;
        this.defaulting[l] = 1;
      } else if (r.chance(latePaymentChance)) {
        this.overdue[l] = D - payday + 1;
        this.defaulting[l] = 0;
      } else pays = true;
    } else {
      const cls = classOf(od);
      if (cls === 4 && r.chance(writeOffChance)) {
        this.closed[l] = 1;
        return false;
      }
      if (cls === 1 && !this.defaulting[l]) pays = true; // the late payer catches up
      else if (cls >= 2 && r.chance(cureChance[cls]!)) pays = true;
      if (pays) {
        this.overdue[l] = 0;
        this.defaulting[l] = 0;
      } else this.overdue[l] = od + D;
    }
    if (!pays) {
      this.bal = b0;
      this.avg = b0;
      return true;
    }
    const due = m.start + payday - 1;
    this.paid[l] = this.paid[l]! + 1 >= this.term[l]! || due >= this.maturity[l]! ? this.term[l]! : this.paid[l]! + 1;
    const b1 = this.balanceAfter(l, this.paid[l]!);
    this.bal = b1;
    this.avg = Math.round((b0 * (payday - 1) + b1 * (D - payday + 1)) / D);
    if (b1 === 0) this.closed[l] = 1; // repaid: this month's row shows 0, then the loan leaves the ledger
    return true;
  }
}

/**
 * Systematic sampling of defaults: each performing loan of a group adds the group's monthly default
 * rate to an accumulator, and defaults when the accumulator crosses a whole number. The count of
 * defaults per group and month is then its expected value ± 1, so the planted multiplier shows in
 * the data instead of being lost in the noise of a few dozen coin flips. One sampler runs through the
 * whole history (opening book, then month after month), so the counts stay exact over any span.
 */
export class Defaults {
  private readonly acc: number[];
  private readonly rates: number[];

  constructor(r: Rng, multiplier: number) {
    this.acc = [r.float(), r.float()];
    this.rates = [defaultRate, defaultRate * multiplier];
  }

  take(group: number): boolean {
    const before = Math.floor(this.acc[group]!);
    this.acc[group]! += this.rates[group]!;
    return Math.floor(this.acc[group]!) > before;
  }
}

/** 1 for a loan booked by a bad-risk manager, else 0. */
export function riskGroup(w: World, l: Loans, loan: number): number {
  return w.mgr.badRisk[l.origManager[loan]!] ? 1 : 0;
}

export function pickTerm(r: Rng, corporate: boolean): number {
  return corporate ? timeTermsCorporate[r.weighted(timeTermWeightsCorporate)]! : timeTermsIndividual[r.weighted(timeTermWeightsIndividual)]!;
}

const corporateFamilies = loanFamilies.filter((f) => f.corporate);
const retailFamilies = loanFamilies.filter((f) => !f.corporate);
const corporateWeights = corporateFamilies.map((f) => f.weight);
const retailWeights = retailFamilies.map((f) => f.weight);

/** A loan's family, term, principal (fen) and rate (hundredths of a percent) at origination. */
export function loanTerms(w: World, r: Rng, c: number, orig: number): { product: number; term: number; principal: number; rate: number } {
  const corporate = w.cli.type[c] === CORPORATE;
  const families = corporate ? corporateFamilies : retailFamilies;
  const f = families[r.weighted(corporate ? corporateWeights : retailWeights)]!;
  const term = r.pick(f.terms);
  let principal: number;
  // Corporate loans grow with the client, but less than proportionally, and are capped (single-
  // borrower limits), so a handful of giant loans cannot swing the bank's NPL ratio.
  if (corporate) principal = Math.min(4_000_000_000, r.lognormal(600_000_000, 0.6) * Math.pow(w.cli.size[c]! / 150_000_000, 0.3));
  else if (f.code === 'PM') principal = r.range(30_000_000, 300_000_000);
  else if (f.code === 'PB') principal = r.range(20_000_000, 200_000_000);
  else principal = r.range(5_000_000, 50_000_000);
  principal = Math.round(principal / 100_000) * 100_000; // whole thousands of yuan
  const rate = ftpAt(term, orig >= w.ftpChange) + r.int(f.spread[0], f.spread[1]);
  return { product: w.cat.loan.get(`${f.code}${term}`)!, term, principal, rate };
}

/** The book at the start of the period: accounts and loans opened before it, loans aged month by month. */
export function openingBook(w: World): { acc: Accounts; loans: Loans; defaults: Defaults } {
  const { cli, cat } = w;
  const r = Rng.of(w.seed, 'opening-book');
  const acc = new Accounts(Math.ceil(cli.n * 1.8) + 1024);
  const loans = new Loans(Math.ceil(cli.n * 0.2) + 1024);
  const defaults = new Defaults(r, w.defaultMultiplier);
  const fromIndex = partsOf(w.from).y * 12 + partsOf(w.from).m;
  for (let c = 0; c < cli.n; c++) {
    const corporate = cli.type[c] === CORPORATE;
    const open = cli.open[c]!;
    const size = cli.size[c]!;
    const existing = open < w.from;
    const hasTime = existing && r.chance(corporate ? 0.7 : 0.35);
    const demandShare = hasTime ? (corporate ? 0.6 : 0.4) : 1;
    const demandStart = existing ? size * demandShare : size * r.range(0.3, 0.6);
    acc.add(c, cat.demand[corporate ? 1 : 0], 0, Math.round(demandStart), depositRate(0, corporate, false), open, 2147483647);
    if (hasTime) {
      const k = corporate ? r.int(1, 3) : r.int(1, 2);
      for (let i = 0; i < k; i++) {
        const term = pickTerm(r, corporate);
        const start = Math.max(open + 1, addMonths(w.from, -term) + r.int(1, 27));
        if (start >= w.from) continue;
        const principal = Math.round((size * (1 - demandShare) * r.range(0.6, 1.4)) / k / 100) * 100;
        if (principal <= 0) continue;
        acc.add(c, cat.time[corporate ? 1 : 0].get(term)!, term, principal, depositRate(term, corporate, false), start, addMonths(start, term));
      }
    }
    if (existing && r.chance(corporate ? existingBorrower.corporate : existingBorrower.individual)) {
      // Loans booked up to two years before their term would have ended: most are repaid by the
      // period, and those still on the book include the old non-performing ones, as in a real book.
      const k = corporate ? r.int(2, 5) : r.int(1, 2);
      const m0 = w.asg.primaryAt(c, w.from - 1);
      if (m0 < 0) continue;
      for (let i = 0; i < k; i++) {
        const probe = loanTerms(w, r, c, w.from - 1);
        const earliest = Math.max(open + 30, addMonths(w.from, -probe.term - 24) + 1);
        if (earliest >= w.from - 1) continue;
        let orig = r.int(earliest, w.from - 1);
        const p = partsOf(orig);
        if (p.d > 28) orig -= p.d - 28;
        const t = probe; // priced on the curve before the change, as every loan booked before the period
        // Most loans were booked by today's manager; some by a colleague before a hand-over.
        const colleagues = (w.mgr.bySubLine.get(cli.sub[c]! * 2 + cli.type[c]!) ?? []).filter((m) => m !== m0 && w.mgr.hire[m]! <= orig);
        const booker = colleagues.length > 0 && r.chance(0.2) ? r.pick(colleagues) : m0;
        const l = loans.add(c, t.product, t.term, t.principal, orig, t.rate, booker);
        // Age the loan month by month up to the period, so classes and balances are already mixed.
        const group = riskGroup(w, loans, l);
        const p0 = partsOf(orig);
        let y = p0.y;
        let mo = p0.m + 1;
        while (y * 12 + mo < fromIndex) {
          if (mo > 12) {
            mo = 1;
            y++;
            continue;
          }
          loans.step(l, monthOf(y, mo), r, defaults, group);
          mo++;
        }
      }
    }
  }
  return { acc, loans, defaults };
}
