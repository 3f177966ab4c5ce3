// Delivery-level guards (EXTRACTS.md "Deliveries"), run on the good rows after the row checks: a
// snapshot may not lie in the future, may not replace a loaded month with other rows unless the
// load names it (--restate), and may not fall below half the rows of the month before
// (--allow-shrink). Also what the summary tells per month: snapshot rows before → after, event
// rows added and changed.
import type { Warehouse } from '../warehouse/db.ts';
import type { KindSpec } from './kinds.ts';
import type { MonthChange } from './log.ts';
import { dateLiteral, stageTable } from './validate.ts';

const fileKey = 1000000000000; // file_no * fileKey + line: the first row of a group, file then line

/** Snapshot rows dated after the day of the load, one refusal reason per file (its first such line). */
export async function futureSnapshots(wh: Warehouse, spec: KindSpec, today: string): Promise<string[]> {
  if (spec.replace !== 'snapshot') return [];
  const col = spec.replaceBy![0]!;
  const rows = await wh.query<{ file_name: string; line: string; day: string }>(
    `select f.file_name, min(s.src_line)::varchar as line, arg_min(s.${col}, s.src_line)::varchar as day
     from ${stageTable(spec)} s join ing_files f using (file_no)
     where s.${col} > ${dateLiteral(today)} group by f.file_no, f.file_name order by f.file_no`,
  );
  return rows.map(
    (r) => `${r.file_name} line ${r.line}: a snapshot dated ${r.day}, after the day of the load (${today}); ` +
      'a snapshot is taken at a month-end that has passed — correct the extract\'s date',
  );
}

export interface GuardOptions {
  restate: string[];
  allowShrink: boolean;
}

/** Per month of each delivered ledger what the load would change, and the reasons to refuse it. */
export async function deliveryGuards(wh: Warehouse, specs: KindSpec[], opts: GuardOptions): Promise<{ months: MonthChange[]; reasons: string[] }> {
  const months: MonthChange[] = [];
  const reasons: string[] = [];
  for (const spec of specs) {
    const cols = spec.columns.map((c) => c.name).join(', ');
    const t = stageTable(spec);
    if (spec.replace === 'snapshot') {
      const col = spec.replaceBy![0]!;
      // Rows are compared (a hash of each row, summed) only for months loaded with as many rows:
      // a new month, or one whose count differs, needs no hashing.
      const rows = await wh.query<{ month: string; after: string; before: string; same: boolean; file_name: string; line: string }>(
        `with d as (
           select ${col}, count(*) as n, min(file_no::bigint * ${fileKey} + src_line) as first
           from ${t} where ${col} is not null group by ${col}),
         w as (
           select ${col}, count(*) as n from ${spec.table} where ${col} in (select ${col} from d) group by ${col}),
         candidates as (select ${col} from d join w using (${col}) where d.n = w.n),
         dh as (select ${col}, sum(hash(${cols})::hugeint) as h from ${t} where ${col} in (select ${col} from candidates) group by ${col}),
         wh as (select ${col}, sum(hash(${cols})::hugeint) as h from ${spec.table} where ${col} in (select ${col} from candidates) group by ${col})
         select strftime(d.${col}, '%Y-%m') as month, d.n::varchar as after, coalesce(w.n, 0)::varchar as before,
           coalesce(dh.h = wh.h, false) as same, f.file_name, (d.first % ${fileKey})::varchar as line
         from d left join w using (${col}) left join dh using (${col}) left join wh using (${col})
         join ing_files f on f.file_no = d.first // ${fileKey}
         order by d.${col}`,
      );
      const loaded = new Map(
        (await wh.query<{ month: string; n: string }>(`select strftime(${col}, '%Y-%m') as month, count(*)::varchar as n from ${spec.table} group by 1`))
          .map((r) => [r.month, Number(r.n)]),
      );
      const delivered = new Map(rows.map((r) => [r.month, Number(r.after)]));
      for (const r of rows) {
        const before = Number(r.before);
        const after = Number(r.after);
        const change = before === 0 ? 'new' : r.same ? 'same' : 'restated';
        months.push({ kind: spec.kind, month: r.month, change, before, after });
        const where = `${r.file_name} line ${r.line}`;
        if (change === 'restated' && !opts.restate.includes(r.month)) {
          reasons.push(
            `${where}: ${spec.kind} ${r.month} is already loaded with other rows (${fmt(before)} → ${fmt(after)} rows); ` +
              `if this delivery restates that month, load it again with --restate ${r.month}`,
          );
        }
        const prev = previousMonth(r.month);
        const prevRows = delivered.get(prev) ?? loaded.get(prev);
        if (change !== 'same' && !opts.allowShrink && prevRows !== undefined && after * 2 < prevRows) {
          reasons.push(
            `${where}: ${spec.kind} ${r.month} has ${fmt(after)} rows, fewer than half of ${prev}'s ${fmt(prevRows)} (a cut file?); ` +
              'if the ledger really shrank, load it again with --allow-shrink',
          );
        }
      }
    } else if (spec.replace === 'upsert' && spec.key.length > 0) {
      const dated = spec.columns.find((c) => c.dated === 'ledger');
      if (!dated) continue;
      const on = spec.key.map((k) => `r.${k} = s.${k}`).join(' and ');
      const rows = await wh.query<{ month: string; added: string; changed: string }>(
        `select strftime(s.${dated.name}, '%Y-%m') as month,
           count(*) filter (where r.${spec.key[0]} is null)::varchar as added,
           count(*) filter (where r.${spec.key[0]} is not null and hash(${prefixed('s', cols)}) <> hash(${prefixed('r', cols)}))::varchar as changed
         from ${t} s left join ${spec.table} r on ${on}
         where s.${dated.name} is not null group by 1 order by 1`,
      );
      for (const r of rows) months.push({ kind: spec.kind, month: r.month, change: 'events', added: Number(r.added), changed: Number(r.changed) });
    }
  }
  return { months, reasons };
}

const prefixed = (alias: string, cols: string) => cols.split(', ').map((c) => `${alias}.${c}`).join(', ');
const fmt = (n: number) => n.toLocaleString('en-US');

/** 'YYYY-MM' of the month before. */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
