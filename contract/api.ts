// The API's contract: the zod schemas of its requests, shared by the routes (the same schemas
// validate requests and generate the OpenAPI document, api/openapi.ts, so the document cannot
// drift from what the server accepts), and the shapes of its answers, which the server's handlers
// return and the web's client (web/src/lib/api.ts) is typed with.
import { z } from 'zod';
import { PERIOD_KEY, PERIOD_KEY_OF, PERIOD_TYPES } from './periods.ts';
import type { ColumnKind } from './metrics.ts';
import type { ReviewState } from './review.ts';
import type { Unavailable } from './unavailable.ts';
import { CLIENT_SEGMENTS, LINES, LOAN_CLASSES, MIGRATION_TO, ORG_LEVELS, RISK_BASES, SIZE_BASES, SIZE_TIERS, WARNING_KINDS } from './codes.ts';

// ---------------------------------------------------------------------------------------------
// Requests

/** Period keys of DOMAIN.md: 2026-03, 2026-Q1, 2026-H1, 2026, 2026-05-ytd. */
export const periodKey = z
  .string()
  .regex(PERIOD_KEY, 'must be a period key: 2026-03, 2026-Q1, 2026-H1, 2026 or 2026-05-ytd')
  .meta({ description: 'Period key; default: the latest month loaded', example: '2026-03' });

/** Ids are strings from the bank's systems: letters (any script), digits, _ . - ; at most 64. */
export const idString = z
  .string()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[\p{L}\p{N}_.-]+$/u, 'may contain only letters, digits, _ . -');

export const langParam = z.enum(['zh', 'en']).default('zh').meta({ description: 'Language of export headers' });
export const formatParam = z.enum(['json', 'csv', 'xlsx']).default('json').meta({ description: 'json, or a download' });

export const MAX_PAGE_SIZE = 500;
/** Exports ignore paging and return every matching row, up to this many. */
export const MAX_EXPORT_ROWS = 200_000;

const intString = (name: string, min: number, max: number, def: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))
    .optional()
    .transform((n) => n ?? def)
    .meta({ description: `${name} (${min}–${max}, default ${def})` });

/** Sort, order, paging and download options of every list endpoint; `sorts` is its allow-list. */
export function listParams(sorts: readonly [string, ...string[]], defaultSort: string, defaultOrder: 'asc' | 'desc' = 'desc') {
  return {
    sort: z.enum(sorts).default(defaultSort as never).meta({ description: 'Column to sort by (allow-listed)' }),
    order: z.enum(['asc', 'desc']).default(defaultOrder),
    page: intString('page', 1, 100_000, 1),
    page_size: intString('page_size', 1, MAX_PAGE_SIZE, 50),
    format: formatParam,
    lang: langParam,
  };
}

export const exportOnly = { format: formatParam, lang: langParam };

export type ListQuery = {
  sort: string;
  order: 'asc' | 'desc';
  page: number;
  page_size: number;
  format: 'json' | 'csv' | 'xlsx';
  lang: 'zh' | 'en';
};

export const lineParam = z.enum(LINES).meta({ description: 'Business line filter' });
export const searchParam = z.string().min(1).max(64, 'must be at most 64 characters').meta({ description: 'Name or id contains (case-insensitive)' });

/**
 * The filters of each endpoint the web calls (everything but sort, order, paging and download
 * options, which listParams adds with the endpoint's own sort allow-list). The routes validate
 * with them; the web's client takes its query objects typed from them (`Filters<typeof …>`).
 */
export const periodFilter = { period: periodKey.optional() };

/** Institution cards of a node's subtree: a scoring period (a quarter or year: its year to date), one level. */
export const orgScorecardFilters = { ...periodFilter, level: z.enum(ORG_LEVELS).optional() };
/** The target cascade of a node's subtree: a period of the targets file (2026, 2026-H1, 2026-Q2), one metric. */
export const cascadeFilters = {
  period: periodKey.optional().meta({ description: 'A period of the targets file; default: the year of the latest month loaded', example: '2026' }),
  metric: z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be a metric name').optional(),
};
export const riskBasisParam = z.enum(RISK_BASES);

