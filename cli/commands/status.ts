import { dbOption, resolveDbPath, type Command } from '../command.ts';
import { Warehouse } from '../../warehouse/db.ts';
import { schemaVersion } from '../../warehouse/migrations.ts';

const status: Command = {
  name: 'status',
  summary: 'Show the warehouse: schema version, row counts of the extract tables, last load',
  usage: '[--db FILE]',
  options: { db: dbOption },
  async run({ values, out }) {
    const wh = await Warehouse.open(resolveDbPath(values.db));
    try {
      out.write(`warehouse: ${wh.path}\nschema version: ${await schemaVersion(wh)}\n`);
      const tables = await wh.query<{ table_name: string; estimated_size: string }>(
        `select table_name, estimated_size from duckdb_tables() where table_name like 'raw\\_%' escape '\\' order by table_name`,
      );
      for (const t of tables) out.write(`  ${t.table_name.padEnd(18)} ${t.estimated_size} rows\n`);
      const last = await wh.query(
        `select load_id, delivery, status, finished_at::varchar as finished_at from load_log order by load_id desc limit 1`,
      );
      out.write(`last load: ${last[0] ? JSON.stringify(last[0]) : 'none'}\n`);
      return 0;
    } finally {
      wh.close();
    }
  },
};
export default status;
