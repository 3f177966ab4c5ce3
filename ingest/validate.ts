// SQL generated from the contract (kinds.ts): staging a file into a typed temp table, the reject
// checks, and the replace/insert of the good rows. Identifiers and literals come from the contract
// only; file paths, profile aliases and file names are bound parameters ($name), and file content
// is only ever read by DuckDB itself.
import { refKey, sqlType, type ColumnSpec, type ColumnType, type KindSpec, type RefKind } from './kinds.ts';
import type { Params } from '../warehouse/db.ts';

/** A contract string as a SQL literal (contract text only — never file or user content). */
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Temp view over the typed rows of one kind in the delivery being loaded (all its files). */
export const stageTable = (spec: KindSpec) => `ing_${spec.kind}`;
export const badColumn = (c: ColumnSpec) => `bad_${c.name}`;

/** Columns whose text can fail to cast (they get a bad_<name> column holding the raw text). */
export function canFail(c: ColumnSpec): boolean {
  return c.values !== undefined || (c.type !== 'id' && c.type !== 'text');
}

/** Cast of raw text r (trimmed, null when empty) to the column's type; null when it does not cast. */
function castExpr(c: ColumnSpec, r: string): string {
  const t: ColumnType = c.type;
  switch (t) {
    case 'id':
    case 'text':
      return c.values ? `case when ${r} in (${c.values.map(lit).join(', ')}) then ${r} end` : r;
    case 'date':
      return `coalesce(try_cast(${r} as date), try_strptime(${r}, '%Y%m%d')::date)`;
    // coalesce() only evaluates its second argument for the rows still null, so the string
    // rewrites (thousands separators, a % sign) cost nothing on plain numbers.
    case 'amount':
    case 'points':
      // Yuan with at most two decimals; thousands separators allowed ("1,234,567.89").
      return `case when strpos(${r}, '.') = 0 or length(${r}) - strpos(${r}, '.') <= 2 then coalesce(try_cast(${r} as ${sqlType[t]}), try_cast(replace(${r}, ',', '') as ${sqlType[t]})) end`;
    case 'rate':
      return `coalesce(try_cast(${r} as ${sqlType[t]}), try_cast(rtrim(${r}, '%') as ${sqlType[t]}))`;
    case 'value':
      return `coalesce(try_cast(${r} as ${sqlType[t]}), try_cast(replace(${r}, ',', '') as ${sqlType[t]}))`;
    case 'share':
      return `try_cast(${r} as ${sqlType[t]})`;
    case 'integer':
      // Whole numbers only: DuckDB would round '3.5' to 4.
      return `case when regexp_full_match(${r}, '[+-]?[0-9]+') then try_cast(${r} as integer) end`;
  }
}

export function badReason(c: ColumnSpec): string {
  if (c.values) return `unknown value (expected one of ${c.values.join(', ')})`;
  switch (c.type) {
    case 'date': return 'bad date (expected YYYY-MM-DD, YYYYMMDD or YYYY/MM/DD)';
    case 'amount': return 'not an amount (yuan, at most two decimals)';
    case 'points': return 'not a number of points (at most two decimals)';
    case 'rate': return 'not a rate (annual, in percent)';
    case 'share': return 'not a share (a number, 0 < share <= 1)';
    case 'integer': return 'not an integer';
    case 'value': return 'not a number';
    default: return 'bad value';
  }
}

export interface StageSource {
  format: 'csv' | 'parquet';
  /** Number of columns in the file (CSV: header fields; Parquet: schema columns). */
  width: number;
  /** For each contract column of the kind: its position in the file, or undefined when absent. */
  positions: Map<string, number>;
  /** Positions of columns outside the contract, kept aside as x0, x1, … */
  extra: number[];
  /** Value aliases per contract column: alias (lower case) → canonical value. */
  aliases: Map<string, Map<string, string>>;
}