export const leagueFilters = {
  ...periodFilter,
  line: lineParam.optional(),
  grade: z.string().regex(/^[A-Za-z0-9]{1,8}$/, 'must be a grade code like A, B, C').optional(),
  q: searchParam.optional(),
};
export const peerFilters = {
  ...periodFilter,
  level: z.enum(ORG_LEVELS).default('sub_branch').meta({ description: 'The level whose nodes are compared' }),
  parent_id: idString.optional().meta({ description: 'Only the children of this node' }),
  size_by: z.enum(SIZE_BASES).default('staff').meta({ description: 'Peer groups by managers (staff) or by deposit + loan balances (book)' }),
  size: z.enum(SIZE_TIERS).optional().meta({ description: 'Only this third of the level by size' }),
};
export const clientFilters = { ...periodFilter, q: searchParam.optional() };
export const segmentFilters = { ...periodFilter, segment: z.enum(CLIENT_SEGMENTS).optional(), q: searchParam.optional() };
export const turnedNplFilters = {
  ...periodFilter,
  by: riskBasisParam.default('current').meta({ description: 'current: loans held by the manager (by share) when they turned; originating: loans the manager booked, in full' }),
  line: lineParam.optional(),
  q: searchParam.optional(),
};
export const riskLoanFilters = {
  ...periodFilter,
  by: riskBasisParam.default('current'),
  manager_id: idString.optional().meta({ description: 'Only the loans charged to this manager' }),
};
export const warningFilters = { ...periodFilter, warning: z.enum(WARNING_KINDS).optional(), manager_id: idString.optional() };
export const migrationLoanFilters = {
  ...periodFilter,
  from_class: z.enum([...LOAN_CLASSES, 'new']).optional().meta({ description: 'Class at the period start (new = booked within the period)' }),
  to_class: z.enum(MIGRATION_TO).optional().meta({ description: 'Class at the period end (closed = repaid, sold or written off)' }),
};
export const vintageLoanFilters = {
  origination_quarter: z.string().regex(PERIOD_KEY_OF.quarter, 'must be an origination quarter like 2025-Q3'),
  months_on_book: z.coerce.number().int().min(0).max(600).optional(),
};

/** A query object for an endpoint with these filters, as a client writes it: each optional, null = not given. */
export type Filters<S extends z.ZodRawShape> = { [K in keyof z.input<z.ZodObject<S>>]?: z.input<z.ZodObject<S>>[K] | null };

// ---------------------------------------------------------------------------------------------
// Answers

/** A period the build produced (int_periods): its key, type and dates, as GET /api/periods lists it. */
export const periodRow = z.object({
  period: z.string(),
  period_type: z.enum(PERIOD_TYPES),
  year: z.number(),
  start_date: z.string(),
  end_date: z.string(),
  days: z.number(),
});
export type PeriodRow = z.infer<typeof periodRow>;

/** GET /api/periods: every built period, newest first, and the latest month (every endpoint's default period). */
export const periodsAnswer = z.object({ latest_month: z.string().nullable(), rows: z.array(periodRow) });
export type PeriodsAnswer = z.infer<typeof periodsAnswer>;

/** A column of a list answer: its key, its kind (contract/metrics.ts) and its header in both languages. */
export interface ListColumn {
  key: string;
  kind: ColumnKind;
  label: { zh: string; en: string };
}

/** Every list endpoint's JSON answer (api/respond.ts): a page of rows, the total, and how they were asked for. */
export interface ListBody<R> {
  /** Request context echoed back: period, node, filters. */
  meta: Record<string, unknown>;
  columns: ListColumn[];
  /** The columns whose figures are null because their ledger was not delivered in the period, with the reason (contract/unavailable.ts); {} when every figure rests on a delivered ledger. */
  unavailable: Unavailable;
  rows: R[];
  total: number;
  page: number;
  page_size: number;
  sort: string;
  order: 'asc' | 'desc';
}

/** A decimal from the warehouse: an exact string (yuan with 2 decimals, ratios with 6). */
export type Dec = string | null;

/** The roles of users (api/auth/access.ts grants each its areas). */
export const ROLES = ['head_office', 'branch_president', 'risk_officer', 'manager', 'admin', 'supervisor'] as const;
export type Role = (typeof ROLES)[number];

/** POST /api/auth/login and GET /api/auth/me: what the client may know of the signed-in user. */
export interface Me {
  username: string;
  display_name: string;
  role: Role;
  org_id: string | null;
  manager_id: string | null;
  /** The root of what the user may see (head office: the bank's root). */
  home_org_id?: string | null;
  areas: string[];
}

/** GET /api/orgs: one node of the caller's org tree, depth-first; depth 0 is the scope's root. */
export interface OrgNode {
  org_id: string;
  parent_id: string | null;
  org_name: string;
  level: string;
  depth: number;
  /** How many managers the node's subtree holds (a count: exact text). */
  managers: string;
}

/**
 * A metric of a subject for a period, as mart_*_metrics gives it; for a month (no target of its
 * own) also its year to date against the annual target by elapsed time (mart_month_pace: null
 * outside a month or without an annual target).
 */
export type MetricFigure = {
  metric: string;
  actual: Dec;
  base: Dec;
  target: Dec;
  achievement: Dec;
  growth: Dec;
  ytd_actual?: Dec;
  pace_target?: Dec;
  pace_achievement?: Dec;
  elapsed_share?: Dec;
};

