// Column lists taken from the catalog (never from request text), quoted for SQL.
import type { Catalog } from './catalog.ts';

const identifier = /^[a-z][a-z0-9_]*$/;

/** `alias."a", alias."b"` — every name checked to be a plain identifier. */
export function qualified(alias: string, names: readonly string[]): string {
  return names
    .map((n) => {
      if (!identifier.test(n)) throw new Error(`not a plain column name: ${n}`);
      return `${alias}."${n}"`;
    })
    .join(', ');
}

/** Keys and dimension columns that are not metrics, whatever their type. */
const notMetrics = ['year', 'month', 'months', 'days', 'quarter', 'depth', 'ordinal', 'load_id', 'build_id'];

/** The metric columns of a mart (numeric columns other than keys). */
export function metricColumns(catalog: Catalog, table: string): string[] {
  return catalog.metrics(table, notMetrics);
}

/** `alias."c", …` for columns of a table, dates and timestamps as ISO text. */
export function textDates(catalog: Catalog, table: string, alias: string, names: readonly string[]): string {
  const cols = catalog.columns(table);
  return names
    .map((name) => {
      const col = cols.find((c) => c.name === name);
      if (!col) throw new Error(`${table} has no column ${name}`);
      return /DATE|TIMESTAMP/.test(col.type) ? `${qualified(alias, [name])}::varchar as "${name}"` : qualified(alias, [name]);
    })
    .join(', ');
}
