// `ingestPath`: loads one delivery folder (or a folder of deliveries, in name order) into the
// warehouse, all or nothing per delivery. Parsing, casting and checking happen in DuckDB, set-based:
//   1. scan every file (size, sha256, encoding); GBK files are transcoded to a temp UTF-8 file;
//   2. stage each file into its own typed temp table (validate.ts: stageSql), seen per kind
//      through a view ing_<kind> with file_no and line;
//   3. check each kind in contract order, collecting rejects in ing_rejects, then drop the
//      rejected rows (later kinds check their references against what is left);
//   4. refuse the delivery if a file breaks the reject threshold or cannot be read, else apply
//      every kind in one transaction and record the load (log.ts).
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Params, Warehouse } from '../warehouse/db.ts';
import { blankLineRecords, chooseEncoding, longestField, mixedEncodingLine, readCsvHeader, scanFile, transcodeToUtf8, type EncodingChoice } from './encoding.ts';
import { kinds, type KindSpec, type RefKind } from './kinds.ts';
import {
  lastAppliedFingerprint, listLoadFiles, nextLoadId, recordLoad, recordRejects, type IngestResult,
} from './log.ts';
import { checkManifest, manifestName, readManifest, type FileFigures } from './manifest.ts';
import { membershipSql } from './memberships.ts';
import { deliveryGuards, futureSnapshots } from './guards.ts';
import { kindOfFile, loadProfile, mapHeader, valueAliases, type Profile } from './profile.ts';
import {
  applySql, assignmentSharesSql, dateLiteral, fileTable, fileView, fileViewSql, kindViewSql, orgTreeSql, pruneSql, refKeysSql, rejectChecksSql, stageSql, stageTable,
} from './validate.ts';

export type { FileResult, IngestResult } from './log.ts';

/** Progress reporting (cli/progress.ts draws it as bars); nothing is printed without it. */
export interface IngestProgress {
  /** A bar: the delivery's checksum pass, then one per file while it is staged; `total` in bytes. */
  task(label: string, total: number): ProgressTask;
  /** A line of news (a delivery starts, a phase starts). */
  note(text: string): void;
}
export interface ProgressTask {
  update(done: number, rows?: number): void;
  done(rows?: number): void;
}

export interface IngestOptions {
  /** A Profile, or a profile path/name ("zh-core", "none"); default config/profiles/zh-core.json. */
  profile?: Profile | string;
  /** Refuse the delivery when a file's rejected rows exceed this share of its rows (default 0.01). */
  rejectThreshold?: number;
  encoding?: EncodingChoice;
  progress?: IngestProgress;
  /** Months (YYYY-MM) this delivery restates: their snapshots may replace different loaded rows. */
  restate?: string[];
  /** Let a snapshot month hold fewer than half the rows of the month before. */
  allowShrink?: boolean;
  /** The day of the load (YYYY-MM-DD; default: today, local time): no ledger date may lie after it. */
  today?: string;
}

/** Today as YYYY-MM-DD, local time. */
export function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

interface DeliveryFile {
  path: string;
  size: number;
  fileName: string;
  spec: KindSpec;
  format: 'csv' | 'parquet';
}

const refKinds: RefKind[] = ['orgs', 'products', 'managers', 'clients'];
/** How many extra (non-contract) columns of a file have their values kept in load_extra_values. */
export const keptExtraColumns = 20;

/** Loads a delivery folder, or each sub-folder of a folder of deliveries (stopping at the first refused). */
export async function ingestPath(wh: Warehouse, path: string, opts: IngestOptions = {}): Promise<IngestResult[]> {
  const st = statSync(path);
  if (!st.isDirectory()) throw new Error(`${path} is not a folder (a delivery is a folder of extract files)`);
  const profile = typeof opts.profile === 'object' ? opts.profile : loadProfile(opts.profile);
  const entries = readdirSync(path, { withFileTypes: true }).filter((e) => !e.name.startsWith('.'));
  const hasFiles = entries.some((e) => e.isFile() && kindOfFile(e.name, profile));
  const subfolders = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  if (hasFiles || subfolders.length === 0) return [await loadDelivery(wh, path, profile, opts)];
  const results: IngestResult[] = [];
  for (const sub of subfolders) {
    const result = await loadDelivery(wh, join(path, sub), profile, opts);
    results.push(result);
    if (result.status === 'refused') break;
  }
  return results;
}

