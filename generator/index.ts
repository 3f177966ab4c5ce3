// generateBank: a synthetic bank written as extract deliveries (../shared/EXTRACTS.md): the
// reference files once (00-reference/), then one folder per month (2025-01/, …), so that name
// order is loading order; truth.json records what was planted. Same seed, same bytes.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { openingBook } from './book.ts';
import { fmtDate } from './calendar.ts';
import { manifestText, type FileEncoding } from './csv.ts';
import { chineseLayout, englishLayout, type FileKind } from './layout.ts';
import { ParquetWriter } from './parquet.ts';
import { writeMonth, type MonthContext, type MonthStats } from './month.ts';
import { writeMoves, writeReference, type FileResult } from './reference.ts';
import { resolveScale } from './scales.ts';
import { buildWorld, CORPORATE, planted, type World } from './world.ts';

export interface GenerateOptions {
  /** 'tiny' | 'demo' | 'large' | a client count. */
  scale: string | number;
  seed: number;
  /** Output folder (created; a previous generation in it is replaced). */
  out: string;
  /** YYYY-MM, inclusive; default per scale (tiny: 2025-01…2025-03, others: 2025-01…2026-06). */
  from?: string;
  to?: string;
  encoding?: FileEncoding;
  headers?: 'en' | 'zh';
  /** Ledger files (the monthly folders) as CSV, or as typed Parquet (English headers only). */
  format?: 'csv' | 'parquet';
  /**
   * How many times as often loans booked by the planted bad-risk managers start missing payments
   * (default 4, recorded in truth.json). A small bank books too few loans per manager for 4× to
   * show manager by manager; a stronger plant makes the cohort stand out there too.
   */
  badRiskMultiplier?: number;
  /** Called as work advances: a phase name and how many of its steps are done. */
  progress?: (phase: string, done: number, total: number) => void;
}

export interface GeneratedDelivery {
  name: string;
  files: { file: string; rows: number; bytes: number }[];
}

export interface GenerateSummary {
  out: string;
  scale: string;
  seed: number;
  from: string;
  to: string;
  clients: number;
  managers: number;
  orgs: number;
  deliveries: GeneratedDelivery[];
  rows: number;
  bytes: number;
  elapsedMs: number;
}

export const referenceFolder = '00-reference';

