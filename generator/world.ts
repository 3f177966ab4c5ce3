// The bank's standing data: org tree, managers (with joiners and leavers), clients, the planted
// cohorts and the whole assignment timeline. Built once, before any month is simulated, because
// the reference files are delivered once and must already name everything the ledgers refer to.
import { Assignments } from './assignments.ts';
import { dayOf, monthsBetween, NEVER, parseMonth, type Month } from './calendar.ts';
import { buildCatalogue, type Catalogue } from './catalog.ts';
import { industryWeights, personName } from './names.ts';
import { buildOrgTree, type OrgTree } from './org.ts';
import { Rng } from './random.ts';
import type { ScaleConfig } from './scales.ts';

export const CORPORATE = 0;
export const RETAIL = 1;

/** Figures planted in the data (recorded in truth.json). */
export const planted = {
  defaultMultiplier: 4,
  topSellerMultiplier: 3,
  laggingSizeMultiplier: 0.5,
  laggingActivityMultiplier: 0.4,
  laggingMonthlyTrend: -0.006,
  reassignPerYear: 0.045,
  sharedCorporateShare: 0.08,
  leaverShare: 0.05,
  joinerShare: 0.05,
  moverShare: 0.015,
  premiumShare: 0.02,
} as const;

export interface Managers {
  n: number;
  id: string[];
  name: string[];
  org: Int32Array;
  line: Uint8Array;
  /** 0 = A … 3 = D */
  grade: Uint8Array;
  hire: Int32Array;
  leave: Int32Array;
  skill: Float64Array;
  badRisk: Uint8Array;
  topSeller: Uint8Array;
  highVisit: Uint8Array;
  /** Managers per (sub-branch org index × 2 + line), at the org of the reference delivery. */
  bySubLine: Map<number, number[]>;
  /**
   * Managers who move to another sub-branch of the same tier-2 branch on the first day of a month
   * inside the period (org: the one they move to; `org` above keeps the one they came from). They
   * keep their clients; the move's month delivers their managers row with the new org.
   */
  moves: { manager: number; month: number; org: number }[];
}

export interface Clients {
  n: number;
  /** CORPORATE or RETAIL (individual). */
  type: Uint8Array;
  /** Booking org (sub-branch or outlet) and its sub-branch. */
  org: Int32Array;
  sub: Int32Array;
  /** Expected deposits in fen (the scale of everything the client does). */
  size: Float64Array;
  open: Int32Array;
  group: Int32Array;
  industry: Uint8Array;
  /** Monthly drift of deposits (log). */
  trend: Float32Array;
  /** Dresses its balance up at quarter ends. */
  dresser: Uint8Array;
}

export interface World {
  cfg: ScaleConfig;
  seed: number;
  months: Month[];
  from: number;
  last: number;
  /** First effective date of the FTP curve and the date of the one change inside the period. */
  ftpStart: number;
  ftpChange: number;
  tree: OrgTree;
  lagging: number;
  laggingSiblings: number[];
  cat: Catalogue;
  mgr: Managers;
  cli: Clients;
  groupNames: string[];
  asg: Assignments;
  /** Clients that changed manager inside the period (leavers' hand-overs included). */
  reassigned: number;
  /** How many times as often loans booked by a bad-risk manager start missing payments. */
  defaultMultiplier: number;
}

/** Strength of the planted cohorts, where a caller may choose it. */
export interface PlantOptions {
  /** Default multiplier of the bad-risk managers' loans (default planted.defaultMultiplier). */
  badRiskMultiplier?: number;
}

