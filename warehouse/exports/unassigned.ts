// `jixiao export unassigned`: the unassigned bucket (未分配) for a period — one row per org node whose
// subtree booked business no manager held, with every metric of mart_org_unassigned_period, in tree
// order. A node's row plus its managers (`jixiao export managers --org`) add up to the node
// (`jixiao export orgs`).
import type { Warehouse } from '../db.ts';
import { martColumnsExcept } from './_common.ts';
import { codeSchema } from '../schema-version.ts';
import type { ExportKind, ExportRequest } from './_kind.ts';
import { columnsOf } from '../../report/table.ts';
import { orgUnassigned, unassignedLeading } from '../queries/unassigned.ts';
import { wholeBank } from '../queries/scope.ts';
import { readerOf } from '../queries/reader.ts';

const unassigned: ExportKind = {
  kind: 'unassigned',
  summary: 'one row per org node with unassigned business (未分配) in its subtree: every metric',
  idColumn: 'org_id',
  sheet: 'unassigned',
  async table(wh: Warehouse, req: ExportRequest) {
    const metrics = martColumnsExcept((await codeSchema()).catalog, 'mart_org_unassigned_period', unassignedLeading);
    // the CLI reads the warehouse it opened, with the whole bank in scope
    const rows = await orgUnassigned(readerOf(wh), wholeBank, { orgId: req.org ?? null, period: req.period });
    return { columns: columnsOf([...unassignedLeading, ...metrics]), rows };
  },
};
export default unassigned;
