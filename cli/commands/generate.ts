import { UsageError, type Command } from '../command.ts';
import { generateBank } from '../../generator/index.ts';
import { formatBytes, formatCount, formatDuration, formatTable, Progress, type ProgressBar } from '../progress.ts';
import { periodType } from '../../contract/periods.ts';

const generate: Command = {
  name: 'generate',
  summary: 'Write a synthetic bank as extract deliveries: reference files once, then one folder per month',
  usage: '--out DIR [--scale tiny|demo|large|<clients>] [--seed N] [--from YYYY-MM --to YYYY-MM] [--encoding utf8|gbk] [--headers en|zh] [--format csv|parquet] [--bad-risk-multiplier X]',
  description: `
Writes DIR/00-reference/ (orgs, managers, clients, assignments, products, FTP curves in CNY and
USD, targets) and DIR/2025-01/, DIR/2025-02/, … (deposits — some corporate clients in USD —, loans,
fees, sales, visits, the month-end USD rate in fx_rates; adjustments at quarter ends),
so that \`jixiao ingest DIR\` loads them in order, month by month. DIR/truth.json records what was
planted: bad-risk managers, top sellers, the lagging sub-branch, premium clients, demo ids.
The same seed gives byte-identical files. --headers zh writes the Chinese export layout of the
shipped mapping profile (config/profiles/zh-core.json): Chinese file names, headers and codes,
YYYYMMDD dates; use it with --encoding gbk for a GBK core-system export.
--bad-risk-multiplier sets how many times as often the bad-risk managers' loans start missing
payments (default 4, recorded in truth.json): on a small bank each manager books too few loans for
4× to show manager by manager, and a stronger plant puts them at the top of the risk ranking.
Scales: tiny (50 clients, 3 months), demo (20,000 clients, 18 months), large (1,000,000 clients,
18 months), or a client count. A folder holding an earlier generation is replaced; any other
non-empty folder is refused.`,
  options: {
    out: { type: 'string', help: 'DIR   output folder (required)' },
    scale: { type: 'string', help: 'S     tiny|demo|large|<clients> (default demo)' },
    seed: { type: 'string', help: 'N     PRNG seed (default 1)' },
    from: { type: 'string', help: 'YYYY-MM  first month (default 2025-01)' },
    to: { type: 'string', help: 'YYYY-MM  last month (default 2026-06; tiny: 2025-03)' },
    encoding: { type: 'string', help: 'ENC   utf8|gbk (default utf8)' },
    headers: { type: 'string', help: 'LANG  en|zh: contract names, or the Chinese export layout (default en)' },
    format: { type: 'string', help: 'FMT   csv|parquet: how the monthly ledger files are written (default csv; parquet needs --headers en)' },
    'bad-risk-multiplier': { type: 'string', help: 'X     default rate of the bad-risk managers\' loans, times the rest\'s: 1 to 100 (default 4)' },
  },
  async run({ values, out, err }) {
    const dir = values.out;
    if (typeof dir !== 'string' || dir.length === 0) throw new UsageError('--out DIR is required');
    const seedText = (values.seed as string | undefined) ?? '1';
    if (!/^\d{1,15}$/.test(seedText)) throw new UsageError(`--seed must be a non-negative integer, not '${seedText}'`);
    const encoding = (values.encoding as string | undefined) ?? 'utf8';
    if (encoding !== 'utf8' && encoding !== 'gbk') throw new UsageError('--encoding is utf8 or gbk');
    const headers = (values.headers as string | undefined) ?? 'en';
    if (headers !== 'en' && headers !== 'zh') throw new UsageError('--headers is en or zh');
    for (const k of ['from', 'to'] as const) {
      const v = values[k];
      if (v !== undefined && periodType(String(v)) !== 'month') throw new UsageError(`--${k} must be a month YYYY-MM, not '${v}'`);
    }
    const format = (values.format as string | undefined) ?? 'csv';
    if (format !== 'csv' && format !== 'parquet') throw new UsageError('--format is csv or parquet');
    if (format === 'parquet' && (headers !== 'en' || encoding !== 'utf8')) throw new UsageError('--format parquet goes with --headers en and --encoding utf8');
    const multiplierText = values['bad-risk-multiplier'] as string | undefined;
    if (multiplierText !== undefined && !(/^\d+(\.\d+)?$/.test(multiplierText) && Number(multiplierText) >= 1 && Number(multiplierText) <= 100)) {
      throw new UsageError(`--bad-risk-multiplier is a number from 1 to 100, not '${multiplierText}'`);
    }
    const scale = (values.scale as string | undefined) ?? 'demo';
    if (!/^(tiny|demo|large|\d+)$/.test(scale)) throw new UsageError(`--scale is tiny, demo, large or a client count, not '${scale}'`);

    const bars = Progress.for(err);
    const open = new Map<string, ProgressBar>();
    const summary = await generateBank({
      scale, seed: Number(seedText), out: dir, from: values.from as string | undefined, to: values.to as string | undefined,
      encoding, headers, format, badRiskMultiplier: multiplierText === undefined ? undefined : Number(multiplierText),
      progress: (phase, done, total) => {
        if (!bars) return;
        let bar = open.get(phase);
        if (!bar) open.set(phase, (bar = bars.task(phase === 'bank' ? 'bank and reference' : 'monthly deliveries', total)));
        if (done >= total) bar.done();
        else bar.update(done);
      },
    });
    out.write(
      formatTable(
        [
          { key: 'delivery', title: 'delivery' },
          { key: 'files', title: 'files', align: 'right' },
          { key: 'rows', title: 'rows', align: 'right' },
          { key: 'bytes', title: 'size', align: 'right' },
        ],
        [
          ...summary.deliveries.map((d) => ({
            delivery: d.name, files: d.files.length, rows: formatCount(d.files.reduce((a, f) => a + f.rows, 0)),
            bytes: formatBytes(d.files.reduce((a, f) => a + f.bytes, 0)),
          })),
          { delivery: 'total', files: summary.deliveries.reduce((a, d) => a + d.files.length, 0), rows: formatCount(summary.rows), bytes: formatBytes(summary.bytes) },
        ],
      ),
    );
    out.write(
      `${summary.scale} bank, seed ${summary.seed}: ${formatCount(summary.clients)} clients, ${formatCount(summary.managers)} managers, ` +
        `${summary.orgs} org nodes, ${summary.from} … ${summary.to}, written to ${summary.out} in ${formatDuration(summary.elapsedMs)}\n` +
        `planted cohorts and demo ids: ${summary.out}/truth.json\n`,
    );
    return 0;
  },
};
export default generate;