export function buildWorld(cfg: ScaleConfig, seed: number, from: string, to: string, plant: PlantOptions = {}): World {
  const defaultMultiplier = plant.badRiskMultiplier ?? planted.defaultMultiplier;
  const months = monthsBetween(from, to);
  const first = months[0]!;
  const lastMonth = months[months.length - 1]!;
  const fromDay = first.start;
  const last = lastMonth.end;
  const fy = parseMonth(from).y;
  const ftpStart = dayOf(fy - 6, 1, 1);
  const ftpChange = months[Math.floor(months.length / 2)]!.start;
  const tree = buildOrgTree(cfg, Rng.of(seed, 'orgs'));

  // The lagging sub-branch: one with at least two siblings where possible.
  const rl = Rng.of(seed, 'lagging');
  const siblingsOf = (s: number) => tree.subs.filter((x) => tree.orgs[x]!.parent === tree.orgs[s]!.parent && x !== s);
  const withSiblings = tree.subs.filter((s) => siblingsOf(s).length >= 2);
  const lagging = rl.pick(withSiblings.length > 0 ? withSiblings : tree.subs);
  const laggingSiblings = siblingsOf(lagging);

  // Sub-branch weights: how many clients each books. The lagging one books no more than its smallest sibling.
  const weight = new Map<number, number>();
  for (const s of tree.subs) weight.set(s, rl.lognormal(1, 0.3));
  if (laggingSiblings.length > 0) weight.set(lagging, 0.85 * Math.min(...laggingSiblings.map((s) => weight.get(s)!)));
  const subWeights = tree.subs.map((s) => weight.get(s)!);

  const cli = buildClients(cfg, seed, tree, subWeights, lagging, fromDay, last);
  const groupNames = buildGroups(cli, seed);
  const mgr = buildManagers(cfg, seed, tree, cli, fromDay, last, lagging);
  mgr.moves = planMoves(seed, tree, mgr, months.length, lagging, fromDay);
  const cat = buildCatalogue();
  const { asg, reassigned } = buildAssignments(seed, tree, mgr, cli, fromDay, last, months.length);
  return {
    cfg, seed, months, from: fromDay, last, ftpStart, ftpChange, tree, lagging, laggingSiblings, cat, mgr, cli,
    groupNames, asg, reassigned, defaultMultiplier,
  };
}

function buildClients(cfg: ScaleConfig, seed: number, tree: OrgTree, subWeights: number[], lagging: number, fromDay: number, last: number): Clients {
  const n = cfg.clients;
  const r = Rng.of(seed, 'clients');
  const cli: Clients = {
    n, type: new Uint8Array(n), org: new Int32Array(n), sub: new Int32Array(n), size: new Float64Array(n),
    open: new Int32Array(n), group: new Int32Array(n).fill(-1), industry: new Uint8Array(n),
    trend: new Float32Array(n), dresser: new Uint8Array(n),
  };
  const cum: number[] = [];
  let total = 0;
  for (const w of subWeights) cum.push((total += w));
  const oldest = fromDay - 20 * 365;
  const newShare = Math.min(0.3, 0.008 * Math.round((last - fromDay) / 30.4));
  for (let c = 0; c < n; c++) {
    const corporate = r.chance(cfg.corporateShare);
    cli.type[c] = corporate ? CORPORATE : RETAIL;
    const x = r.float() * total;
    let k = 0;
    while (k < cum.length - 1 && cum[k]! <= x) k++;
    const sub = tree.subs[k]!;
    cli.sub[c] = sub;
    const outlets = tree.outlets.get(sub) ?? [];
    cli.org[c] = outlets.length > 0 && r.chance(0.35) ? r.pick(outlets) : sub;
    // Heavy tails: lognormal sizes, corporates two orders of magnitude above individuals (fen).
    const median = corporate ? 150_000_000 : 3_000_000;
    let size = Math.min(median * 200, r.lognormal(median, corporate ? 1.7 : 1.5));
    if (sub === lagging) size *= planted.laggingSizeMultiplier;
    cli.size[c] = Math.max(10_000, Math.round(size));
    cli.open[c] = r.chance(newShare) ? r.int(fromDay, last - 3) : r.int(oldest, fromDay - 1);
    cli.industry[c] = corporate ? r.weighted(industryWeights) : 0;
    cli.trend[c] = (sub === lagging ? planted.laggingMonthlyTrend : 0.005) + 0.004 * r.normal();
    cli.dresser[c] = r.chance(corporate ? 0.35 : 0.08) ? 1 : 0;
  }
  return cli;
}

/** About a fifth of corporates belong to groups (集团) of 2–6 companies booked in one tier-1 branch. */
function buildGroups(cli: Clients, seed: number): string[] {
  const r = Rng.of(seed, 'groups');
  const names: string[] = [];
  const pool: number[] = [];
  for (let c = 0; c < cli.n; c++) if (cli.type[c] === CORPORATE && r.chance(0.2)) pool.push(c);
  let i = 0;
  while (i < pool.length - 1) {
    const size = Math.min(pool.length - i, r.int(2, 6));
    const g = names.length;
    names.push(`${['华', '中', '新', '金', '恒', '鼎', '汇', '盛', '远', '泰'][g % 10]}${['信', '达', '丰', '通', '源', '润', '安', '隆', '元', '和'][Math.floor(g / 10) % 10]}${g >= 100 ? String(Math.floor(g / 100)) : ''}`);
    for (let k = 0; k < size; k++) cli.group[pool[i + k]!] = g;
    i += size;
  }
  return names;
}