function listDelivery(dir: string, profile: Profile): { files: DeliveryFile[]; skipped: string[] } {
  const files: DeliveryFile[] = [];
  const skipped: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name.startsWith('.') || !e.isFile() || e.name === manifestName) continue;
    const kind = kindOfFile(e.name, profile);
    if (!kind) {
      skipped.push(e.name);
      continue;
    }
    const spec = kinds.find((k) => k.kind === kind)!;
    files.push({ path: join(dir, e.name), size: statSync(join(dir, e.name)).size, fileName: e.name, spec, format: /\.parquet$/i.test(e.name) ? 'parquet' : 'csv' });
  }
  // Contract order (references before what uses them), then name order.
  files.sort((a, b) => kinds.indexOf(a.spec) - kinds.indexOf(b.spec) || a.fileName.localeCompare(b.fileName));
  return { files, skipped };
}

/** Runs one statement, reporting DuckDB's own query progress (0..1) while it runs. */
async function runWithProgress(wh: Warehouse, sql: string, params: Params, onFraction?: (f: number) => void): Promise<void> {
  if (!onFraction) return wh.run(sql, params);
  const timer = setInterval(() => {
    const p = wh.conn.progress;
    if (p.percentage >= 0) onFraction(Math.min(1, p.percentage / 100));
  }, 150);
  try {
    await wh.run(sql, params);
  } finally {
    clearInterval(timer);
  }
}

function csvErrorLine(message: string): number {
  const m = /CSV Error on Line: (\d+)/.exec(message);
  return m ? Number(m[1]) : 0;
}

