// `jixiao export org-scorecards --period P`: one row per institution card of a scoring period (a
// quarter-end year-to-date: 2026-06-ytd; 2026-Q2 and 2026 mean their year to date): points,
// bonus, deductions, total, grade, rank among siblings and the level (mart_org_scorecards), the
// rows of GET /api/orgs/{org_id}/scorecards through the same read function. --org: its subtree.
import { columnsOf as catalogColumns, orgScorecardRows, orgScorecardTable, scoredOrgPeriod } from '../queries/org-scorecards.ts';
import { martRows } from '../queries/mart-rows.ts';
import { codeSchema } from '../schema-version.ts';
import { columnsOf } from '../../report/table.ts';
import { readerOf } from './_common.ts';
import { wholeBank } from '../queries/scope.ts';
import { ExportRequestError, type ExportKind } from './_kind.ts';

const orgScorecards: ExportKind = {
  kind: 'org-scorecards',
  summary: 'one row per institution card: points, bonus, deductions, total, grade, rank among siblings and the level (quarter-end ytd)',
  idColumn: 'org_id',
  sheet: 'org scorecards',
  async table(wh, req) {
    const reader = readerOf(wh);
    const period = await scoredOrgPeriod(reader, req.period);
    if (!period) throw new ExportRequestError(`no institution cards for ${req.period}: scoring runs at quarter ends on year-to-date figures (2026-Q2 means 2026-06-ytd)`);
    const { catalog } = await codeSchema();
    const keys = catalogColumns(catalog, orgScorecardTable);
    const rows = await martRows(reader, catalog, orgScorecardRows(keys), { scope: wholeBank, orgId: req.org ?? null, period }, 'level, total_score desc, org_id');
    return { columns: columnsOf(keys), rows: rows.map((r) => Object.fromEntries(keys.map((k) => [k, r[k]]))) };
  },
};
export default orgScorecards;
