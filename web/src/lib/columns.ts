// Table columns from an API list: its declared columns (key and kind, as the exports use), name
// columns first, money columns with bars; id columns hidden when a name column stands for them.
import type { ApiColumn, Row } from './api.ts';
import { kindOf, type ColumnDef } from './table.ts';

export function columnsFrom(rows: Row[], declared?: ApiColumn[], opts: { bars?: string[]; hide?: string[] } = {}): ColumnDef[] {
  const cols: { key: string; kind: ColumnDef['kind'] }[] = declared ?? Object.keys(rows[0] ?? {}).map((key) => ({ key, kind: kindOf(key) }));
  const keys = new Set(cols.map((c) => c.key));
  const hidden = new Set(opts.hide ?? []);
  const visible = cols.filter((c) => {
    if (hidden.has(c.key)) return false;
    const named = /^(.+)_id$/.exec(c.key);
    return !(named && keys.has(`${named[1]}_name`));
  });
  const nameFirst = [...visible.filter((c) => /_name$/.test(c.key)), ...visible.filter((c) => !/_name$/.test(c.key))];
  return nameFirst.map((c) => ({ key: c.key, kind: c.kind, bar: opts.bars ? opts.bars.includes(c.key) : false }));
}