/** Temp table holding the typed rows of one file. */
export const fileTable = (spec: KindSpec, fileNo: number) => `ing_${spec.kind}_f${fileNo}`;

/**
 * One statement that reads a file into its own temp table: one typed column per contract column,
 * bad_<col> (the raw text when the cast failed, else null) and the kept-aside extra columns x0, x1, …
 * The table keeps the file's row order (DuckDB preserves insertion order), so a row's line is its
 * rowid + 2 (line 1 is the header; see fileViewSql) — cheaper than numbering rows while reading
 * (`with ordinality` made the parallel read about twice as slow in bench/ingest.ts).
 */
export function stageSql(spec: KindSpec, src: StageSource, fileNo: number): { sql: string; params: Params } {
  const params: Params = {};
  const pos = (p: number) => (src.format === 'csv' ? `c${p}` : `#${p + 1}::varchar`);
  const reader =
    src.format === 'csv'
      ? `select * from read_csv($path, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', ` +
        `strict_mode = true, null_padding = false, columns = {${Array.from({ length: src.width }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ')}})`
      : `select * from read_parquet($path)`;
  let a = 0;
  const raw = spec.columns.map((c) => {
    const p = src.positions.get(c.name);
    // Every value is trimmed before it is parsed (padded exports: ' 1200.50 ' is an amount).
    // DuckDB reads an empty field as null.
    let r = p === undefined ? 'null::varchar' : `nullif(trim(${pos(p)}), '')`;
    const aliases = src.aliases.get(c.name);
    if (aliases && aliases.size > 0) {
      const whens = [...aliases].map(([alias, value]) => {
        params[`a${a}`] = alias;
        params[`v${a}`] = value;
        return `when $a${a} then $v${a++}`;
      });
      r = `coalesce(case lower(${r}) ${whens.join(' ')} end, ${r})`;
    }
    if (c.default !== undefined) r = `coalesce(${r}, ${lit(c.default)})`;
    return `${r} as r_${c.name}`;
  });
  const extras = src.extra.map((p, i) => `nullif(trim(${pos(p)}), '') as x${i}`);
  const typed = spec.columns.map((c) => `${castExpr(c, `r_${c.name}`)}::${sqlType[c.type]} as ${c.name}`);
  const outer = spec.columns.map((c) => c.name);
  for (const c of spec.columns) if (canFail(c)) outer.push(`case when r_${c.name} is not null and ${c.name} is null then r_${c.name} end as ${badColumn(c)}`);
  const extraNames = src.extra.map((_, i) => `x${i}`);
  const select =
    `select ${[...outer, ...extraNames].join(', ')} from (` +
    `select ${[...spec.columns.map((c) => `r_${c.name}`), ...typed, ...extraNames].join(', ')} from (` +
    `select ${[...raw, ...extras].join(', ')} from (${reader})))`;
  return { sql: `create or replace temp table ${fileTable(spec, fileNo)} as ${select}`, params };
}

/** Temp view over one file's table with rid (its rowid) and line. */
export const fileView = (spec: KindSpec, fileNo: number) => `ing_${spec.kind}_v${fileNo}`;

/**
 * A file's rows with their line: rowid + 2, plus the empty lines before the row (DuckDB skips
 * them; ing_blanks holds, per empty line, how many records came before it).
 */
export function fileViewSql(spec: KindSpec, fileNo: number, hasBlanks: boolean): string {
  const t = fileTable(spec, fileNo);
  if (!hasBlanks) return `create or replace temp view ${fileView(spec, fileNo)} as select t.rowid as rid, t.rowid + 2 as src_line, t.* from ${t} t`;
  return `create or replace temp view ${fileView(spec, fileNo)} as select t.rowid as rid, t.rowid + 2 + coalesce(b.blanks, 0) as src_line, t.* from ${t} t ` +
    `asof left join (select records, sum(n) over (order by records) as blanks from ` +
    `(select records, count(*) as n from ing_blanks where file_no = ${fileNo} group by records)) b on t.rowid >= b.records`;
}