/** A row of a mart as the API sends it: column → value (decimals and big integers as exact text). */
export type Row = Record<string, unknown>;


/** GET /api/orgs/{org_id}. */
/**
 * A main indicator of an evaluation scheme in force that a page shows beside profit contribution
 * (contract/main-indicators.ts): the metric, the scheme's own name of it and its weight.
 */
export interface MainIndicator {
  metric: string;
  label_zh: string | null;
  label_en: string | null;
  weight: Dec;
}

export interface OrgSummary {
  org: { org_id: string; org_name: string; level: string; parent_id: string | null };
  period: string;
  /** The node's row of mart_org_period: every metric column. */
  figures: Row | null;
  /** Every metric against base and target (mart_org_metrics). */
  metrics: MetricFigure[];
  /**
   * The tiles after profit contribution, in order: the main indicators of the node's own
   * institution card, else of the managers' schemes in force under it (those with a figure).
   */
  indicators: MainIndicator[];
  /** Figures (metrics and figures keys) null because their ledger was not delivered in the period, with the reason. */
  unavailable: Unavailable;
  /** Monthly rows of the period's year up to its end. */
  trend: Row[];
}

/** A manager's identity (stg_extract__managers, with the org's name). */
export type ManagerInfo = {
  manager_id: string;
  manager_name: string;
  org_id: string;
  org_name: string;
  line: string;
  grade: string | null;
  hire_date: string | null;
  leave_date: string | null;
};

/** One indicator line of a scorecard (mart_scorecard_indicators). */
export interface ScorecardIndicator {
  indicator_id: string;
  label_zh: string | null;
  label_en: string | null;
  metric: string;
  formula: string;
  weight: Dec;
  /** The weight it counted with: 0 when left out (its ledger not delivered), the others rescaled. */
  applied_weight?: Dec;
  actual: Dec;
  base: Dec;
  target: Dec;
  achievement: Dec;
  points: Dec;
  note?: string | null;
}

/** One bonus or deduction line (mart_scorecard_items). */
export interface ScorecardItem {
  section: 'bonus' | 'deduction' | string;
  item_id: string;
  label_zh: string | null;
  label_en: string | null;
  points: Dec;
}

/** The card's totals (mart_scorecards). */
export interface ScorecardTotals {
  indicator_points?: Dec;
  bonus_points: Dec;
  deduction_points: Dec;
  total_score: Dec;
  grade: string | null;
  peer_rank?: Dec | number;
  percentile?: Dec;
}

export interface Scorecard {
  /** The scoring period (quarter-end year-to-date) that applies to the period asked for. */
  period: string;
  card: ScorecardTotals | null;
  indicators: ScorecardIndicator[];
  items: ScorecardItem[];
  pay: Row | null;
}

/** GET /api/ledgers: one ledger's delivery in a period (mart_ledger_coverage). */
export interface LedgerCoverageRow {
  ledger: 'deposits' | 'loans' | 'fees' | 'sales' | 'visits';
  ledger_kind: 'snapshot' | 'event';
  months: number;
  delivered_months: number;
  ledger_rows: string;
  coverage: 'full' | 'partial' | 'none';
}

/** GET /api/warnings: one item a build warning flagged (build_warnings). */
export interface BuildWarningItem {
  warning: string;
  path: string;
  title_zh: string;
  title_en: string;
  item: number;
  detail: string | null;
}

/** Whether an evaluation scheme was in force for a scoring period (mart_scorecard_schemes). */
export interface SchemeStatus {
  period: string;
  in_force: boolean;
  reason: string | null;
}

/** GET /api/managers/{manager_id}. */
/** One span of a manager's org history (mart_manager_orgs): null valid_from = from the start, null valid_to = still. */
export interface ManagerOrgSpan {
  org_id: string;
  org_name: string | null;
  line: string;
  grade: string | null;
  valid_from: string | null;
  valid_to: string | null;
  is_current: boolean;
}

export interface ManagerPage {
  manager: ManagerInfo;
  /** The orgs the manager belonged to, oldest first (机构履历). */
  org_history?: ManagerOrgSpan[];
  period: string;
  figures: Row | null;
  metrics: MetricFigure[];
  scorecard: Scorecard | null;
  /** The scoring period that applies, and whether a scheme was in force for the manager then. */
  scheme?: SchemeStatus | null;
  /** Figures (metrics, figures, process, risk keys) null because their ledger was not delivered in the period, with the reason. */
  unavailable: Unavailable;
  trend: Row[];
  process: Row | null;
  risk: Row | null;
  /** Concentration of the portfolio and its segment mix (mart_manager_client_concentration), when built. */
  concentration?: Row | null;
}

