import { existsSync, statSync } from 'node:fs';
import { dbOption, resolveDbPath, UsageError, type Command } from '../command.ts';
import { Warehouse } from '../../warehouse/db.ts';
import { ingestPath, type IngestResult } from '../../ingest/index.ts';
import { loadProfile, type Profile } from '../../ingest/profile.ts';
import { listRejects, type MonthChange } from '../../ingest/log.ts';
import type { EncodingChoice } from '../../ingest/encoding.ts';
import { formatCount, formatDuration, formatTable, Progress } from '../progress.ts';

const shownRejects = 20;

function printResult(r: IngestResult, out: NodeJS.WritableStream): void {
  out.write(`\nload ${r.loadId}  ${r.delivery}  ${r.status.toUpperCase()}  (${formatDuration(r.ms)})\n`);
  out.write(
    formatTable(
      [
        { key: 'file', title: 'file' },
        { key: 'kind', title: 'kind' },
        { key: 'encoding', title: 'encoding' },
        { key: 'read', title: 'rows read', align: 'right' },
        { key: 'loaded', title: 'loaded', align: 'right' },
        { key: 'rejected', title: 'rejected', align: 'right' },
        { key: 'extra', title: 'extra columns (kept aside)' },
      ],
      [
        ...r.files.map((f) => ({
          file: f.fileName, kind: f.kind, encoding: f.encoding ?? f.format, read: formatCount(f.rowsRead),
          loaded: formatCount(f.rowsLoaded), rejected: formatCount(f.rowsRejected), extra: f.extraColumns,
        })),
        { file: 'total', read: formatCount(r.rowsRead), loaded: formatCount(r.rowsLoaded), rejected: formatCount(r.rowsRejected) },
      ],
    ),
  );
  if (r.skipped.length) out.write(`not extract files, left alone: ${r.skipped.join(', ')}\n`);
  if (r.status !== 'unchanged' && r.months?.length) {
    const snapshot = (m: MonthChange) => `${formatCount(m.before!)} → ${formatCount(m.after!)} rows${m.change === 'new' ? ' (new month)' : m.change === 'same' ? ' (same rows)' : ' (restated)'}`;
    const events = (m: MonthChange) => `${formatCount(m.added!)} new, ${formatCount(m.changed!)} changed`;
    out.write(`months${r.status === 'refused' ? ' (had it loaded)' : ''}:\n`);
    for (const m of r.months) out.write(`  ${m.kind} ${m.month}: ${m.change === 'events' ? events(m) : snapshot(m)}\n`);
  }
  if (r.status === 'unchanged') {
    out.write(`same files as load ${r.sameAs}: the warehouse already holds them, nothing changed\n`);
    if (r.rowsRejected > 0) out.write(`(its rejected rows: jixiao rejects --load ${r.sameAs})\n`);
  }
  if (r.status === 'refused') {
    out.write('REFUSED — the warehouse is unchanged:\n');
    for (const reason of r.reasons) out.write(`  - ${reason}\n`);
  }
}

const ingest: Command = {
  name: 'ingest',
  summary: 'Load a delivery of extract files (CSV UTF-8/GBK, Parquet) into the warehouse, all or nothing',
  usage: '<folder> [--db FILE] [--profile FILE] [--reject-threshold 0.01] [--encoding auto|utf8|gbk] [--restate YYYY-MM]… [--allow-shrink] [--today YYYY-MM-DD]',
  description: `
<folder> holds one delivery (files named deposits*.csv, loans*.parquet, … see EXTRACTS.md), or
sub-folders that are deliveries: these load one by one in name order, stopping at the first refused.
Bad rows are set aside with file, line, column and reason (see \`jixiao rejects\`); when a file's
rejected rows exceed the threshold, or a file cannot be read, the whole delivery is refused.
The delivery is also refused when its manifest.csv does not match its files, when a snapshot
(deposits, loans) would replace a loaded month with other rows and --restate does not name that
month, when a snapshot month holds fewer than half the rows of the month before (unless
--allow-shrink), when a snapshot is dated after today, or when a file mixes UTF-8 with another
encoding. The summary shows, per month, snapshot rows before → after and event rows new/changed.
Exit status: 0 loaded (or unchanged), 1 refused, 2 bad usage.`,
  positionals: true,
  options: {
    db: dbOption,
    profile: { type: 'string', help: 'FILE  mapping profile: a JSON path, a name under config/profiles/, or none (default: zh-core)' },
    'reject-threshold': { type: 'string', help: 'SHARE refuse the delivery when a file has more rejected rows than this share (default 0.01)' },
    encoding: { type: 'string', help: 'ENC   auto|utf8|gbk (default auto: BOM → UTF-8, invalid UTF-8 → GB18030)' },
    restate: { type: 'string', multiple: true, help: 'YYYY-MM  a month this delivery restates: its snapshots may replace other loaded rows (repeatable)' },
    'allow-shrink': { type: 'boolean', help: '      let a snapshot month hold fewer than half the rows of the month before' },
    today: { type: 'string', help: 'YYYY-MM-DD  the day of the load, for tests (default: today); no ledger date may lie after it' },
  },
  async run({ values, positionals, out, err }) {
    if (positionals.length !== 1) throw new UsageError('give exactly one delivery folder');
    const folder = positionals[0]!;
    if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(`${folder} is not a folder`);
    const threshold = values['reject-threshold'] === undefined ? 0.01 : Number(values['reject-threshold']);
    if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) throw new UsageError('--reject-threshold is a share between 0 and 1, e.g. 0.01');
    const encoding = (values.encoding ?? 'auto') as string;
    if (!['auto', 'utf8', 'gbk'].includes(encoding)) throw new UsageError('--encoding is auto, utf8 or gbk');
    const restate = (values.restate ?? []) as string[];
    for (const m of restate) if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(m)) throw new UsageError(`--restate takes a month as YYYY-MM, not '${m}'`);
    const today = values.today as string | undefined;
    if (today !== undefined && !(/^\d{4}-\d{2}-\d{2}$/.test(today) && !Number.isNaN(Date.parse(`${today}T00:00:00Z`)))) {
      throw new UsageError(`--today takes a date as YYYY-MM-DD, not '${today}'`);
    }
    let profile: Profile;
    try {
      profile = loadProfile(values.profile as string | undefined);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const wh = await Warehouse.open(resolveDbPath(values.db));
    try {
      const results = await ingestPath(wh, folder, {
        profile, rejectThreshold: threshold, encoding: encoding as EncodingChoice, progress: Progress.for(err),
        restate, allowShrink: values['allow-shrink'] === true, today,
      });
      for (const r of results) {
        printResult(r, out);
        if (r.rowsRejected > 0 && r.status !== 'unchanged') {
          const rejects = await listRejects(wh, r.loadId, shownRejects);
          out.write(`\nrejected rows${r.rowsRejected > shownRejects ? ` (first ${shownRejects}; all: jixiao rejects --load ${r.loadId})` : ''}:\n`);
          out.write(formatTable(
            [
              { key: 'file_name', title: 'file' }, { key: 'line', title: 'line', align: 'right' },
              { key: 'column_name', title: 'column' }, { key: 'value', title: 'value' }, { key: 'reason', title: 'reason' },
            ],
            rejects,
          ));
        }
      }
      const refused = results.find((r) => r.status === 'refused');
      if (refused && results.length > 1) out.write(`\nstopped at ${refused.delivery} (refused); later deliveries were not loaded\n`);
      return refused ? 1 : 0;
    } finally {
      wh.close();
    }
  },
};
export default ingest;
