import { dbOption, resolveDbPath, UsageError, type Command } from '../command.ts';
import { Warehouse } from '../../warehouse/db.ts';
import { listLoadFiles, listLoads } from '../../ingest/log.ts';
import { formatTable } from '../progress.ts';
import { writeRows, formatOption, parseFormat } from './rejects.ts';

const loads: Command = {
  name: 'loads',
  summary: 'List the load log: deliveries loaded, refused or unchanged, with row counts',
  usage: '[--db FILE] [--load ID] [--limit N] [--format table|csv|json]',
  description: 'With --load ID, lists that load\'s files: kind, encoding, bytes, sha256 and row counts.',
  options: {
    db: dbOption,
    load: { type: 'string', help: 'ID    show the files of one load' },
    limit: { type: 'string', help: 'N     newest N loads (default 50)' },
    format: formatOption,
  },
  async run({ values, out }) {
    const format = parseFormat(values.format);
    const limit = values.limit === undefined ? 50 : Number(values.limit);
    if (!Number.isInteger(limit) || limit <= 0) throw new UsageError('--limit is a positive whole number');
    const loadId = values.load === undefined ? undefined : Number(values.load);
    if (loadId !== undefined && !Number.isInteger(loadId)) throw new UsageError('--load is a load id (a whole number)');
    const wh = await Warehouse.open(resolveDbPath(values.db), { readOnly: true });
    try {
      if (loadId !== undefined) {
        const files = await listLoadFiles(wh, loadId);
        if (format !== 'table') return writeRows(out, format, files), 0;
        out.write(files.length === 0 ? `no files recorded for load ${loadId}\n` : formatTable(
          [
            { key: 'file_name', title: 'file' }, { key: 'kind', title: 'kind' }, { key: 'encoding', title: 'encoding' },
            { key: 'bytes', title: 'bytes', align: 'right' }, { key: 'rows_read', title: 'read', align: 'right' },
            { key: 'rows_loaded', title: 'loaded', align: 'right' }, { key: 'rows_rejected', title: 'rejected', align: 'right' },
            { key: 'sha256', title: 'sha256' }, { key: 'extra_columns', title: 'extra columns' },
          ],
          files,
        ));
        return 0;
      }
      const rows = await listLoads(wh, limit);
      if (format !== 'table') return writeRows(out, format, rows), 0;
      out.write(rows.length === 0 ? 'no loads yet\n' : formatTable(
        [
          { key: 'load_id', title: 'load', align: 'right' }, { key: 'started_at', title: 'started' },
          { key: 'status', title: 'status' }, { key: 'files', title: 'files', align: 'right' },
          { key: 'rows_read', title: 'read', align: 'right' }, { key: 'rows_loaded', title: 'loaded', align: 'right' },
          { key: 'rows_rejected', title: 'rejected', align: 'right' }, { key: 'delivery', title: 'delivery' },
          { key: 'message', title: 'message' },
        ],
        rows,
      ));
      return 0;
    } finally {
      wh.close();
    }
  },
};
export default loads;