async function loadDelivery(wh: Warehouse, dir: string, profile: Profile, opts: IngestOptions): Promise<IngestResult> {
  const t0 = Date.now();
  const startedAt = new Date();
  const threshold = opts.rejectThreshold ?? 0.01;
  const today = opts.today ?? localToday();
  dateLiteral(today); // a bad --today stops here, before anything is read
  const progress = opts.progress;
  const manifest = readManifest(dir);
  const { files, skipped } = listDelivery(dir, profile);
  const loadId = await nextLoadId(wh);
  progress?.note(`delivery ${dir} (load ${loadId}): ${files.length} file(s)${skipped.length ? `, not extract files: ${skipped.join(', ')}` : ''}`);
  const result: IngestResult = {
    loadId, delivery: dir, status: 'loaded', files: [], rowsRead: 0, rowsLoaded: 0, rowsRejected: 0, reasons: [], skipped, ms: 0,
  };
  if (files.length === 0) result.reasons.push(`no extract files in ${dir} (expected names like deposits*.csv, loans*.parquet)`);

  // 1. Checksums and encodings of every file: one bar over the delivery's bytes.
  const fingerprint = createHash('sha256').update(JSON.stringify({ profile, encoding: opts.encoding ?? 'auto' }));
  if (manifest) fingerprint.update(`${manifestName}\0${JSON.stringify([...manifest.entries])}\0`);
  const totalBytes = sum(files.map((f) => f.size));
  const scanTask = files.length > 0 ? progress?.task('checksums', Math.max(1, totalBytes)) : undefined;
  let scannedBytes = 0;
  const blankLines: boolean[] = [];
  const mixed: (number | undefined)[] = [];
  const scans: { controls: boolean; quotes: boolean }[] = [];
  for (const f of files) {
    const scanned = await scanFile(f.path, scanTask && ((done) => scanTask.update(scannedBytes + done)));
    blankLines.push(scanned.blankLines);
    scans.push(scanned);
    // UTF-8 text with lines that are not UTF-8: no single encoding reads it right.
    mixed.push(f.format === 'csv' && (opts.encoding ?? 'auto') === 'auto' && scanned.detected === 'gb18030' ? await mixedEncodingLine(f.path) : undefined);
    scannedBytes += f.size;
    fingerprint.update(`${f.fileName}\0${scanned.sha256}\0`);
    result.files.push({
      fileName: f.fileName, kind: f.spec.kind, format: f.format,
      encoding: f.format === 'csv' ? chooseEncoding(opts.encoding ?? 'auto', scanned.detected) : null,
      bytes: scanned.bytes, sha256: scanned.sha256, rowsRead: 0, rowsLoaded: 0, rowsRejected: 0, extraColumns: [],
    });
  }
  scanTask?.done();
  const fp = fingerprint.digest('hex');
  const finish = () => {
    result.rowsRead = sum(result.files.map((f) => f.rowsRead));
    result.rowsLoaded = sum(result.files.map((f) => f.rowsLoaded));
    result.rowsRejected = sum(result.files.map((f) => f.rowsRejected));
    result.ms = Date.now() - t0;
    return result;
  };

  // Same files, profile and encoding as the last load that was applied: nothing can change.
  const last = await lastAppliedFingerprint(wh);
  if (files.length > 0 && last?.fingerprint === fp) {
    result.status = 'unchanged';
    result.sameAs = last.loadId;
    const before = await listLoadFiles(wh, last.loadId);
    for (const f of result.files) {
      const b = before.find((x) => x.file_name === f.fileName);
      f.rowsRead = Number(b?.rows_read ?? 0);
      f.rowsRejected = Number(b?.rows_rejected ?? 0);
      f.extraColumns = b?.extra_columns ?? [];
    }
    finish();
    await wh.transaction(() => recordLoad(wh, { ...result, reasons: [`same files as load ${last.loadId}: nothing to change`] }, startedAt, fp));
    return result;
  }

  const tmp = mkdtempSync(join(tmpdir(), 'jixiao-ingest-'));
  let failed = false;
  try {
    await wh.run(`create or replace temp table ing_files (file_no integer, file_name varchar)`);
    await wh.run(`create or replace temp table ing_rejects (kind varchar, file_no integer, line bigint, column_name varchar, value varchar, reason varchar)`);
    await wh.run(`create or replace temp table ing_extra (file_no integer, line bigint, column_name varchar, value varchar)`);
    await wh.run(`create or replace temp table ing_blanks (file_no integer, records bigint)`);
    // A file that cannot be read at all refuses the delivery; it is listed with the rejects too.
    const fileProblem = async (fileNo: number, line: number, column: string | null, reason: string) => {
      const f = files[fileNo]!;
      result.reasons.push(`${f.fileName}${line ? ` line ${line}` : ''}${column ? ` column ${column}` : ''}: ${reason}`);
      await wh.run(`insert into ing_rejects values ($kind, $no, $line, $column, null, $reason)`, {
        kind: f.spec.kind, no: fileNo, line, column, reason,
      });
    };

    // 2. Stage every file into the typed temp table of its kind.
    const staged = new Map<KindSpec, number[]>();
    const figures: FileFigures[] = [];
    for (const [fileNo, f] of files.entries()) {
      await wh.run(`insert into ing_files values ($no, $name)`, { no: fileNo, name: f.fileName });
      const fr = result.files[fileNo]!;
      if (mixed[fileNo] !== undefined) {
        await fileProblem(fileNo, mixed[fileNo]!, null,
          'mixed encoding: the file holds UTF-8 text and, from this line, bytes that are not UTF-8; ' +
          're-export it in one encoding, or force one with --encoding utf8|gbk');
        continue;
      }
      // The bar of a file runs over its bytes: a GBK transcode takes the first half, DuckDB's
      // parse (its own query progress) the rest.
      const task = progress?.task(f.fileName, Math.max(1, f.size));
      let readPath = f.path;
      let header: string[];
      if (f.format === 'csv') {
        if (fr.encoding === 'gb18030') {
          readPath = join(tmp, `${fileNo}.csv`);
          await whatFailed(`writing the UTF-8 copy of ${f.fileName} (${readPath})`, () => transcodeToUtf8(f.path, readPath, task && ((done) => task.update(done * 0.5))));
        }
        header = readCsvHeader(readPath);
      } else {
        try {
          const cols = await wh.query<{ column_name: string }>(`describe select * from read_parquet($path)`, { path: f.path });
          header = cols.map((c) => c.column_name);
        } catch (e) {
          await fileProblem(fileNo, 0, null, `cannot read the Parquet file: ${firstLine(e)}`);
          task?.done();
        continue;
        }
      }
      const mapping = mapHeader(f.spec, header, profile);
      fr.extraColumns = mapping.extra.map((x) => x.name);
      if (mapping.problems.length > 0) {
        for (const p of mapping.problems) await fileProblem(fileNo, 1, p.column, p.reason);
        task?.done();
        continue;
      }
      const positions = new Map<string, number>();
      mapping.columns.forEach((c, i) => c && positions.set(c.name, i));
      const aliases = new Map(f.spec.columns.map((c) => {
        const m = valueAliases(profile, f.spec.kind, c.name);
        // Enum values match case-insensitively: 'Normal' is normal.
        for (const v of c.values ?? []) if (!m.has(v.toLowerCase())) m.set(v.toLowerCase(), v);
        return [c.name, m] as const;
      }));
      // Columns outside the contract cost nothing: all are named in load_files, the values of the
      // first keptExtraColumns are kept aside (a file may carry thousands of unused columns).
      const extra = mapping.extra.slice(0, keptExtraColumns).map((x) => x.position);
      const { sql, params } = stageSql(f.spec, { format: f.format, width: header.length, positions, extra, aliases }, fileNo);
      const base = fr.encoding === 'gb18030' ? f.size * 0.5 : 0;
      try {
        await runWithProgress(wh, sql, { ...params, path: readPath }, task && ((x) => task.update(base + x * (f.size - base))));
        staged.set(f.spec, [...(staged.get(f.spec) ?? []), fileNo]);
      } catch (e) {
        const line = csvErrorLine((e as Error).message);
        const tooLong = /Maximum line size of (\d+) bytes exceeded/.exec((e as Error).message);
        const field = tooLong && line > 0 ? await longestField(readPath, line) : undefined;
        if (field) {
          await fileProblem(fileNo, line, header[field.position] ?? `#${field.position + 1}`,
            `a field of ${field.bytes.toLocaleString('en-US')} bytes, longer than a line may be (${Number(tooLong![1]).toLocaleString('en-US')} bytes); ` +
            'check the extract (an unclosed quote, a broken export)');
        } else await fileProblem(fileNo, line, null, `cannot read the file: ${firstLine(e)}`);
        task?.done();
        continue;
      }
      if (blankLines[fileNo] && f.format === 'csv') {
        const records = await blankLineRecords(readPath);
        await wh.run(`insert into ing_blanks select $no, unnest(string_split($records, ',')::bigint[])`, { no: fileNo, records: records.join(',') });
      }
      await wh.run(fileViewSql(f.spec, fileNo, blankLines[fileNo] === true && f.format === 'csv'));
      const money = f.spec.controlTotal;
      const rows = await wh.query<{ n: string; total: string }>(
        `select count(*) as n, ${money ? `coalesce(sum(${money}), 0)::decimal(38,2)::varchar` : `''`} as total from ${fileTable(f.spec, fileNo)}`,
      );
      fr.rowsRead = Number(rows[0]!.n);
      figures.push({ fileName: f.fileName, rows: fr.rowsRead, money: money ? { column: money, total: rows[0]!.total } : undefined });
      task?.done(fr.rowsRead);
      if (extra.length > 0) await keepExtraColumns(wh, f.spec, fileNo, fr.extraColumns.slice(0, keptExtraColumns));
      if (readPath !== f.path) rmSync(readPath, { force: true });
    }

    for (const [spec, fileNos] of staged) await wh.run(kindViewSql(spec, fileNos));

    // The manifest, when there is one, must describe exactly the files that could be read.
    if (manifest && result.reasons.length === 0) result.reasons.push(...checkManifest(manifest, figures));
    // A snapshot of a month-end still to come refuses the delivery (a mis-dated extract).
    for (const spec of staged.keys()) result.reasons.push(...(await futureSnapshots(wh, spec, today)));

    // 3. Checks, in contract order so references see the good rows of the kinds before them.
    const refsBuilt = new Set<RefKind>();
    if (staged.size > 0) progress?.note(`checking types, references and keys of ${[...staged.keys()].map((k) => k.kind).join(', ')}`);
    for (const spec of kinds) {
      if (!staged.has(spec)) continue;
      for (const rk of refKinds) {
        const refSpec = kinds.find((k) => k.kind === rk)!;
        if (refsBuilt.has(rk) || kinds.indexOf(refSpec) >= kinds.indexOf(spec)) continue;
        await wh.run(refKeysSql(rk, staged.has(refSpec)));
        refsBuilt.add(rk);
      }
      // Files that may hold a control character in a field: a control byte, a quote (a quoted
      // field may hold a line break), or Parquet (not scanned byte by byte).
      const controlFiles = staged.get(spec)!.filter((n) => files[n]!.format === 'parquet' || scans[n]!.controls || scans[n]!.quotes);
      for (const sql of rejectChecksSql(spec, (rk) => refsBuilt.has(rk), today, controlFiles)) await wh.run(sql);
      await prune(wh, spec, staged.get(spec)!);
      const whole = spec.kind === 'orgs' ? orgTreeSql() : spec.kind === 'assignments' ? assignmentSharesSql() : undefined;
      if (whole) {
        await wh.run(whole);
        await prune(wh, spec, staged.get(spec)!);
      }
    }
    const rejected = await wh.query<{ file_no: number; n: string }>(`select file_no, count(distinct line) as n from ing_rejects group by file_no`);
    for (const r of rejected) result.files[Number(r.file_no)]!.rowsRejected = Number(r.n);
    for (const fr of result.files) {
      fr.rowsLoaded = Math.max(0, fr.rowsRead - fr.rowsRejected);
      if (fr.rowsRead > 0 && fr.rowsRejected / fr.rowsRead > threshold) {
        result.reasons.push(
          `${fr.fileName}: ${fr.rowsRejected} of ${fr.rowsRead} rows rejected (${pct(fr.rowsRejected / fr.rowsRead)}), above the threshold of ${pct(threshold)}`,
        );
      }
    }

    // Restated and shrinking months: what the good rows would do to each month already loaded.
    const guards = await deliveryGuards(wh, [...staged.keys()], { restate: opts.restate ?? [], allowShrink: opts.allowShrink ?? false });
    result.months = guards.months;
    result.reasons.push(...guards.reasons);

    // 4. Refuse (record why, change nothing else), or apply everything in one transaction.
    if (result.reasons.length > 0) {
      result.status = 'refused';
      for (const f of result.files) f.rowsLoaded = 0;
      finish();
      await wh.transaction(async () => {
        await recordLoad(wh, result, startedAt, fp);
        await recordRejects(wh, loadId);
      });
      return result;
    }
    progress?.note(`writing ${sum(result.files.map((f) => f.rowsLoaded)).toLocaleString('en-US')} rows`);
    finish();
    await whatFailed(`writing the delivery into ${wh.path}`, () => wh.transaction(async () => {
      for (const sql of membershipSql([...staged.keys()], today)) await wh.run(sql, sql.includes('$load_id') ? { load_id: loadId } : undefined);
      for (const spec of kinds) {
        if (!staged.has(spec)) continue;
        const [del, insert] = applySql(spec);
        await wh.run(del!);
        await wh.run(insert!, { load_id: loadId });
      }
      await recordLoad(wh, result, startedAt, fp);
      await recordRejects(wh, loadId);
      await wh.run(
        `insert into load_extra_values select $id, f.file_name, x.line, x.column_name, x.value from ing_extra x join ing_files f using (file_no)`,
        { id: loadId },
      );
    }));
    return result;
  } catch (e) {
    failed = true;
    throw e;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    // Dropping the temp tables can fail too (a full disk): never instead of the first error.
    try {
      for (const spec of kinds) {
        await wh.run(`drop view if exists ${stageTable(spec)}`);
        for (const n of files.keys()) await wh.run(`drop view if exists ${fileView(spec, n)}; drop table if exists ${fileTable(spec, n)}`);
      }
      for (const rk of refKinds) await wh.run(`drop table if exists ing_keys_${rk}`);
      await wh.run(`drop table if exists ing_extra; drop table if exists ing_rejects; drop table if exists ing_files; drop table if exists ing_blanks`);
    } catch (e) {
      if (!failed) throw e;
    }
  }
}

