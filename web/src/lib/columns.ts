// Table columns from an API list: its declared columns (key and kind, as the exports use), name
// columns first, money columns with bars; id columns hidden when a name column stands for them
// (the name then carries the code as its secondary text, on hover).
import type { ListColumn, Row } from './api.ts';
import { kindOf, type ColumnDef } from './table.ts';

/**
 * Corrections to the inferred kind: ledger rates are annual percentages already ("4.47" is
 * 4.47%), not ratios; a rank is a count even when its name holds a money word
 * (contribution_rank).
 */
function kindFor(c: { key: string; kind: ColumnDef['kind'] }): ColumnDef['kind'] {
  if (c.key === 'rate') return 'number';
  if (/_rank$/.test(c.key)) return 'count';
  return c.kind;
}

export function columnsFrom(rows: Row[], declared?: ListColumn[], opts: { bars?: string[]; hide?: string[]; only?: readonly string[] } = {}): ColumnDef[] {
  const cols: { key: string; kind: ColumnDef['kind'] }[] = declared ?? Object.keys(rows[0] ?? {}).map((key) => ({ key, kind: kindOf(key) }));
  const keys = new Set(cols.map((c) => c.key));
  const hidden = new Set(opts.hide ?? []);
  const visible = cols.filter((c) => {
    if (hidden.has(c.key)) return false;
    const named = /^(.+)_id$/.exec(c.key);
    return !(named && keys.has(`${named[1]}_name`));
  });
  if (opts.only) {
    // A chosen subset, in the chosen order, of the columns the list has.
    return opts.only.flatMap((k) => {
      const c = cols.find((x) => x.key === k);
      return c ? [{ key: c.key, kind: kindFor(c), bar: opts.bars?.includes(c.key) ?? false }] : [];
    });
  }
  const nameFirst = [...visible.filter((c) => /_name$/.test(c.key)), ...visible.filter((c) => !/_name$/.test(c.key))];
  return nameFirst.map((c) => ({ key: c.key, kind: kindFor(c), bar: opts.bars ? opts.bars.includes(c.key) : false, ...codeOf(c.key, keys) }));
}

/** The id column a name column stands for (`holder_org_name` → `holder_org_id`), when the list has it. */
function codeOf(key: string, keys: Set<string>): { code?: string } {
  const named = /^(.+)_name$/.exec(key);
  return named && keys.has(`${named[1]}_id`) ? { code: `${named[1]}_id` } : {};
}
