// A client's products sold per category, shown as the columns sales_<category>_units and
// sales_<category>_amount beside its figures. mart_client_sales_period holds them in long form (one
// row per period × client × category sold); this reshapes the rows of the clients being listed,
// without computing anything: a category without a sale reads 0, as the figure is.
import type { Catalog } from './catalog.ts';
import { metricColumns } from './columns.ts';

const plain = /^[a-z][a-z0-9_]*$/;

/** The product categories, in the order of the sales_<category>_units columns of mart_manager_period. */
export function salesCategories(catalog: Catalog): string[] {
  return catalog
    .columns('mart_manager_period')
    .map((c) => /^sales_(.+)_units$/.exec(c.name)?.[1])
    .filter((c): c is string => c !== undefined && plain.test(c));
}

export function salesColumns(catalog: Catalog): string[] {
  return salesCategories(catalog).flatMap((c) => [`sales_${c}_units`, `sales_${c}_amount`]);
}

/** mart_client_period's metrics with the sales columns where a reader expects them: before the visits. */
export function clientMetricColumns(catalog: Catalog): string[] {
  const metrics = metricColumns(catalog, 'mart_client_period');
  const at = metrics.indexOf('visits');
  const i = at < 0 ? metrics.length : at;
  return [...metrics.slice(0, i), ...salesColumns(catalog), ...metrics.slice(i)];
}

/**
 * A CTE `name(period, client_id, sales_…)`: one row per period and client with any sale among the
 * rows of mart_client_sales_period that `where` keeps (a condition on alias `s`, e.g. the period and
 * the clients listed). Units DECIMAL(18,6), amounts DECIMAL(18,2), 0 for a category not sold.
 */
export function clientSalesCte(catalog: Catalog, name: string, where: string): string {
  const cols = salesCategories(catalog).flatMap((c) => [
    `cast(coalesce(sum(s.units) filter (where s.category = '${c}'), 0) as decimal(18,6)) as "sales_${c}_units"`,
    `cast(coalesce(sum(s.amount) filter (where s.category = '${c}'), 0) as decimal(18,2)) as "sales_${c}_amount"`,
  ]);
  return `${name} as (
    select s.period, s.client_id, ${cols.join(', ')}
    from mart_client_sales_period s
    where ${where}
    group by s.period, s.client_id
  )`;
}

/**
 * A client's figures in clientMetricColumns' order, each as SQL: mart_client_period's from alias `m`,
 * the sales columns from the clientSalesCte alias `x` — 0 without a sale, null where the client has
 * no figures for the period at all (as every other figure of that row).
 */
export function clientFigures(catalog: Catalog, m: string, x: string): [column: string, sql: string][] {
  const sales = new Set(salesColumns(catalog));
  return clientMetricColumns(catalog).map((col) => {
    if (!plain.test(col)) throw new Error(`not a plain column name: ${col}`);
    if (!sales.has(col)) return [col, `${m}."${col}"`];
    const zero = col.endsWith('_units') ? '0::decimal(18,6)' : '0::decimal(18,2)';
    return [col, `case when ${m}.client_id is not null then coalesce(${x}."${col}", ${zero}) end`];
  });
}

/** clientFigures as a select list. */
export function clientFiguresSelect(catalog: Catalog, m: string, x: string): string {
  return clientFigures(catalog, m, x)
    .map(([col, sql]) => (sql === `${m}."${col}"` ? sql : `${sql} as "${col}"`))
    .join(', ');
}