/** The kind's rows over all its files, with file_no and line: what the checks and the apply read. */
export function kindViewSql(spec: KindSpec, fileNos: number[]): string {
  const cols = [...spec.columns.map((c) => c.name), ...spec.columns.filter(canFail).map(badColumn)].join(', ');
  const parts = fileNos.map((n) => `select ${n}::integer as file_no, src_line, ${cols} from ${fileView(spec, n)}`);
  return `create or replace temp view ${stageTable(spec)} as ${parts.join(' union all ')}`;
}

const rejectCols = 'kind, file_no, line, column_name, value, reason';

/** The earliest plausible ledger date. */
export const firstLedgerDate = '1990-01-01';
/** Plausible rates, in percent a year. */
export const rateRange = [-5, 50] as const;
const controlChars = `'[\\x00-\\x1F\\x7F]'`;

/** A YYYY-MM-DD day as a SQL date literal (checked: it comes from the code or the command line). */
export function dateLiteral(day: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) throw new Error(`not a date: '${day}' (expected YYYY-MM-DD)`);
  return `date '${day}'`;
}

/**
 * Row-level checks of one kind: required values, casts, plausibility (dates, signs, rates, control
 * characters), references, duplicate keys. `today` (YYYY-MM-DD) is the day of the load.
 */
