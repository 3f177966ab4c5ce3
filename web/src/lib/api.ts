// The one API client: every request the web makes goes through here, and components never build
// URLs by hand. Sign-in is a session cookie set by POST /api/auth/login; downloads
// (?format=csv|xlsx) are plain links, which carry the cookie too. The shapes the API answers with
// come from contract/api.ts, as the server's handlers use them.
import type { ReviewAction, ReviewLine as ContractReviewLine, ReviewState } from '../../../contract/review.ts';
import type { poolBody, reviewActionBody, talkBody } from '../../../contract/review-bodies.ts';
import type { z } from 'zod';
import type {
  CardEntries,
  cardEntriesBody,
  EnterableItem,
  gridEntriesBody,
  clientFilters,
  ClientPage,
  Filters,
  leagueFilters,
  peerFilters,
  migrationLoanFilters,
  periodFilter,
  riskLoanFilters,
  segmentFilters,
  turnedNplFilters,
  vintageLoanFilters,
  warningFilters,
  ListBody,
  ManagerPage,
  Me,
  OrgNode,
  OrgSummary,
  OrgScorecardAnswer,
  orgScorecardFilters,
  PeriodRow,
  PeriodsAnswer,
  Role,
  Row,
} from '../../../contract/api.ts';

import { CLIENT_SEGMENTS, isCode, ORG_LEVELS, type Line, type MigrationFrom, type MigrationTo, type RiskBasis, type WarningKind } from '../../../contract/codes.ts';

// The answers' shapes and the parameters' codes, for the views that show them.
export type * from '../../../contract/api.ts';
export type * from '../../../contract/codes.ts';

/** An RFC 9457 problem returned by the API. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly problem?: unknown,
  ) {
    super(message);
  }
}

type QueryValue = string | number | null | undefined;
export type Query = Record<string, QueryValue>;

/** Builds /api/<path>?<query>, dropping empty values (the API refuses unknown and empty keys). */
export function apiUrl(path: string, query: Query = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return `/api/${path.replace(/^\//, '')}${s ? `?${s}` : ''}`;
}

/** Called on 401 (session expired): the app sends the user to the login page. */
let onUnauthorized: (() => void) | null = null;
export function setUnauthorizedHandler(fn: () => void): void {
  onUnauthorized = fn;
}

