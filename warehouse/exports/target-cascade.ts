// `jixiao export target-cascade --period P`: the target cascade of a period of the targets file
// (2026, 2026-H1, 2026-Q2 — a year may be planned before its months are loaded): each node's own,
// derived, children's and managers' targets and the gaps (mart_target_cascade), the rows of
// GET /api/orgs/{org_id}/target-cascade through the same read function. --org: its subtree.
import { martExport } from './_mart.ts';
import { cascadePeriods, cascadeRows } from '../queries/org-scorecards.ts';
import { columnsOf } from '../../report/table.ts';
import { readerOf } from './_common.ts';
import type { ExportKind } from './_kind.ts';

const keys = [
  'period', 'year', 'target_period', 'org_id', 'org_name', 'parent_id', 'level', 'metric', 'base', 'own_target', 'derived_target',
  'target', 'target_derived', 'child_count', 'targeted_child_count', 'children_target', 'children_gap', 'targeted_manager_count',
  'managers_target', 'managers_gap', 'own_managers_target', 'carried_target', 'is_gap',
];

export default {
  ...martExport({
    kind: 'target-cascade',
    summary: 'the target cascade of a targets period: own, derived, children’s and managers’ targets and the gaps per node and metric',
    idColumn: 'org_id',
    sheet: 'target cascade',
    columns: columnsOf(keys),
    rows: cascadeRows(keys),
    order: 'metric, level, org_id',
  }),
  periods: (wh) => cascadePeriods(readerOf(wh)),
} satisfies ExportKind;