export function rejectChecksSql(spec: KindSpec, refsAvailable: (k: RefKind) => boolean, today: string, controlFiles: number[]): string[] {
  const t = stageTable(spec);
  const k = lit(spec.kind);
  const out: string[] = [];
  const day = dateLiteral(today);
  const texts = spec.columns.filter((c) => (c.type === 'id' || c.type === 'text') && !c.values);
  if (texts.length > 0 && controlFiles.length > 0) {
    // Only files whose bytes hold a control character (the scan says which); in those, only the
    // rows with one anywhere are looked at column by column.
    const pairs = texts.map((c) => `{'name': ${lit(c.name)}, 'value': ${c.name}}`).join(', ');
    out.push(
      `insert into ing_rejects (${rejectCols}) select ${k}, file_no, src_line, c.name, regexp_replace(c.value, ${controlChars}, '\uFFFD', 'g'), ` +
        `'control character in a text field' from (select file_no, src_line, unnest([${pairs}]) as c from ${t} ` +
        `where file_no in (${controlFiles.join(', ')}) and regexp_matches(concat(${texts.map((c) => c.name).join(', ')}), ${controlChars})) ` +
        `where regexp_matches(c.value, ${controlChars})`,
    );
  }
  for (const c of spec.columns) {
    const col = lit(c.name);
    const reject = (where: string, reason: string) =>
      out.push(`insert into ing_rejects (${rejectCols}) select ${k}, file_no, src_line, ${col}, ${c.name}::varchar, ${lit(reason)} from ${t} where ${where}`);
    if (c.dated === 'ledger') reject(`${c.name} < ${dateLiteral(firstLedgerDate)}`, `date before ${firstLedgerDate}`);
    // A snapshot dated after the day of the load refuses the whole delivery (index.ts), not a row.
    const snapshotDate = spec.replace === 'snapshot' && spec.replaceBy?.includes(c.name);
    if (c.dated && !snapshotDate) reject(`${c.name} > ${day}`, `date after the day of the load (${today})`);
    if (snapshotDate) reject(`${c.name} <> last_day(${c.name})`, 'not a month-end (a snapshot is dated on the last day of a month)');
    if (c.min !== undefined) reject(`${c.name} < ${c.min}`, c.min === 0 ? `negative ${c.name.replace(/_/g, ' ')}` : `${c.name} below ${c.min}`);
    if (c.type === 'rate') reject(`${c.name} not between ${rateRange[0]} and ${rateRange[1]}`, `rate outside ${rateRange[0]} to ${rateRange[1]} percent`);
    if (c.required) {
      const missing = canFail(c) ? `${c.name} is null and ${badColumn(c)} is null` : `${c.name} is null`;
      out.push(`insert into ing_rejects (${rejectCols}) select ${k}, file_no, src_line, ${col}, null, 'missing required value' from ${t} where ${missing}`);
    }
    if (canFail(c)) {
      out.push(`insert into ing_rejects (${rejectCols}) select ${k}, file_no, src_line, ${col}, ${badColumn(c)}, ${lit(badReason(c))} from ${t} where ${badColumn(c)} is not null`);
    }
    if (c.type === 'share') {
      out.push(`insert into ing_rejects (${rejectCols}) select ${k}, file_no, src_line, ${col}, ${c.name}::varchar, 'share out of range (0 < share <= 1)' from ${t} where not (${c.name} > 0 and ${c.name} <= 1)`);
    }
    const refs: [string, RefKind][] = c.ref ? [['true', c.ref]] : c.refBy ? Object.entries(c.refBy.kinds).map(([v, rk]) => [`${c.refBy!.column} = ${lit(v)}`, rk]) : [];
    for (const [when, rk] of refs) {
      if (!refsAvailable(rk)) continue;
      const what = rk.replace(/s$/, ''); // clients → client
      out.push(
        `insert into ing_rejects (${rejectCols}) select ${k}, file_no, src_line, ${col}, ${c.name}, ${lit(`unknown ${what}`)} from ${t} s ` +
          `where ${when} and ${c.name} is not null and not exists (select 1 from ing_keys_${rk} r where r.id = s.${c.name})`,
      );
    }
  }
  if (spec.kind === 'assignments') {
    out.push(`insert into ing_rejects (${rejectCols}) select ${k}, file_no, src_line, 'valid_to', valid_to::varchar, 'valid_to before valid_from' from ${t} where valid_to < valid_from`);
  }
  if (spec.key.length > 0) {
    const key = spec.key.join(', ');
    const on = spec.key.map((c) => `d.${c} = s.${c}`).join(' and ');
    const notNull = spec.key.map((c) => `${c} is not null`).join(' and ');
    // The first row of a key (lowest file, then line) stays; later ones are duplicates.
    out.push(
      `insert into ing_rejects (${rejectCols}) select ${k}, s.file_no, s.src_line, ${lit(spec.key.join('+'))}, ` +
        `concat_ws('+', ${spec.key.map((c) => `s.${c}::varchar`).join(', ')}), ` +
        `'duplicate key in this delivery (first at ' || f.file_name || ' line ' || (d.first % 1000000000000) || ')' ` +
        `from ${t} s join (select ${key}, min(file_no::bigint * 1000000000000 + src_line) as first from ${t} where ${notNull} group by ${key} having count(*) > 1) d on ${on} ` +
        `join ing_files f on f.file_no = d.first // 1000000000000 ` +
        `where s.file_no::bigint * 1000000000000 + s.src_line <> d.first`,
    );
  }
  return out;
}

/** The org table must stay one tree: one root, parents that exist, no cycles. */
export function orgTreeSql(): string {
  return `insert into ing_rejects (${rejectCols})
with recursive merged as (
  select org_id, parent_id, false as delivered from raw_orgs o where not exists (select 1 from ing_orgs t where t.org_id = o.org_id)
  union all
  select org_id, parent_id, true from ing_orgs
),
roots as (select org_id, delivered from merged where parent_id is null),
-- The root: the only one; or, when the delivery adds roots, the warehouse's own.
root as (
  select org_id from roots where (select count(*) from roots) = 1
  union all
  select org_id from roots where not delivered and (select count(*) from roots) > 1 and (select count(*) from roots where not delivered) = 1
),
reach(org_id) as (
  select org_id from root
  union
  select m.org_id from merged m join reach r on m.parent_id = r.org_id
)
select 'orgs', t.file_no, t.src_line, 'parent_id', t.parent_id,
  case
    when t.parent_id is null then 'more than one root org (the org tree has one root)'
    when not exists (select 1 from merged m where m.org_id = t.parent_id) then 'unknown parent org'
    else 'org cycle (not reachable from the root org)'
  end
from ing_orgs t
where not exists (select 1 from reach r where r.org_id = t.org_id)`;
}