/**
 * Runs fn; a full disk is reported as such, with what was being written (DuckDB's message names
 * the file), instead of whatever failed after it.
 */
async function whatFailed<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const message = (e as Error).message;
    if (/no space left on device|ENOSPC/i.test(message)) {
      throw new Error(`no space left on device while ${what}: ${message.split('\n')[0]} — nothing was loaded; free some space and load the delivery again`, { cause: e });
    }
    throw e;
  }
}

/** Drops the kind's rejected rows from its files' temp tables (files without rejects are not scanned). */
async function prune(wh: Warehouse, spec: KindSpec, fileNos: number[]): Promise<void> {
  const rows = await wh.query<{ file_no: number }>(`select distinct file_no from ing_rejects where kind = $kind`, { kind: spec.kind });
  for (const r of rows) if (fileNos.includes(Number(r.file_no))) await wh.run(pruneSql(spec, Number(r.file_no)));
}

/** Copies a file's extra (non-contract) columns x0, x1, … into ing_extra, long form. */
async function keepExtraColumns(wh: Warehouse, spec: KindSpec, fileNo: number, names: string[]): Promise<void> {
  for (const [i, name] of names.entries()) {
    await wh.run(
      `insert into ing_extra select $no, src_line, $name, x${i} from ${fileView(spec, fileNo)} where x${i} is not null`,
      { name, no: fileNo },
    );
  }
}

const firstLine = (e: unknown) => (e as Error).message.split('\n')[0]!;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const pct = (x: number) => `${(x * 100).toFixed(x < 0.1 ? 2 : 1).replace(/\.?0+$/, '')}%`;
