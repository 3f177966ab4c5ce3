// The one API client: every request the web makes goes through here, and components never build
// URLs by hand. Sign-in is a session cookie set by POST /api/auth/login; downloads
// (?format=csv|xlsx) are plain links, which carry the cookie too.

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

export const get = <T>(path: string, query?: Query) => request<T>('GET', path, query);
export const post = <T>(path: string, body?: unknown) => request<T>('POST', path, {}, body);

/** Links to the CSV and Excel downloads of a list endpoint, with the same filters as on screen. */
export function exportHrefs(path: string, query: Query, lang: string): { csv: string; xlsx: string } {
  const q = { ...query, page: undefined, page_size: undefined, lang };
  return { csv: apiUrl(path, { ...q, format: 'csv' }), xlsx: apiUrl(path, { ...q, format: 'xlsx' }) };
}

// ---------------------------------------------------------------------------------------------
// Endpoints (api/README.md). Decimals arrive as exact strings; the web never recomputes them.

/** A decimal from the warehouse: an exact string (yuan with 2 decimals, ratios with 6). */
export type Dec = string | null;

export type Role = 'head_office' | 'branch_president' | 'risk_officer' | 'manager' | 'admin';

export interface Me {
  username: string;
  display_name: string;
  role: Role;
  org_id: string | null;
  manager_id: string | null;
  areas: string[];
}

export const auth = {
  login: (username: string, password: string) => post<Me>('auth/login', { username, password }),
  logout: () => post<{ ok: true }>('auth/logout'),
  me: () => get<Me>('auth/me'),
};

export interface PeriodRow {
  period: string;
  period_type: 'month' | 'quarter' | 'half' | 'year' | 'ytd';
  year: number;
  start_date: string;
  end_date: string;
  days: number;
}

export interface OrgNode {
  org_id: string;
  parent_id: string | null;
  org_name: string;
  level: string;
  depth: number;
  managers: number | string;
}

export const meta = {
  async periods(): Promise<{ periods: string[]; default: string | null }> {
    const body = await get<{ latest_month: string | null; rows: PeriodRow[] }>('periods');
    return { periods: body.rows.map((r) => r.period), default: body.latest_month };
  },
  orgs: () => get<{ rows: OrgNode[] }>('orgs'),
};