/** Shares of one client on one day sum to 1 (over the warehouse's assignments and the delivery's). */
export function assignmentSharesSql(): string {
  return `insert into ing_rejects (${rejectCols})
with merged as (
  select client_id, share, valid_from, valid_to, null::integer as file_no, null::bigint as src_line
  from raw_assignments a
  where a.client_id in (select client_id from ing_assignments)
    and not exists (select 1 from ing_assignments t where t.client_id = a.client_id and t.manager_id = a.manager_id and t.valid_from = a.valid_from)
  union all
  select client_id, share, valid_from, valid_to, file_no, src_line from ing_assignments
),
days as (
  select client_id, valid_from as day from merged
  union
  select client_id, valid_to + 1 from merged where valid_to is not null
),
sums as (
  select d.client_id, d.day, sum(m.share) as total
  from days d join merged m on m.client_id = d.client_id and m.valid_from <= d.day and (m.valid_to is null or m.valid_to >= d.day)
  group by d.client_id, d.day
),
bad as (select client_id, day, total from sums where total <> 1)
select 'assignments', m.file_no, m.src_line, 'share', min(m.share)::varchar,
  'shares of client ' || m.client_id || ' on ' || min(b.day) || ' sum to ' || arg_min(b.total, b.day)::decimal(18,6)::varchar || ', not 1'
from merged m join bad b on b.client_id = m.client_id and m.valid_from <= b.day and (m.valid_to is null or m.valid_to >= b.day)
where m.src_line is not null
group by m.file_no, m.src_line, m.client_id`;
}

/** Keys a reference kind offers to later kinds: what the warehouse holds plus the delivery's good rows. */
export function refKeysSql(rk: RefKind, delivered: boolean): string {
  const key = refKey[rk];
  const delivery = delivered ? ` union select ${key} from ing_${rk}` : '';
  return `create or replace temp table ing_keys_${rk} as select ${key} as id from raw_${rk}${delivery}`;
}

/** Removes a file's rejected rows from its temp table: what is left is loaded. */
export function pruneSql(spec: KindSpec, fileNo: number): string {
  return `delete from ${fileTable(spec, fileNo)} where rowid in (select rid from ${fileView(spec, fileNo)} ` +
    `where src_line in (select line from ing_rejects where kind = ${lit(spec.kind)} and file_no = ${fileNo}))`;
}

/** Replace what the delivery supersedes, then insert its good rows (inside the load's transaction). */
export function applySql(spec: KindSpec): string[] {
  const t = stageTable(spec);
  const cols = spec.columns.filter((c) => !c.unstored).map((c) => c.name);
  let del: string;
  if (spec.replace === 'upsert') {
    const on = spec.key.map((c) => `s.${c} = ${spec.table}.${c}`).join(' and ');
    del = `delete from ${spec.table} where exists (select 1 from ${t} s where ${on})`;
  } else {
    const by = spec.replaceBy!;
    const on = by.map((c) => `s.${c} = ${spec.table}.${c}`).join(' and ');
    del = `delete from ${spec.table} where exists (select 1 from (select distinct ${by.join(', ')} from ${t}) s where ${on})`;
  }
  const lineNo = spec.kind === 'adjustments' ? ', line_no' : '';
  const lineVal = spec.kind === 'adjustments' ? ', src_line' : '';
  return [del, `insert into ${spec.table} (${cols.join(', ')}${lineNo}, load_id) select ${cols.join(', ')}${lineVal}, $load_id from ${t}`];
}
