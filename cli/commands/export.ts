import { writeFileSync } from 'node:fs';
import { dbOption, resolveDbPath, UsageError, type Command } from '../command.ts';
import { openResults } from '../../warehouse/results.ts';
import { loadExportKinds } from '../../warehouse/exports/_discover.ts';
import { checkRequest } from '../../warehouse/exports/_common.ts';
import { ExportRequestError } from '../../warehouse/exports/_kind.ts';
import { toCsv } from '../../report/csv.ts';
import { toXlsx } from '../../report/xlsx.ts';
import { toJson } from '../../report/json.ts';
import type { Lang } from '../../report/labels.ts';
import { formatCount } from '../progress.ts';
import { entriesPathFor } from '../../warehouse/entries.ts';
import { reviewsPathFor } from '../../warehouse/reviews.ts';
import { downloadNotes } from '../../warehouse/queries/delivery.ts';
import { readerOf } from '../../warehouse/queries/reader.ts';

const formats = ['csv', 'json', 'xlsx'] as const;
type Format = (typeof formats)[number];

const exportCommand: Command = {
  name: 'export',
  summary: 'Write a mart for a period as CSV, JSON or Excel (managers, orgs, clients, …)',
  usage: '<kind> --period P [--org ID] [--format csv|json|xlsx] [--out FILE] [--lang zh|en] [--db FILE]',
  description: `
<kind> is one of the files in warehouse/exports/ (run with an unknown kind to list them).
'managers' is the league of the --org node (the whole bank without it), as the dashboard shows it:
every metric, profit contribution against base and target, and the achievement of the main
indicators of the schemes in force there (achievement__<metric>; a month: by elapsed time).
'unassigned' lists the unassigned bucket (未分配): one row per org node whose subtree booked
business no manager held, every metric; a node's row plus its managers ('managers --org ID')
make the node ('orgs'). 'entries' lists every entry and change people made on the scorecards of a
scoring period (--period 2026-06-ytd): who, when, item, old value, new value, note (the audit trail).
'payroll' (--org ID --period 2026-06-ytd) lists the locked cards of the node's subtree with the pay
as locked, what the year's earlier locks paid, the payable fixed at the lock and the public pool
allocated: the payroll of GET /api/orgs/{org_id}/payroll.
'scorecards' shows the cards of a scoring period as they stand: with the points people entered,
and a locked card as it was approved (score_locked), as the card page shows them.
Periods: month 2026-03, quarter 2026-Q1, half 2026-H1, year 2026, year-to-date 2026-05-ytd.
CSV (UTF-8 with BOM, for Excel) and XLSX have Chinese headers by default (--lang en for English);
JSON keys are the metric names, one object per row, the subject's id in every row, exact decimals.
Without --out the file goes to standard output (XLSX needs --out).
Exit status: 0 written, 1 failed, 2 bad usage (unknown kind, bad or unbuilt period, unknown org).`,
  positionals: true,
  options: {
    db: dbOption,
    period: { type: 'string', help: 'P     period key (required)' },
    org: { type: 'string', help: 'ID    only this org node and its subtree' },
    format: { type: 'string', help: 'F     csv (default), json or xlsx' },
    out: { type: 'string', help: 'FILE  where to write (default: standard output)' },
    lang: { type: 'string', help: 'L     header language: zh (default) or en' },
  },
  async run({ values, positionals, out, err }) {
    const kinds = await loadExportKinds();
    const [kindName, ...extra] = positionals;
    const names = kinds.map((k) => k.kind).join(', ');
    if (!kindName) throw new UsageError(`which export? one of: ${names}`);
    if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}'`);
    const kind = kinds.find((k) => k.kind === kindName);
    if (!kind) throw new UsageError(`unknown export kind '${kindName}': one of ${names}`);
    if (typeof values.period !== 'string') throw new UsageError('--period is required, e.g. --period 2026-Q2');
    const format = (values.format ?? 'csv') as Format;
    if (!formats.includes(format)) throw new UsageError(`--format must be csv, json or xlsx, not '${String(values.format)}'`);
    const lang = (values.lang ?? 'zh') as Lang;
    if (lang !== 'zh' && lang !== 'en') throw new UsageError(`--lang must be zh or en, not '${String(values.lang)}'`);
    const outFile = typeof values.out === 'string' && values.out !== '' ? values.out : undefined;
    if (format === 'xlsx' && !outFile) throw new UsageError('--format xlsx needs --out FILE');
    const org = typeof values.org === 'string' ? values.org : undefined;

    // The published results, read-only: works beside a server, a load and a build.
    const dbPath = resolveDbPath(values.db);
    const wh = await openResults(dbPath);
    try {
      const req = { period: values.period, org, entriesFile: entriesPathFor(dbPath), reviewsFile: reviewsPathFor(dbPath) };
      const built = await (async () => {
        try {
          await checkRequest(wh, req, kind);
          return await kind.table(wh, req);
        } catch (e) {
          if (e instanceof ExportRequestError) throw new UsageError(e.message);
          throw e;
        }
      })();
      const table = { ...built, notes: await downloadNotes(readerOf(wh), built.columns.map((c) => c.key), req.period) };
      const body: string | Buffer =
        format === 'csv' ? toCsv(table, lang) : format === 'json' ? toJson(table) : await toXlsx(table, lang, kind.sheet);
      if (outFile) {
        writeFileSync(outFile, body);
        err.write(`${kind.kind} ${req.period}${org ? ` (org ${org})` : ''}: ${formatCount(table.rows.length)} rows → ${outFile}\n`);
      } else {
        // `jixiao export … | head`: the reader may close the pipe early; that is not an error.
        out.on('error', (e: NodeJS.ErrnoException) => {
          if (e.code !== 'EPIPE') throw e;
        });
        out.write(body);
      }
      return 0;
    } finally {
      wh.close();
    }
  },
};
export default exportCommand;
