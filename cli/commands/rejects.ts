import { dbOption, resolveDbPath, UsageError, type Command, type OptionSpec } from '../command.ts';
import { Warehouse } from '../../warehouse/db.ts';
import { listRejects } from '../../ingest/log.ts';
import { formatTable } from '../progress.ts';
import { toCsv } from '../../report/csv.ts';
import { columnsOf } from '../../report/table.ts';

export type OutputFormat = 'table' | 'csv' | 'json';

export const formatOption: OptionSpec = { type: 'string', help: 'FMT   table (default), csv or json' };

export function parseFormat(value: unknown): OutputFormat {
  const f = (value ?? 'table') as string;
  if (f !== 'table' && f !== 'csv' && f !== 'json') throw new UsageError('--format is table, csv or json');
  return f;
}

/** Rows as CSV (report/csv.ts: BOM, exact values) or JSON. */
export function writeRows(out: NodeJS.WritableStream, format: 'csv' | 'json', rows: Record<string, unknown>[]): void {
  if (format === 'json') {
    out.write(JSON.stringify(rows, null, 2) + '\n');
    return;
  }
  const keys = rows[0] ? Object.keys(rows[0]) : [];
  out.write(toCsv({ columns: columnsOf(keys), rows }, 'en'));
}

const rejects: Command = {
  name: 'rejects',
  summary: 'List the rows a load set aside: file, line, column, value and reason',
  usage: '[--db FILE] [--load ID] [--limit N] [--format table|csv|json]',
  description: 'Without --load, shows the rejects of the latest load that had any.',
  options: {
    db: dbOption,
    load: { type: 'string', help: 'ID    the load (see `jixiao loads`)' },
    limit: { type: 'string', help: 'N     at most N rows (default 10000)' },
    format: formatOption,
  },
  async run({ values, out }) {
    const format = parseFormat(values.format);
    const loadId = values.load === undefined ? undefined : Number(values.load);
    if (loadId !== undefined && !Number.isInteger(loadId)) throw new UsageError('--load is a load id (a whole number)');
    const limit = values.limit === undefined ? 10000 : Number(values.limit);
    if (!Number.isInteger(limit) || limit <= 0) throw new UsageError('--limit is a positive whole number');
    const wh = await Warehouse.open(resolveDbPath(values.db), { readOnly: true });
    try {
      const rows = await listRejects(wh, loadId, limit);
      if (format !== 'table') return writeRows(out, format, rows), 0;
      out.write(rows.length === 0 ? 'no rejects\n' : formatTable(
        [
          { key: 'load_id', title: 'load', align: 'right' }, { key: 'file_name', title: 'file' },
          { key: 'line', title: 'line', align: 'right' }, { key: 'column_name', title: 'column' },
          { key: 'value', title: 'value' }, { key: 'reason', title: 'reason' },
        ],
        rows,
      ));
      return 0;
    } finally {
      wh.close();
    }
  },
};
export default rejects;