export async function generateBank(opts: GenerateOptions): Promise<GenerateSummary> {
  const started = performance.now();
  const cfg = resolveScale(opts.scale);
  if (!Number.isSafeInteger(opts.seed) || opts.seed < 0) throw new Error(`--seed must be a non-negative integer, not '${opts.seed}'`);
  const m = opts.badRiskMultiplier;
  if (m !== undefined && !(Number.isFinite(m) && m >= 1 && m <= 100)) throw new Error(`--bad-risk-multiplier must be a number from 1 to 100, not '${m}'`);
  const from = opts.from ?? cfg.from;
  const to = opts.to ?? cfg.to;
  const encoding = opts.encoding ?? 'utf8';
  const layout = (opts.headers ?? 'en') === 'zh' ? chineseLayout() : englishLayout();
  const format = opts.format ?? 'csv';
  if (format === 'parquet' && (layout.headers !== 'en' || encoding !== 'utf8')) {
    throw new Error('--format parquet writes the contract layout: use it with --headers en and --encoding utf8');
  }
  prepareOut(opts.out);
  const progress = opts.progress ?? (() => {});

  progress('bank', 0, 3);
  const w = buildWorld(cfg, opts.seed, from, to, { badRiskMultiplier: opts.badRiskMultiplier });
  progress('bank', 1, 3);
  const { acc, loans, defaults } = openingBook(w);
  progress('bank', 2, 3);
  const ids = {
    client: Array.from({ length: w.cli.n }, (_, c) => String(c + 1).padStart(10, '0')),
    manager: w.mgr.id,
    org: w.tree.orgs.map((o) => o.id),
    product: w.cat.products.map((p) => p.id),
  };
  const deliveries: GeneratedDelivery[] = [];
  // Every delivery gets its manifest.csv (rows and control totals of its data files).
  const record = (name: string, dir: string, files: FileResult[]) => {
    deliveries.push({ name, files: files.map((f) => ({ file: f.path.replace(/^.*[\\/]/, ''), rows: f.rows, bytes: f.bytes })) });
    writeFileSync(join(dir, 'manifest.csv'), manifestText(files, encoding));
  };

  const refDir = join(opts.out, referenceFolder);
  mkdirSync(refDir, { recursive: true });
  record(referenceFolder, refDir, await writeReference(w, loans, refDir, layout, encoding, ids));
  progress('bank', 3, 3);

  const ctx: MonthContext = { w, acc, loans, defaults, layout, encoding, ids, premium: null, premiumIds: [], stats: [] };
  const parquet = format === 'parquet' ? await ParquetWriter.open() : null;
  try {
    for (let i = 0; i < w.months.length; i++) {
      progress('months', i, w.months.length);
      const dir = join(opts.out, w.months[i]!.key);
      mkdirSync(dir, { recursive: true });
      let files = [...(await writeMoves(w, i, dir, layout, encoding, ids)), ...(await writeMonth(ctx, i, dir)).files];
      if (parquet) {
        const converted: FileResult[] = [];
        for (const f of files) {
          const target = f.path.replace(/\.csv$/, '.parquet');
          const kind = basename(f.path, '.csv') as FileKind;
          converted.push({ path: target, rows: f.rows, bytes: await parquet.convert(kind, f.path, target), fen: f.fen });
        }
        files = converted;
      }
      record(w.months[i]!.key, dir, files);
    }
  } finally {
    parquet?.close();
  }
  progress('months', w.months.length, w.months.length);

  writeFileSync(join(opts.out, 'truth.json'), JSON.stringify(truth(w, ctx, cfg.name, layout.source, encoding), null, 2) + '\n');
  let rows = 0;
  let bytes = 0;
  for (const d of deliveries) for (const f of d.files) {
    rows += f.rows;
    bytes += f.bytes;
  }
  return {
    out: opts.out, scale: cfg.name, seed: opts.seed, from, to, clients: w.cli.n, managers: w.mgr.n, orgs: w.tree.orgs.length,
    deliveries, rows, bytes, elapsedMs: Math.round(performance.now() - started),
  };
}

/** Creates the folder; replaces an earlier generation in it, but never writes into a folder of other files. */
function prepareOut(out: string): void {
  if (existsSync(out)) {
    const entries = readdirSync(out);
    const ours = (e: string) => e === 'truth.json' || e === referenceFolder || /^\d{4}-\d{2}$/.test(e);
    if (entries.length > 0 && !entries.includes('truth.json')) {
      throw new Error(`${out} is not empty and holds no earlier generation (no truth.json); choose an empty or new folder`);
    }
    const foreign = entries.filter((e) => !ours(e));
    if (foreign.length > 0) throw new Error(`${out} holds files the generator did not write (${foreign.slice(0, 3).join(', ')}); choose another folder`);
    for (const e of entries) rmSync(join(out, e), { recursive: true, force: true });
  }
  mkdirSync(out, { recursive: true });
}

