// Typed reads of the scheme resolution the last build made (mart_scorecard_schemes), for
// `jixiao scheme list`. Nothing is resolved here: the SQL model is the one definition.
import type { Warehouse } from '../db.ts';

export interface SchemeUse {
  scheme_id: string | null;
  org_id: string;
  org_level: string | null;
  line: string;
  managers: number;
  reason: string;
}

/** True when the warehouse holds a built scheme resolution. */
export async function hasResolution(wh: Warehouse): Promise<boolean> {
  const rows = await wh.query<{ n: string }>(
    `select count(*)::varchar as n from duckdb_tables() where table_name = 'mart_scorecard_schemes'`,
  );
  return rows[0]?.n === '1';
}

/** Scoring periods of the last build, latest first. */
export async function scoringPeriods(wh: Warehouse): Promise<string[]> {
  const rows = await wh.query<{ period: string }>(
    `select distinct period from mart_scorecard_schemes order by period desc`,
  );
  return rows.map((r) => r.period);
}

/** Which scheme scores the managers of each org node in a period, how many, and why. */
export async function schemeUses(wh: Warehouse, period: string): Promise<SchemeUse[]> {
  const rows = await wh.query<Omit<SchemeUse, 'managers'> & { managers: string }>(
    `select scheme_id, org_id, org_level, line, count(*)::varchar as managers, any_value(reason) as reason
     from mart_scorecard_schemes
     where period = $period
     group by scheme_id, org_id, org_level, line
     order by scheme_id nulls last, line, org_id`,
    { period },
  );
  return rows.map((r) => ({ ...r, managers: Number(r.managers) }));
}

export interface SchemeSummary {
  scheme_id: string | null;
  line: string;
  scheme_org_id: string | null;
  scheme_org_level: string | null;
  managers: number;
  orgs: number;
  overridden: string | null;
}

/** Per scheme in force in a period: whose org it is, how many managers and org nodes it scores, what it overrides. */
export async function schemeSummary(wh: Warehouse, period: string): Promise<SchemeSummary[]> {
  const rows = await wh.query<Omit<SchemeSummary, 'managers' | 'orgs'> & { managers: string; orgs: string }>(
    `select r.scheme_id, r.line, r.scheme_org_id, o.level as scheme_org_level,
       count(*)::varchar as managers, count(distinct r.org_id)::varchar as orgs,
       string_agg(distinct r.overridden, '; ') as overridden
     from mart_scorecard_schemes as r
     left join stg_extract__orgs as o on o.org_id = r.scheme_org_id
     where r.period = $period
     group by r.scheme_id, r.line, r.scheme_org_id, o.level
     order by r.scheme_id nulls last, r.line`,
    { period },
  );
  return rows.map((r) => ({ ...r, managers: Number(r.managers), orgs: Number(r.orgs) }));
}

/** The scheme ids the last build loaded (cfg_schemes). */
export async function builtSchemeIds(wh: Warehouse): Promise<string[]> {
  const rows = await wh.query<{ scheme_id: string }>(`select scheme_id from cfg_schemes order by scheme_id`);
  return rows.map((r) => r.scheme_id);
}

/** Of these org ids, those the warehouse's org tree does not hold. */
export async function missingOrgs(wh: Warehouse, orgIds: string[]): Promise<string[]> {
  if (orgIds.length === 0) return [];
  const rows = await wh.query<{ org_id: string }>(
    `select unnest($ids::varchar[]) as org_id except select org_id from stg_extract__orgs order by org_id`,
    { ids: `[${orgIds.join(',')}]` },
  );
  return rows.map((r) => r.org_id);
}

/** When the last successful build ran, if the build log exists. */
export async function lastBuild(wh: Warehouse): Promise<string | null> {
  try {
    const rows = await wh.query<{ at: string | null }>(
      `select max(finished_at)::varchar as at from build_log where status = 'built'`,
    );
    return rows[0]?.at ?? null;
  } catch {
    return null;
  }
}