function buildManagers(cfg: ScaleConfig, seed: number, tree: OrgTree, cli: Clients, fromDay: number, last: number, lagging: number): Managers {
  const r = Rng.of(seed, 'managers');
  const counts = new Map<number, number>();
  for (let c = 0; c < cli.n; c++) {
    if (cli.open[c]! >= fromDay) continue;
    const key = cli.sub[c]! * 2 + cli.type[c]!;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const org: number[] = [];
  const line: number[] = [];
  const hire: number[] = [];
  const leave: number[] = [];
  const grade: number[] = [];
  const hireLatest = dayOf(Math.floor(fromDay / 365.25 + 1970) - 6, 1, 1) - 1;
  const hireEarliest = hireLatest - 15 * 365;
  for (const s of tree.subs) {
    for (const l of [CORPORATE, RETAIL]) {
      const k = counts.get(s * 2 + l) ?? 0;
      const n = Math.max(1, Math.round(k / (l === CORPORATE ? cfg.corporatePerManager : cfg.retailPerManager)));
      for (let i = 0; i < n; i++) {
        org.push(s);
        line.push(l);
        hire.push(r.int(hireEarliest, hireLatest));
        leave.push(NEVER);
        grade.push(r.weighted([15, 30, 35, 20]));
      }
    }
  }
  const originals = org.length;
  // Leavers: only where a colleague of the same line stays behind.
  const perSubLine = new Map<number, number>();
  for (let m = 0; m < originals; m++) perSubLine.set(org[m]! * 2 + line[m]!, (perSubLine.get(org[m]! * 2 + line[m]!) ?? 0) + 1);
  const span = last - fromDay;
  for (let m = 0; m < originals; m++) {
    const key = org[m]! * 2 + line[m]!;
    if (perSubLine.get(key)! >= 2 && r.chance(planted.leaverShare) && span > 40) {
      leave[m] = r.int(fromDay + 10, last - 10);
      perSubLine.set(key, perSubLine.get(key)! - 1);
    }
  }
  // Joiners: hired inside the period into a sub-branch line that already exists.
  const joiners = span > 40 ? Math.max(1, Math.round(originals * planted.joinerShare)) : 0;
  for (let j = 0; j < joiners; j++) {
    const like = r.int(0, originals - 1);
    org.push(org[like]!);
    line.push(line[like]!);
    hire.push(r.int(fromDay, last - 30));
    leave.push(NEVER);
    grade.push(r.weighted([0, 10, 45, 45]));
  }
  const n = org.length;
  const names = new Array<string>(n);
  for (let m = 0; m < n; m++) names[m] = personName(r);
  const mgr: Managers = {
    n, id: Array.from({ length: n }, (_, m) => `M${String(m + 1).padStart(6, '0')}`), name: names,
    org: Int32Array.from(org), line: Uint8Array.from(line), grade: Uint8Array.from(grade),
    hire: Int32Array.from(hire), leave: Int32Array.from(leave),
    skill: Float64Array.from({ length: n }, () => Math.min(2, Math.max(0.5, r.lognormal(1, 0.2)))),
    badRisk: new Uint8Array(n), topSeller: new Uint8Array(n), highVisit: new Uint8Array(n), bySubLine: new Map(), moves: [],
  };
  for (let m = 0; m < n; m++) {
    const key = mgr.org[m]! * 2 + mgr.line[m]!;
    const list = mgr.bySubLine.get(key) ?? [];
    list.push(m);
    mgr.bySubLine.set(key, list);
  }
  // Planted cohorts, drawn from managers who stay the whole period, outside the lagging sub-branch.
  const stayers = (l: number) => {
    const out: number[] = [];
    for (let m = 0; m < originals; m++) if (mgr.line[m] === l && mgr.leave[m] === NEVER && mgr.org[m] !== lagging) out.push(m);
    return r.shuffle(out);
  };
  const corp = stayers(CORPORATE);
  const retail = stayers(RETAIL);
  const nBad = Math.max(1, Math.round(corp.length * 0.08));
  for (const m of corp.slice(0, nBad)) mgr.badRisk[m] = 1;
  const nTopC = Math.max(1, Math.round(corp.length * 0.05));
  const nTopR = Math.max(1, Math.round(retail.length * 0.05));
  for (const m of corp.slice(nBad, nBad + nTopC)) mgr.topSeller[m] = 1;
  for (const m of retail.slice(0, nTopR)) mgr.topSeller[m] = 1;
  const all = r.shuffle([...corp.slice(nBad + nTopC), ...retail.slice(nTopR)]);
  for (const m of all.slice(0, Math.max(1, Math.round(n * 0.01)))) mgr.highVisit[m] = 1;
  return mgr;
}

/**
 * A few managers (planted.moverShare of those there the whole period, at least one) move to a
 * sibling sub-branch (same tier-2 branch) on the first day of a month after the first quarter and
 * before the last month: never from or to the lagging sub-branch, never a planted cohort's manager,
 * at most one a sub-branch, so every sub-branch keeps someone of the line.
 */
function planMoves(seed: number, tree: OrgTree, mgr: Managers, months: number, lagging: number, fromDay: number): Managers['moves'] {
  if (months < 6) return [];
  const r = Rng.of(seed, 'moves');
  const orgs = tree.orgs;
  const inCohort = (m: number) => mgr.badRisk[m] === 1 || mgr.topSeller[m] === 1 || mgr.highVisit[m] === 1;
  const movable: number[] = [];
  for (let m = 0; m < mgr.n; m++) {
    const own = mgr.bySubLine.get(mgr.org[m]! * 2 + mgr.line[m]!) ?? [];
    if (mgr.hire[m]! < fromDay && mgr.leave[m] === NEVER && mgr.org[m] !== lagging && !inCohort(m) && own.length >= 2) movable.push(m);
  }
  const wanted = Math.max(1, Math.round(movable.length * planted.moverShare));
  const used = new Set<number>();
  const moves: Managers['moves'] = [];
  for (const m of r.shuffle(movable)) {
    if (moves.length >= wanted) break;
    const from = mgr.org[m]!;
    const to = tree.subs.filter((s) => s !== from && s !== lagging && orgs[s]!.tier2 === orgs[from]!.tier2 && !used.has(s));
    if (used.has(from) || to.length === 0) continue;
    const org = r.pick(to);
    used.add(from);
    used.add(org);
    moves.push({ manager: m, month: r.int(3, months - 2), org });
  }
  return moves.sort((a, b) => a.month - b.month || a.manager - b.manager);
}

function buildAssignments(seed: number, tree: OrgTree, mgr: Managers, cli: Clients, fromDay: number, last: number, months: number): { asg: Assignments; reassigned: number } {
  const r = Rng.of(seed, 'assignments');
  const asg = new Assignments();
  const active = (m: number, day: number) => mgr.hire[m]! <= day && day <= mgr.leave[m]!;
  const orgs = tree.orgs;
  // Candidates of a line active on a day: the sub-branch, else its tier-2 branch, else anywhere.
  const byLine: number[][] = [[], []];
  for (let m = 0; m < mgr.n; m++) byLine[mgr.line[m]!]!.push(m);
  const candidates = (sub: number, l: number, day: number, exclude: number[]): number[] => {
    const own = (mgr.bySubLine.get(sub * 2 + l) ?? []).filter((m) => active(m, day) && !exclude.includes(m));
    if (own.length > 0) return own;
    const t2 = orgs[sub]!.tier2;
    const near = byLine[l]!.filter((m) => orgs[mgr.org[m]!]!.tier2 === t2 && active(m, day) && !exclude.includes(m));
    if (near.length > 0) return near;
    return byLine[l]!.filter((m) => active(m, day) && !exclude.includes(m));
  };
  // Premium portfolios go to A-grade managers: the largest 3% of each line prefer A (then B).
  const sizesByLine: number[][] = [[], []];
  for (let c = 0; c < cli.n; c++) sizesByLine[cli.type[c]!]!.push(cli.size[c]!);
  const cut = sizesByLine.map((s) => s.sort((a, b) => b - a)[Math.floor(s.length * 0.03)] ?? Infinity);

  const slot1 = new Int32Array(cli.n).fill(-1);
  const slot2 = new Int32Array(cli.n).fill(-1);
  // Clients opened before the period go to the managers there at its start; the lists per
  // (sub-branch, line) are worked out once, not per client.
  const premiumFirst = (list: number[]) => {
    const a = list.filter((m) => mgr.grade[m] === 0);
    const b = list.filter((m) => mgr.grade[m]! <= 1);
    return a.length > 0 ? a : b.length > 0 ? b : list;
  };
  const startLists = new Map<number, { all: number[]; premium: number[] }>();
  const initialList = (c: number, l: number, open: number, premium: boolean): number[] => {
    if (open >= fromDay) {
      const list = candidates(cli.sub[c]!, l, open, []);
      return premium ? premiumFirst(list) : list;
    }
    const key = cli.sub[c]! * 2 + l;
    let lists = startLists.get(key);
    if (!lists) {
      let all = candidates(cli.sub[c]!, l, fromDay - 1, []).filter((m) => mgr.hire[m]! < fromDay);
      if (all.length === 0) all = candidates(cli.sub[c]!, l, fromDay - 1, []);
      lists = { all, premium: premiumFirst(all) };
      startLists.set(key, lists);
    }
    return premium ? lists.premium : lists.all;
  };
  for (let c = 0; c < cli.n; c++) {
    const l = cli.type[c]!;
    const open = cli.open[c]!;
    const list = initialList(c, l, open, cli.size[c]! >= cut[l]!);
    const m1 = r.pick(list);
    const shared = l === CORPORATE && r.chance(planted.sharedCorporateShare);
    const others = shared ? candidates(cli.sub[c]!, l, Math.max(open, fromDay - 1), [m1]) : [];
    if (others.length > 0) {
      const m2 = r.pick(others);
      const [s1, s2] = r.pick([[500, 500], [600, 400], [700, 300]] as const);
      const start = Math.max(open, mgr.hire[m1]!, mgr.hire[m2]!);
      slot1[c] = asg.add(c, m1, s1, start);
      slot2[c] = asg.add(c, m2, s2, start);
    } else {
      slot1[c] = asg.add(c, m1, 1000, Math.max(open, mgr.hire[m1]!));
    }
  }

  // The timeline: random reassignments and leavers' hand-overs, played in date order.
  type Event = { day: number; kind: 0 | 1; who: number };
  const events: Event[] = [];
  const pReassign = planted.reassignPerYear * (months / 12);
  for (let c = 0; c < cli.n; c++) {
    if (!r.chance(pReassign)) continue;
    const earliest = Math.max(fromDay, asg.from[slot1[c]!]! + 1);
    if (earliest < last) events.push({ day: r.int(earliest, last), kind: 1, who: c });
  }
  for (let m = 0; m < mgr.n; m++) if (mgr.leave[m] !== NEVER) events.push({ day: mgr.leave[m]! + 1, kind: 0, who: m });
  events.sort((a, b) => a.day - b.day || a.kind - b.kind || a.who - b.who);
  const moved = new Uint8Array(cli.n);
  // Clients each manager has held (kept current lazily: a sweep re-checks the slots).
  const held: number[][] = Array.from({ length: mgr.n }, () => []);
  for (let c = 0; c < cli.n; c++) {
    held[asg.manager[slot1[c]!]!]!.push(c);
    if (slot2[c]! >= 0) held[asg.manager[slot2[c]!]!]!.push(c);
  }
  const joinerOf = (m: number) => mgr.hire[m]! >= fromDay;
  const move = (c: number, slot: Int32Array, other: Int32Array, day: number) => {
    const row = slot[c]!;
    const from = asg.manager[row]!;
    const keep = other[c]! >= 0 ? [from, asg.manager[other[c]!]!] : [from];
    const list = candidates(cli.sub[c]!, cli.type[c]!, day, keep);
    if (list.length === 0) return false;
    const joiners = list.filter(joinerOf);
    const to = joiners.length > 0 && r.chance(0.5) ? r.pick(joiners) : r.pick(list);
    asg.to[row] = day - 1;
    slot[c] = asg.add(c, to, asg.share[row]!, day);
    held[to]!.push(c);
    moved[c] = 1;
    return true;
  };
  for (const e of events) {
    if (e.kind === 1) {
      const c = e.who;
      const useSecond = slot2[c]! >= 0 && r.chance(0.5);
      const [slot, other] = useSecond ? [slot2, slot1] : [slot1, slot2];
      if (asg.from[slot[c]!]! < e.day) move(c, slot, other, e.day);
    } else {
      const m = e.who;
      for (const c of held[m]!) {
        if (slot1[c]! >= 0 && asg.manager[slot1[c]!] === m) {
          if (!move(c, slot1, slot2, e.day)) throw new Error(`no manager can take over client ${c} from leaver ${m}`);
        }
        if (slot2[c]! >= 0 && asg.manager[slot2[c]!] === m) {
          if (!move(c, slot2, slot1, e.day)) throw new Error(`no manager can take over client ${c} from leaver ${m}`);
        }
      }
    }
  }
  asg.index(cli.n);
  let reassigned = 0;
  for (let c = 0; c < cli.n; c++) reassigned += moved[c]!;
  return { asg, reassigned };
}
