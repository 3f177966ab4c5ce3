// `jixiao export payroll --org B1 --period 2026-06-ytd`: the payroll of a node's subtree for a
// scoring period (issue 22) — its locked cards only, each with the pay as locked, what the year's
// earlier locks paid, the payable fixed at the lock, the public pool allocated and the total. The
// same read as GET /api/orgs/{org_id}/payroll (warehouse/queries/reviews.ts payroll), over the
// server's review file `<db>.reviews.jsonl`, read while a server writes it.
import { existsSync } from 'node:fs';
import type { Warehouse } from '../db.ts';
import type { ExportKind, ExportRequest } from './_kind.ts';
import { ExportRequestError } from './_kind.ts';
import { columnsOf } from '../../report/table.ts';
import { payroll as payrollRows, payrollColumns } from '../queries/reviews.ts';
import { isScoringPeriod } from '../../contract/periods.ts';
import { wholeBank } from '../queries/scope.ts';
import { readerOf } from '../queries/reader.ts';

const payroll: ExportKind = {
  kind: 'payroll',
  summary: 'the payroll of the locked cards of a node for a scoring period (--org ID --period 2026-06-ytd): pay, payable, public pool',
  idColumn: 'manager_id',
  sheet: 'payroll',
  /** Only scoring periods (quarter-end year to date) have cards, hence a payroll. */
  async periods(wh: Warehouse) {
    const built = await wh.query<{ period: string }>(`select period from mart_periods order by end_date desc`);
    return built.map((r) => r.period).filter(isScoringPeriod);
  },
  async table(wh: Warehouse, req: ExportRequest) {
    if (!req.org) throw new ExportRequestError('payroll: --org ID is required (the node whose payroll it is)');
    if (!req.reviewsFile) throw new ExportRequestError('payroll: no review file given');
    const rows = existsSync(req.reviewsFile) ? await payrollRows(readerOf(wh), req.reviewsFile, wholeBank, req.org, req.period) : [];
    return { columns: columnsOf([...payrollColumns]), rows };
  },
};
export default payroll;
