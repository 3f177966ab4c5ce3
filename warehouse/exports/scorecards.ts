// `jixiao export scorecards --period P`: one row per manager for a scoring period (a quarter-end
// year-to-date: 2026-06-ytd; 2026-Q2 and 2026 are accepted for their year-to-date): the points of
// each indicator, bonus, deductions, total, grade before and after forced distribution, rank and
// percentile among peers, the pay and the common pool of the manager's org node. The rows are those
// of mart_scorecard_sheet (long: card × indicator line) read through the one list function over
// marts; each card's lines become its columns <indicator_id>_points here (a reshape: nothing is
// computed). When the server's files hold a line (what people entered, the review cycle), the
// cards as they stand (sql/live/scorecards_standing.sql: the entered points added, a locked card
// as locked, as its page shows it); score_locked says which cards are locked.
import { existsSync, statSync } from 'node:fs';
import type { Warehouse } from '../db.ts';
import type { Column, ColumnKind } from '../../report/table.ts';
import { scoringPeriodOf } from '../../contract/periods.ts';
import { ensureLogFile } from '../append-log.ts';
import { codeSchema } from '../schema-version.ts';
import { martRows, type MartRows } from '../queries/mart-rows.ts';
import { wholeBank } from '../queries/scope.ts';
import { readerOf } from './_common.ts';
import { ExportRequestError, type ExportKind, type ExportRequest } from './_kind.ts';

const leading: [string, ColumnKind][] = [
  ['period', 'id'],
  ['org_id', 'id'],
  ['org_name', 'text'],
  ['manager_id', 'id'],
  ['manager_name', 'text'],
  ['line', 'text'],
  ['scheme_id', 'id'],
];
const trailing: [string, ColumnKind][] = [
  ['indicator_points', 'number'],
  ['bonus_points', 'number'],
  ['deduction_points', 'number'],
  ['total_score', 'number'],
  ['grade_by_threshold', 'text'],
  ['score_grade', 'text'],
  ['forced_down', 'text'],
  ['peer_group', 'text'],
  ['peer_rank', 'count'],
  ['peer_group_size', 'count'],
  ['percentile', 'ratio'],
  ['efficiency_pay', 'money'],
  ['management_score', 'number'],
  ['earned_efficiency_pay', 'money'],
  ['base_pay', 'money'],
  ['actual_pay', 'money'],
  ['pool_contribution', 'money'],
  ['paid_pay', 'money'],
  ['org_pool_total', 'money'],
  ['score_locked', 'text'],
];
/** The sheet's columns read: the card's, then the indicator line's. */
const lineColumns = ['indicator_id', 'ordinal', 'points'];

async function scoredPeriod(wh: Warehouse, asked: string): Promise<string> {
  const period = scoringPeriodOf(asked);
  const scored = (await wh.query<{ period: string }>(`select distinct period from mart_scorecards order by period`)).map((r) => r.period);
  if (!period || !scored.includes(period)) {
    throw new ExportRequestError(
      `no scorecards for ${asked}: scoring runs at quarter ends on year-to-date figures` +
        (scored.length ? ` (scored: ${scored.join(', ')}; 2026-Q2 means 2026-06-ytd, 2026 means 2026-12-ytd)` : ' (none built)'),
    );
  }
  return period;
}

const hasLines = (file: string | undefined): file is string => file !== undefined && existsSync(file) && statSync(file).size > 0;

/**
 * The sheet's rows as built, or as the cards stand when either of the server's files holds a line
 * (the other, missing, is created empty, as the server would: the macros read both).
 */
function sheetRows(req: ExportRequest): MartRows {
  const columns = [...leading.map(([k]) => k), ...lineColumns, ...trailing.map(([k]) => k)];
  const base = { table: 'mart_scorecard_sheet', columns, where: 'm.period = $period' };
  // The pool of the manager's org node is the sheet's pool_total.
  const pool = { org_pool_total: 'm.pool_total' };
  const { entriesFile, reviewsFile } = req;
  if (!hasLines(entriesFile) && !hasLines(reviewsFile)) return { ...base, params: {}, added: { ...pool, score_locked: 'false' } };
  if (!entriesFile || !reviewsFile) throw new Error('scorecards: the entries and reviews files go together');
  for (const f of [entriesFile, reviewsFile]) if (!existsSync(f)) ensureLogFile(f);
  return {
    ...base,
    relation: 'scorecard_sheet_standing_in($entries_file, $reviews_file, [$period])',
    params: { entries_file: entriesFile, reviews_file: reviewsFile },
    added: { ...pool, score_locked: 'm.score_locked' },
  };
}

const scorecards: ExportKind = {
  kind: 'scorecards',
  summary: 'one row per manager: points per indicator, bonus, deductions, total, grade, rank, pay (quarter-end ytd)',
  idColumn: 'manager_id',
  sheet: 'scorecards',
  async table(wh: Warehouse, req: ExportRequest) {
    const period = await scoredPeriod(wh, req.period);
    const { catalog } = await codeSchema();
    const lines = await martRows(readerOf(wh), catalog, sheetRows(req), { scope: wholeBank, orgId: req.org ?? null, period }, 'line, total_score desc, manager_id, ordinal, indicator_id');
    // The indicators in the card's order: schemes by id, then ordinal.
    const order = new Map<string, [string, number]>();
    for (const l of lines) {
      if (l.indicator_id === null) continue;
      const id = String(l.indicator_id);
      const [scheme, ordinal] = order.get(id) ?? [String(l.scheme_id), Number(l.ordinal)];
      order.set(id, [String(l.scheme_id) < scheme ? String(l.scheme_id) : scheme, Math.min(ordinal, Number(l.ordinal))]);
    }
    const indicators = [...order].sort(([a, [sa, oa]], [b, [sb, ob]]) => (sa < sb ? -1 : sa > sb ? 1 : oa - ob || (a < b ? -1 : a > b ? 1 : 0))).map(([id]) => id);
    // One row per card, in the order read; each line's points under <indicator_id>_points.
    const cards = new Map<string, Record<string, unknown>>();
    for (const { indicator_id, ordinal: _o, points, ...card } of lines) {
      const key = `${card.manager_id}`;
      const row = cards.get(key) ?? { ...card, ...Object.fromEntries(indicators.map((id) => [`${id}_points`, null])) };
      if (indicator_id !== null) row[`${indicator_id}_points`] = points;
      cards.set(key, row);
    }
    const columns: Column[] = [
      ...leading.map(([key, kind]) => ({ key, kind })),
      ...indicators.map((id) => ({ key: `${id}_points`, kind: 'number' as const })),
      ...trailing.map(([key, kind]) => ({ key, kind })),
    ];
    // Yes/no columns as the text the sheet has always carried ('true', 'false').
    const rows = [...cards.values()].map((r) => Object.fromEntries(columns.map((c) => [c.key, typeof r[c.key] === 'boolean' ? String(r[c.key]) : r[c.key]])));
    return { columns, rows };
  },
};
export default scorecards;
