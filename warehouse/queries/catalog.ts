// Tables and their columns: the ones this code's build makes (warehouse/schema-version.ts), read
// once per process. The routes build their column lists and sort allow-lists from it, so a metric
// column added to a mart shows up without editing the API; the server reads only a warehouse built
// with the same schema, so every table and column listed here is there.

export interface ColumnInfo {
  name: string;
  type: string;
}

export class Catalog {
  constructor(private readonly tables: Map<string, ColumnInfo[]>) {}

  columns(table: string): ColumnInfo[] {
    const cols = this.tables.get(table);
    if (!cols) throw new Error(`no table ${table} in the schema this code builds`);
    return cols;
  }

  /** Numeric columns of a table other than the listed keys: its metrics. */
  metrics(table: string, exclude: readonly string[] = []): string[] {
    return this.columns(table)
      .filter((c) => !exclude.includes(c.name) && /^(DECIMAL|BIGINT|INTEGER|HUGEINT|DOUBLE|SMALLINT|TINYINT|UBIGINT|UINTEGER|FLOAT)/.test(c.type))
      .map((c) => c.name)
      .filter((n) => /^[a-z][a-z0-9_]*$/.test(n));
  }
}