function truth(w: World, ctx: MonthContext, scale: string, layoutSource: string, encoding: FileEncoding) {
  const { mgr, tree } = w;
  const idsWhere = (flag: Uint8Array) => mgr.id.filter((_, x) => flag[x] === 1);
  const tier1 = tree.orgs.findIndex((o) => o.level === 'tier1_branch');
  const sub = tree.subs.find((s) => tree.orgs[s]!.tier1 === tier1 && s !== w.lagging) ?? tree.subs[0]!;
  let demoManager = -1;
  for (let x = 0; x < mgr.n && demoManager < 0; x++) {
    if (mgr.org[x] === sub && mgr.line[x] !== CORPORATE && mgr.leave[x] === 2147483647 && mgr.hire[x]! < w.from) demoManager = x;
  }
  for (let x = 0; x < mgr.n && demoManager < 0; x++) if (mgr.org[x] === sub && mgr.leave[x] === 2147483647) demoManager = x;
  const npl = (s: MonthStats) => (s.loanBalance > 0 ? Number((s.nplBalance / s.loanBalance).toFixed(6)) : 0);
  return {
    generator: 'jixiao generate',
    scale, seed: w.seed, from: w.months[0]!.key, to: w.months[w.months.length - 1]!.key,
    headers_from: layoutSource, encoding,
    folders: { reference: referenceFolder, months: w.months.map((m) => m.key) },
    cohorts: {
      bad_risk_managers: {
        manager_ids: idsWhere(mgr.badRisk),
        default_multiplier: w.defaultMultiplier,
        what: 'loans booked by these managers miss payments (and so turn special-mention, then non-performing) this many times as often',
      },
      top_sellers: {
        manager_ids: idsWhere(mgr.topSeller),
        sales_multiplier: planted.topSellerMultiplier,
        fee_multiplier: 2,
        what: 'manager-driven sales per month multiplied; fee transactions of their clients doubled',
      },
      lagging_sub_branch: {
        org_id: tree.orgs[w.lagging]!.id,
        org_name: tree.orgs[w.lagging]!.name,
        sibling_ids: w.laggingSiblings.map((s) => tree.orgs[s]!.id),
        client_size_multiplier: planted.laggingSizeMultiplier,
        activity_multiplier: planted.laggingActivityMultiplier,
        monthly_deposit_trend: planted.laggingMonthlyTrend,
        what: 'books no more clients than its smallest sibling, with half-size balances that shrink, fewer sales, fees, new loans and visits, more complaints',
      },
      high_visit_managers: { manager_ids: idsWhere(mgr.highVisit), visits_per_month: [41, 46] },
      manager_moves: {
        moves: mgr.moves.map((m) => ({
          manager_id: mgr.id[m.manager]!, from_org_id: tree.orgs[mgr.org[m.manager]!]!.id, to_org_id: tree.orgs[m.org]!.id, month: w.months[m.month]!.key,
        })),
        what: "these managers move to a sibling sub-branch on the month's first day, keeping their clients; the month's delivery holds their managers row with the new org and valid_from",
      },
      premium_clients: {
        rule: `top ${planted.premiumShare * 100}% of clients by their summed deposit avg_balance in ${w.months[0]!.key} (ties by client_id)`,
        client_ids: ctx.premiumIds,
        maintenance_chance_per_quarter: 0.92,
      },
    },
    planted: {
      shared_corporate_share: planted.sharedCorporateShare,
      reassigned_per_year: planted.reassignPerYear,
      leavers: mgr.leave.filter((d) => d !== 2147483647).length,
      joiners: Array.from(mgr.hire).filter((d) => d >= w.from).length,
      clients_reassigned_in_period: w.reassigned,
      ftp_change_date: fmtDate(w.ftpChange),
      window_dressing: 'demand balances of dresser clients are raised 20–60% for the last 1–3 days of each quarter',
    },
    demo: {
      head_office_id: tree.orgs[0]!.id,
      tier1_branch_id: tree.orgs[tier1]!.id,
      sub_branch_id: tree.orgs[sub]!.id,
      manager_id: demoManager >= 0 ? mgr.id[demoManager] : null,
    },
    months: ctx.stats.map((s) => ({
      month: s.month, deposit_balance: yuanNumber(s.depositBalance), deposit_avg_balance: yuanNumber(s.depositAvg),
      loan_balance: yuanNumber(s.loanBalance), npl_ratio: npl(s), rows: s.rows,
    })),
  };
}

const yuanNumber = (fen: number) => Math.round(fen) / 100;