export interface ClientInfo {
  client_id: string;
  client_name: string;
  client_type: string;
  industry: string | null;
  group_id?: string | null;
  open_date: string | null;
  /** The client's home org (booking org). */
  home_org_id: string | null;
}

/** GET /api/clients/{client_id}. */
export interface ClientPage {
  client: ClientInfo;
  /** Assignments over time: manager_id, manager_name, org_id, share, valid_from, valid_to. */
  holders: Row[];
  /** Monthly mart_client_period rows (period + every metric). */
  history: Row[];
  /** History columns null because their ledger was delivered in none of the months, with the reason. */
  unavailable: Unavailable;
  /** Ledger snapshots, newest first: deposits (account × month) and loans (loan × month, five_class…). */
  ledgers: { deposits: Row[]; loans: Row[] };
}

/** GET /api/orgs/{org_id}/scorecard: the node's institution card, the latest of the year up to the period. */
export interface OrgScorecardAnswer {
  org: { org_id: string; org_name: string; level: string; parent_id: string | null };
  period: string;
  scorecard: { period: string; card: Record<string, unknown>; indicators: Record<string, unknown>[]; items: Record<string, unknown>[] } | null;
  /** Whether an institution scheme was in force for the node (the latest scoring period up to `period`), and why. */
  scheme: SchemeStatus | null;
}

// ---------------------------------------------------------------------------------------------
// Evaluation entries (issue 21): what people judge on a scorecard

/** Points as entered: a number with at most two decimals (sent as a number or as text). */
export const entryPoints = z
  .union([z.number(), z.string()])
  .transform((x) => (typeof x === 'number' ? String(x) : x.trim()))
  .pipe(z.string().regex(/^-?\d{1,5}(\.\d{1,2})?$/, 'must be a number with at most two decimals'));

/** An id of a scheme's item (lowercase, digits, _). */
export const itemId = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be an item id of the scheme (lowercase letters, digits, _)');

/** One entry: points (or a rating of the indicator's scale), null to withdraw it; a note says why. */
export const entryRow = z.strictObject({
  item_id: itemId,
  points: entryPoints.nullable().optional().meta({ description: 'Points; null withdraws the entry; omit when giving a rating' }),
  rating: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'must be a rating of the indicator\'s scale').optional(),
  note: z.string().trim().min(1, 'a note says why (required)').max(500, 'must be at most 500 characters'),
});

/** POST /api/managers/{manager_id}/scorecard/entries. */
export const cardEntriesBody = z.strictObject({
  period: periodKey.meta({ description: 'The scoring period of the card, e.g. 2026-06-ytd' }),
  entries: z.array(entryRow).min(1, 'at least one entry').max(100, 'at most 100 entries a request'),
});

/** POST /api/orgs/{org_id}/scorecard-entries (the batch grid). */
export const gridEntriesBody = z.strictObject({
  period: periodKey,
  rows: z.array(entryRow.extend({ manager_id: idString })).min(1, 'at least one row').max(5000, 'at most 5,000 rows a request'),
});

export const scoringPeriodQuery = { period: periodKey.optional().meta({ description: 'The scoring period (2026-06-ytd); default: the card that applies to the latest month' }) };

/** What a card lets people enter (warehouse/queries/entries.ts). */
export interface EnterableItem {
  kind: 'indicator' | 'item';
  item_id: string;
  section: 'indicator' | 'bonus' | 'deduction';
  label_zh: string | null;
  label_en: string | null;
  min_points: string | null;
  max_points: string | null;
  entered_by: string[];
  scale: { rating: string; label_zh: string; label_en: string; points: string }[] | null;
}

/** An entry in force or a line of the audit trail; source 'file' = a row of the delivery's adjustments file. */
export interface EntryRow {
  seq: string | null;
  at: string | null;
  source: 'card' | 'grid' | 'upload' | 'file';
  kind: 'indicator' | 'item';
  item_id: string;
  label_zh: string | null;
  label_en: string | null;
  old_value: string | null;
  value: string | null;
  rating: string | null;
  note: string | null;
  by_user: string | null;
  by_name: string | null;
  by_role: string | null;
}

/** GET /api/managers/{manager_id}/scorecard/entries. */
export interface CardEntries {
  period: string;
  manager_id: string;
  /** The card's review state (issue 22). */
  review_state: ReviewState;
  /** Past scoring (entriesFrozen): entries are refused, the page says why instead of the form. */
  frozen: boolean;
  /** The items the caller may enter on this card (empty when they may enter none). */
  enterable: EnterableItem[];
  /** Every enterable item of the card (what the entries are about). */
  items: EnterableItem[];
  entries: EntryRow[];
}
