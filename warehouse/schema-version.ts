// The build's schema version: which tables and columns (names and types) the models of this code
// build. The build records it (table build_schema); the API and the exports read a warehouse only
// when it records the version of the code reading it, so no reader carries a second
// implementation for a warehouse built before some mart or column existed. The code's own schema
// comes from creating every model empty in an in-memory database (no rows read), so the routes'
// column lists and OpenAPI depend on the code, never on the file the server opens.
import { createHash } from 'node:crypto';
import { Warehouse } from './db.ts';
import { buildOrder, discoverModels, type Model } from './models.ts';
import { loadBuildInputs } from './build-inputs/_inputs.ts';
import { configDir, sqlDir } from './paths.ts';
import { Catalog } from './queries/catalog.ts';
import { createMacros } from './macros.ts';

export type ColumnRow = { table_name: string; column_name: string; data_type: string };
/** A warehouse or a reader of one. */
type Queryable = { query<T extends Record<string, unknown>>(sql: string): Promise<T[]> };

/** The models a warehouse keeps after a build (build-only intermediates are dropped with it). */
export function keptModels(models: Model[]): string[] {
  return models.filter((m) => !m.buildOnly).map((m) => m.name).sort();
}

/** Version of a schema: a hash of every kept model's columns, in order, with their types. */
export function schemaVersionOf(columns: readonly ColumnRow[], kept: readonly string[]): string {
  const names = new Set(kept);
  const lines = columns
    .filter((c) => names.has(c.table_name))
    .map((c) => `${c.table_name}.${c.column_name} ${c.data_type}`);
  return createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16);
}

/** The columns of the given tables and views of a warehouse, table by table in column order. */
export async function columnsOf(reader: Queryable, tables?: readonly string[]): Promise<ColumnRow[]> {
  const rows = await reader.query<ColumnRow>(
    `select table_name, column_name, data_type from information_schema.columns
     where table_schema = 'main' and table_catalog = current_database() order by table_name, ordinal_position`,
  );
  if (!tables) return rows;
  const names = new Set(tables);
  return rows.filter((r) => names.has(r.table_name));
}

export interface CodeSchema {
  /** Every table the code's build leaves in a warehouse (migrations, build inputs, models). */
  catalog: Catalog;
  version: string;
}

let cached: Promise<CodeSchema> | undefined;

/** The schema this code builds (read once per process): every model created empty, in memory. */
export function codeSchema(): Promise<CodeSchema> {
  cached ??= readCodeSchema().catch((e) => {
    cached = undefined;
    throw e;
  });
  return cached;
}

async function readCodeSchema(): Promise<CodeSchema> {
  const wh = await Warehouse.open(':memory:');
  try {
    await createMacros(wh); // as every build does: models call them
    for (const { input } of await loadBuildInputs()) await input.load(wh, { configDir });
    const models = buildOrder(discoverModels(sqlDir));
    for (const m of models) {
      // A table of no rows has the model's column types without reading anything; views would be
      // bound again by every view above them.
      await wh.run(`create table ${m.name} as select * from (\n${m.sql}\n) limit 0`);
    }
    const columns = await columnsOf(wh);
    const tables = new Map<string, { name: string; type: string }[]>();
    for (const c of columns) tables.set(c.table_name, [...(tables.get(c.table_name) ?? []), { name: c.column_name, type: c.data_type }]);
    return { catalog: new Catalog(tables), version: schemaVersionOf(columns, keptModels(models)) };
  } finally {
    wh.close();
  }
}

/** The version a warehouse's last successful build recorded; null when none did. */
export async function builtSchemaVersion(reader: Queryable): Promise<string | null> {
  const has = await reader.query<{ n: string }>(
    `select count(*)::varchar as n from duckdb_tables() where database_name = current_database() and schema_name = 'main' and table_name = 'build_schema'`,
  );
  if (has[0]?.n === '0') return null;
  const rows = await reader.query<{ schema_version: string }>(`select schema_version from build_schema`);
  return rows[0]?.schema_version ?? null;
}

/**
 * Why a warehouse cannot be read by this code, or null when it can: never built, or built by a
 * version of Jixiao whose models make other tables or columns.
 */
export function staleReason(built: string | null, code: string): string | null {
  if (built === code) return null;
  if (built === null) return 'the warehouse has no build of this version of Jixiao: run `jixiao build`';
  return `the warehouse was built by another version of Jixiao (schema ${built}, this one reads ${code}): run \`jixiao build\``;
}