async function request<T>(method: 'GET' | 'POST', path: string, query: Query = {}, body?: unknown): Promise<T> {
  const res = await fetch(apiUrl(path, query), {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) {
    let problem: unknown;
    let detail = res.statusText;
    try {
      problem = await res.json();
      const d = (problem as { detail?: unknown }).detail;
      if (typeof d === 'string') detail = d;
    } catch {
      /* not JSON */
    }
    if (res.status === 401 && !path.startsWith('auth/')) onUnauthorized?.();
    throw new ApiError(res.status, detail, problem);
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/**
 * GET answers are kept for a short while: figures change only when the warehouse is rebuilt, and
 * Back, a re-visited page or a prefetched link then answer at once. Signing in or out clears it.
 */
const CACHE_MS = 120_000;
const cache = new Map<string, { at: number; value: Promise<unknown> }>();

export function clearCache(): void {
  cache.clear();
}

export function get<T>(path: string, query?: Query): Promise<T> {
  const key = apiUrl(path, query);
  const hit = cache.get(key);
  if (hit && performance.now() - hit.at < CACHE_MS) return hit.value as Promise<T>;
  const value = request<T>('GET', path, query);
  cache.set(key, { at: performance.now(), value });
  // A failed answer is not kept: the next attempt asks again.
  value.catch(() => cache.delete(key));
  return value;
}
export const post = <T>(path: string, body?: unknown) => request<T>('POST', path, {}, body);

/** Links to the CSV and Excel downloads of a list endpoint, with the same filters as on screen. */
export function exportHrefs(path: string, query: Query, lang: string): { csv: string; xlsx: string } {
  const q = { ...query, page: undefined, page_size: undefined, lang };
  return { csv: apiUrl(path, { ...q, format: 'csv' }), xlsx: apiUrl(path, { ...q, format: 'xlsx' }) };
}

// ---------------------------------------------------------------------------------------------
// Endpoints (api/README.md). Decimals arrive as exact strings; the web never recomputes them.

export const auth = {
  login: (username: string, password: string) => {
    clearCache();
    return post<Me>('auth/login', { username, password });
  },
  logout: () => {
    clearCache();
    return post<{ ok: true }>('auth/logout');
  },
  me: () => request<Me>('GET', 'auth/me'),
};

export const meta = {
  /** The built periods as the API lists them (key, type, dates), newest first, and the default one. */
  async periods(): Promise<{ periods: PeriodRow[]; default: string | null }> {
    const body = await get<PeriodsAnswer>('periods');
    return { periods: body.rows, default: body.latest_month };
  },
  orgs: () => get<{ rows: OrgNode[] }>('orgs'),
};

/** A list with the links to its CSV and Excel downloads (same filters, every row). */
export interface Listed<R> extends ListBody<R> {
  exports: { csv: string; xlsx: string };
}

/** The view every figure depends on. */
export interface View {
  period: string | null;
  line: Line | null;
  lang: 'zh' | 'en';
}

/** Fetches a whole list (the largest page the API allows) and the links to its downloads. */
async function list<R = Row>(path: string, query: Query, lang: string): Promise<Listed<R>> {
  const body = await get<ListBody<R>>(path, { ...query, page_size: 500 });
  return { ...body, exports: exportHrefs(path, query, lang) };
}


export const institutions = {
  summary: (orgId: string, v: View) => get<OrgSummary>(`orgs/${encodeURIComponent(orgId)}`, { period: v.period } satisfies Filters<typeof periodFilter>),
  /** The node's children side by side, with per-manager averages and percentiles among siblings. */
  benchmark: (orgId: string, v: View) => list(`orgs/${encodeURIComponent(orgId)}/benchmark`, { period: v.period } satisfies Filters<typeof periodFilter>, v.lang),
  /** Every node of a level under the node, side by side (level, parent and size-group filters). */
  peers: (orgId: string, v: View, f: Omit<Filters<typeof peerFilters>, 'period'>) =>
    list(`orgs/${encodeURIComponent(orgId)}/peers`, { period: v.period, ...f } satisfies Filters<typeof peerFilters>, v.lang),
  /** The unassigned bucket (未分配) of each node of the subtree with any; the node's own row is the one with its org_id. */
  unassigned: (orgId: string, v: View) => list(`orgs/${encodeURIComponent(orgId)}/unassigned`, { period: v.period, page_size: 200 }, v.lang),
  /** The node's institution card (the latest of the year up to the period), every point explained; null when none. */
  scorecard: (orgId: string, v: View) => get<OrgScorecardAnswer>(`orgs/${encodeURIComponent(orgId)}/scorecard`, { period: v.period } satisfies Filters<typeof periodFilter>),
  /** The institution cards of the subtree (one level when given), the latest of the year up to the period. */
  scorecards: (orgId: string, v: View, level: (typeof ORG_LEVELS)[number] | null = null) =>
    list(`orgs/${encodeURIComponent(orgId)}/scorecards`, { period: v.period, level } satisfies Filters<typeof orgScorecardFilters>, v.lang),
  /** The target cascade of the subtree for a period of the targets file (default: the latest planned year). */
  cascade: (orgId: string, v: View, period: string | null = null) =>
    list(`orgs/${encodeURIComponent(orgId)}/target-cascade`, { period, sort: 'org_id', order: 'asc' }, v.lang),
};

export const managers = {
  /** League table of the managers in a node's subtree; `grade` is the managers' own grade (A/B/C…). */
  league: (orgId: string, v: View, grade: string | null) =>
    list(`orgs/${encodeURIComponent(orgId)}/managers`, { period: v.period, line: v.line, grade } satisfies Filters<typeof leagueFilters>, v.lang),
};

export const manager = {
  page: (id: string, v: View) => get<ManagerPage>(`managers/${encodeURIComponent(id)}`, { period: v.period } satisfies Filters<typeof periodFilter>),
};

export const client = {
  page: (id: string) => get<ClientPage>(`clients/${encodeURIComponent(id)}`),
};

/** What people judge on a card (issue 21): read fresh (they change without a rebuild), written with a note. */
export const cardEntries = {
  load: (managerId: string, period: string) => request<CardEntries>('GET', `managers/${encodeURIComponent(managerId)}/scorecard/entries`, { period }),
  /** Writes all rows or none; the kept answers (the card, the league) are dropped so the page re-reads them. */
  async save(managerId: string, body: z.input<typeof cardEntriesBody>) {
    const answer = await post<{ written: number }>(`managers/${encodeURIComponent(managerId)}/scorecard/entries`, body);
    clearCache();
    return answer;
  },
  historyHrefs: (managerId: string, period: string, lang: string) => exportHrefs(`managers/${encodeURIComponent(managerId)}/scorecard/history`, { period }, lang),
};

/** GET /api/orgs/{org_id}/scorecard-entries: the batch grid. */
export interface EntryGrid {
  period: string;
  org_id: string;
  items: EnterableItem[];
  enterable: string[];
  rows: { manager_id: string; manager_name: string; org_name: string; line: string; scheme_id: string; review_state: ReviewState; frozen: boolean; values: Record<string, { value: string | null; rating: string | null; by_name: string; at: string } | null> }[];
}

/** The batch grid of a node (issue 21): read fresh, written as JSON rows or as the filled Excel template. */
export const entryGrid = {
  load: (orgId: string, period: string) => request<EntryGrid>('GET', `orgs/${encodeURIComponent(orgId)}/scorecard-entries`, { period }),
  templateHref: (orgId: string, period: string, lang: string) => apiUrl(`orgs/${encodeURIComponent(orgId)}/scorecard-entries`, { period, format: 'xlsx', lang }),
  async save(orgId: string, body: z.input<typeof gridEntriesBody>) {
    const answer = await post<{ written: number }>(`orgs/${encodeURIComponent(orgId)}/scorecard-entries`, body);
    clearCache();
    return answer;
  },
  async upload(orgId: string, period: string, file: Blob) {
    const res = await fetch(apiUrl(`orgs/${encodeURIComponent(orgId)}/scorecard-entries/upload`, { period }), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      body: file,
    });
    const body = (await res.json()) as { written?: number; detail?: string };
    if (!res.ok) throw new ApiError(res.status, body.detail ?? res.statusText, body);
    clearCache();
    return body as { written: number };
  },
};

export const portfolio = {
  /**
   * A manager's clients ranked by contribution, with segment and loyalty (the segmented portfolio,
   * built for quarters, halves, years and the latest month); for other periods, the plain list of
   * the manager's clients and their figures.
   */
  async clients(managerId: string, v: View, segment: string | null = null): Promise<Listed<Row>> {
    // A segment that is not one (a hand-edited link) is refused as the API would refuse it.
    if (segment === null || isCode(CLIENT_SEGMENTS, segment)) {
      try {
        const ranked = await list(`managers/${encodeURIComponent(managerId)}/portfolio`, { period: v.period, segment } satisfies Filters<typeof segmentFilters>, v.lang);
        if (ranked.rows.length > 0 || segment) return ranked;
      } catch (e) {
        if (!(e instanceof ApiError) || ![400, 404, 503].includes(e.status)) throw e;
      }
    }
    return list(`managers/${encodeURIComponent(managerId)}/clients`, { ...({ period: v.period } satisfies Filters<typeof clientFilters>), sort: 'profit_contribution' }, v.lang);
  },
  /** Early warnings on a manager's clients (special mention, rising overdue days, outflows, lost clients). */
  warnings: (managerId: string, orgId: string, v: View) =>
    list(`orgs/${encodeURIComponent(orgId)}/risk/warnings`, { period: v.period, manager_id: managerId } satisfies Filters<typeof warningFilters>, v.lang),
};

/** What a risk figure drills into: the loans behind it (mart_turned_npl_loans). */
export interface LoanDrill {
  by: RiskBasis;
  manager_id?: string;
}

export const risk = {
  /** Managers ranked by turned-NPL loans: as holder then (`current`) or as the one who booked them (`originating`). */
  turnedNpl: (orgId: string, v: View, by: RiskBasis) => list(`orgs/${encodeURIComponent(orgId)}/risk/turned-npl`, { period: v.period, by } satisfies Filters<typeof turnedNplFilters>, v.lang),
  migration: (orgId: string, v: View) => get<{ period: string; org_id: string; rows: Row[] }>(`orgs/${encodeURIComponent(orgId)}/risk/migration`, { period: v.period } satisfies Filters<typeof periodFilter>),
  vintage: (orgId: string) => get<{ org_id: string; rows: Row[] }>(`orgs/${encodeURIComponent(orgId)}/risk/vintage`),
  loans: (orgId: string, v: View, drill: LoanDrill) => list(`orgs/${encodeURIComponent(orgId)}/risk/loans`, { period: v.period, ...drill } satisfies Filters<typeof riskLoanFilters>, v.lang),
  /** The loans of one migration-matrix cell (class at the period start → class at its end). */
  migrationLoans: (orgId: string, v: View, from: MigrationFrom, to: MigrationTo) =>
    list(`orgs/${encodeURIComponent(orgId)}/risk/migration/loans`, { period: v.period, from_class: from, to_class: to } satisfies Filters<typeof migrationLoanFilters>, v.lang),
  /** The loan snapshots of one vintage point (origination quarter × months on book). */
  vintageLoans: (orgId: string, v: View, quarter: string, monthsOnBook: number) =>
    list(`orgs/${encodeURIComponent(orgId)}/risk/vintage/loans`, { origination_quarter: quarter, months_on_book: String(monthsOnBook) } satisfies Filters<typeof vintageLoanFilters>, v.lang),
  warnings: (orgId: string, v: View, managerId: string | null = null, warning: WarningKind | null = null) =>
    list(`orgs/${encodeURIComponent(orgId)}/risk/warnings`, { period: v.period, manager_id: managerId, warning } satisfies Filters<typeof warningFilters>, v.lang),
};

// ---------------------------------------------------------------------------------------------
// The review cycle (issue 22): read fresh (it changes without a rebuild); a write drops the kept
// answers so the card, the queue and the payroll are read again.

/** A line of the card's review as the API sends it (no snapshot, no batch). */
export type ReviewLine = Omit<ContractReviewLine, 'snapshot' | 'batch'>;

export interface CardReview {
  period: string;
  manager_id: string;
  state: ReviewState;
  signed: number;
  chain: Role[];
  appeal_days: number;
  appeal_until: string | null;
  waiting_for: { who: string; action: ReviewAction } | null;
  may: ReviewAction[];
  may_talk: boolean;
  /** Allocations of the public pools to this manager for the period. */
  pool: { org_id: string; org_name: string; amount: string; reason: string; by_name: string; at: string }[];
  locked: null | { at: string; by_name: string; moved: { field: string; locked: unknown; now: unknown }[]; payable: { paid_pay: string; paid_before: string; payable: string } | null };
  lines: ReviewLine[];
}

export interface ReviewQueue {
  period: string;
  waiting: { manager_id: string; manager_name: string; org_name: string; state: ReviewState; action: ReviewAction }[];
  /** Every card of the period in the caller's scope, with its state. */
  cards: { manager_id: string; manager_name: string; org_id: string; org_name: string; state: ReviewState }[];
  counts: { org_id: string; org_name: string; state: ReviewState; cards: string }[];
}

/** GET /api/orgs/{org_id}/pool: an org's public pool (公共绩效池) and its allocations in force. */
export interface OrgPool {
  period: string;
  org_id: string;
  pool_total: string;
  /** Allocated from this org's pool. */
  allocated: string;
  /** Allocated from the pools of the orgs under it (the same money: config/schemes/README.md). */
  allocated_below: string;
  /** What the org may still allocate: the least headroom of its pool and its ancestors'. */
  remaining: string;
  /** The org whose pool bounds `remaining` (itself unless an ancestor's pool has less left). */
  limited_by: string | null;
  allocations: { manager_id: string; manager_name: string | null; amount: string; reason: string; by_name: string; at: string }[];
}

export const reviews = {
  load: (managerId: string, period: string) => request<CardReview>('GET', `managers/${encodeURIComponent(managerId)}/review`, { period }),
  async act(managerId: string, body: z.input<typeof reviewActionBody>) {
    const answer = await post<CardReview>(`managers/${encodeURIComponent(managerId)}/review`, body);
    clearCache();
    return answer;
  },
  async talk(managerId: string, body: z.input<typeof talkBody>) {
    const answer = await post<CardReview>(`managers/${encodeURIComponent(managerId)}/review/talk`, body);
    clearCache();
    return answer;
  },
  queue: (period: string | null) => request<ReviewQueue>('GET', 'reviews', { period }),
  payrollHrefs: (orgId: string, period: string, lang: string) => exportHrefs(`orgs/${encodeURIComponent(orgId)}/payroll`, { period }, lang),
  pool: (orgId: string, period: string) => request<OrgPool>('GET', `orgs/${encodeURIComponent(orgId)}/pool`, { period }),
  /** Allocates (all or none); the kept answers (the cards, the payroll) are dropped. */
  async allocate(orgId: string, body: z.input<typeof poolBody>) {
    const answer = await post<OrgPool>(`orgs/${encodeURIComponent(orgId)}/pool`, body);
    clearCache();
    return answer;
  },
};
