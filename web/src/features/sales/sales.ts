// Shaping of products sold (sales_<category>_units / sales_<category>_amount, as the API gives them
// from mart_manager_period and mart_client_sales_period) for the client page, the manager card and
// the league's optional columns. No figure is computed here: only which categories to show.
import { SALES_CATEGORIES, salesCategoryLabel } from '../../../../contract/metrics.ts';
import type { Lang } from '../../lib/i18n.ts';
import { parseDecimal } from '../../lib/format.ts';
import type { ColumnDef } from '../../lib/table.ts';

type Row = Record<string, unknown>;

export const unitsKey = (category: string) => `sales_${category}_units`;
export const amountKey = (category: string) => `sales_${category}_amount`;

const nonZero = (v: unknown) => {
  const d = parseDecimal(v);
  return d !== null && /[1-9]/.test(d.int + d.frac);
};

/** The categories with any sale (units or amount not 0) in the rows, in the catalog's order. */
export function soldCategories(rows: readonly Row[]): string[] {
  return SALES_CATEGORIES.filter((c) => rows.some((r) => nonZero(r[unitsKey(c)]) || nonZero(r[amountKey(c)])));
}

/**
 * What the rows say of sales: 'not_delivered' when they carry the sales columns and every one is
 * null (the sales ledger was not delivered in the period: unavailable, not 0), 'none' when nothing
 * was sold, 'sold' otherwise; 'absent' when the rows have no sales columns at all.
 */
export function salesState(rows: readonly Row[]): 'absent' | 'not_delivered' | 'none' | 'sold' {
  const keys = SALES_CATEGORIES.flatMap((c) => [unitsKey(c), amountKey(c)]);
  const carried = rows.filter((r) => keys.some((k) => k in r));
  if (carried.length === 0) return 'absent';
  if (carried.every((r) => keys.every((k) => r[k] === null || r[k] === undefined))) return 'not_delivered';
  return soldCategories(carried).length > 0 ? 'sold' : 'none';
}

/**
 * Columns for the categories sold in the rows: units then amount of each. A manager's units are
 * weighted by the holders' shares (0.5 of a sale shared half and half), so they show two decimals
 * (`number`); a client's are whole sales (`count`).
 */
export function salesColumns(rows: readonly Row[], units: 'count' | 'number' = 'number'): ColumnDef[] {
  return soldCategories(rows).flatMap((c) => [
    { key: unitsKey(c), kind: units },
    { key: amountKey(c), kind: 'money' as const },
  ]);
}

/** One row per category sold in one figures row (the manager card): its name, units and amount. */
export function salesByCategory(row: Row, lang: Lang): { category: string; category_name: string; units: unknown; amount: unknown }[] {
  return soldCategories([row]).map((c) => ({
    category: c,
    category_name: salesCategoryLabel(c)?.[lang] ?? c,
    units: row[unitsKey(c)],
    amount: row[amountKey(c)],
  }));
}
