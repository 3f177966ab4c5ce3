// What the warehouse holds: tables and their columns, read once when the API starts. The routes
// build their column lists and sort allow-lists from it, so a metric column added to a mart shows
// up without editing the API, and a mart not yet built gives a clear 503 instead of a SQL error.
import type { Reader } from './reader.ts';

export interface ColumnInfo {
  name: string;
  type: string;
}

export class Catalog {
  constructor(private readonly tables: Map<string, ColumnInfo[]>) {}

  static async read(reader: Reader): Promise<Catalog> {
    const rows = await reader.query<{ table_name: string; column_name: string; data_type: string }>(
      `select table_name, column_name, data_type from information_schema.columns
       where table_schema = 'main' order by table_name, ordinal_position`,
    );
    const tables = new Map<string, ColumnInfo[]>();
    for (const r of rows) {
      const cols = tables.get(r.table_name) ?? [];
      cols.push({ name: r.column_name, type: r.data_type });
      tables.set(r.table_name, cols);
    }
    return new Catalog(tables);
  }

  has(table: string): boolean {
    return this.tables.has(table);
  }

  columns(table: string): ColumnInfo[] {
    return this.tables.get(table) ?? [];
  }

  hasColumn(table: string, column: string): boolean {
    return this.columns(table).some((c) => c.name === column);
  }

  /** Numeric columns of a table other than the listed keys: its metrics. */
  metrics(table: string, exclude: readonly string[] = []): string[] {
    return this.columns(table)
      .filter((c) => !exclude.includes(c.name) && /^(DECIMAL|BIGINT|INTEGER|HUGEINT|DOUBLE|SMALLINT|TINYINT|UBIGINT|UINTEGER|FLOAT)/.test(c.type))
      .map((c) => c.name)
      .filter((n) => /^[a-z][a-z0-9_]*$/.test(n));
  }
}
