import { dbOption, resolveDbPath, UsageError, type Command } from '../command.ts';
import type { BuildResult } from '../../warehouse/build.ts';
import { buildAndPublish, type PublishedBuild } from '../../warehouse/results.ts';
import { formatCount, formatDuration, formatTable, Progress } from '../progress.ts';

function printSummary(r: BuildResult, out: NodeJS.WritableStream, all: boolean): void {
  out.write(`\nbuild ${r.buildId}  BUILT  ${r.models} models, ${r.checks} checks passed  (${formatDuration(r.ms)}, ${r.ms} ms)\n`);
  if (r.wide) out.write('amounts beyond the 64-bit intermediates: built again with 128-bit decimals (wide form, slower; sql/README.md)\n');
  const layers = ['input', 'staging', 'intermediate', 'marts', 'check', 'warning'];
  const byLayer = layers.map((layer) => {
    const steps = r.steps.filter((s) => s.layer === layer);
    return {
      layer,
      steps: formatCount(steps.length),
      rows: layer === 'staging' || layer === 'check' || layer === 'warning' ? '' : formatCount(steps.reduce((n, s) => n + (s.rows ?? 0), 0)),
      ms: formatCount(steps.reduce((n, s) => n + s.ms, 0)),
    };
  });
  out.write(
    formatTable(
      [
        { key: 'layer', title: 'layer' },
        { key: 'steps', title: 'steps', align: 'right' },
        { key: 'rows', title: 'rows written', align: 'right' },
        { key: 'ms', title: 'ms', align: 'right' },
      ],
      byLayer,
    ),
  );
  const listed = all ? r.steps : [...r.steps].sort((a, b) => b.ms - a.ms).slice(0, 5);
  out.write(all ? '\nevery step:\n' : '\nslowest steps:\n');
  out.write(
    formatTable(
      [
        { key: 'name', title: 'model' },
        { key: 'kind', title: 'kind' },
        { key: 'rows', title: 'rows', align: 'right' },
        { key: 'ms', title: 'ms', align: 'right' },
      ],
      listed.map((s) => ({ name: s.name, kind: s.kind, rows: s.rows === null ? '' : formatCount(s.rows), ms: formatCount(s.ms) })),
    ),
  );
}

/** The build's warnings (sql/warnings/), last, so that they are what a reader sees. */
export function printWarnings(r: BuildResult, out: NodeJS.WritableStream): void {
  if (r.warnings.length === 0) {
    out.write('\nno warnings\n');
    return;
  }
  out.write(`\n${r.warnings.length} warning${r.warnings.length === 1 ? '' : 's'} (kept in build_warnings; shown to head office and admins):\n`);
  for (const w of r.warnings) {
    out.write(`\nWARNING ${w.warning}: ${w.title.en} — ${formatCount(w.items)} item${w.items === 1 ? '' : 's'} (${w.path})\n`);
    for (const d of w.details) out.write(`  - ${d}\n`);
    if (w.items > w.details.length) out.write(`  … and ${formatCount(w.items - w.details.length)} more\n`);
  }
}

const buildCommand: Command = {
  name: 'build',
  summary: 'Build the models (staging, intermediate, marts) and run their checks, all or nothing',
  usage: '[--db FILE] [--config DIR] [--memory-limit 3GB] [--concurrency 2] [--keep-intermediates] [--verbose]',
  description: `
Copies the ledger (--db, as the loads left it) into a new results file beside it
(<db>.results/build-NNNNNN.duckdb), loads the configuration inputs (config/expected_loss.json, …)
into cfg_* tables there, runs every SQL model under sql/staging, sql/intermediate and sql/marts in
dependency order, then every check under sql/checks — all or nothing (the warnings under
sql/warnings run beside the checks, never fail the build, are kept in build_warnings and listed
at the end): only when every check passed
is the new file published (<db>.results/CURRENT renamed over); a running server switches to it
within seconds, requests in flight finish on the previous one. If a model, a check or an input
fails, nothing is published and the previous results stay served. Runs beside a server and beside
a load (which is not in this build). Each model's rows and time are recorded in build_models (see
build_log) of the ledger and of the results file. The large
intermediates nothing reads afterwards (header '-- materialised: build only') live in memory for
the build only; --keep-intermediates writes them into the results file too, to inspect them.
Independent models and checks run two at a time; --concurrency 1 runs one at a time, which gives
each the whole --memory-limit (a bank that spills to disk). A bank of a million clients builds
within --memory-limit 2.5GB (peak 2.9–3.1 GiB of memory, 12–14 minutes on two cores: BENCHMARKS.md). Off a
terminal, --verbose writes a line per finished step as it goes (for logs of long builds).
Any amount that fits DECIMAL(18,2) builds: when sums outgrow the 64-bit intermediates (a client
figure beyond ~10^10 yuan), the build says so and runs again with 128-bit decimals (slower).
Exit status: 0 built and published, 1 failed (previous results kept), 2 bad usage.`,
  options: {
    db: dbOption,
    config: { type: 'string', help: 'DIR   configuration folder (default: the project config/)' },
    'memory-limit': { type: 'string', help: 'SIZE  DuckDB memory limit for the build, e.g. 3GB (default: 80% of RAM; beyond it DuckDB spills to disk)' },
    concurrency: { type: 'string', help: 'N     models and checks run at once, 1–8 (default 2)' },
    'keep-intermediates': { type: 'boolean', help: '      keep the build-only intermediates (int_client_months, …) in the warehouse, to inspect them' },
    verbose: { type: 'boolean', short: 'v', help: '      list every step, not only the slowest' },
  },
  async run({ values, out, err }) {
    if (values.config !== undefined && (typeof values.config !== 'string' || values.config === '')) {
      throw new UsageError('--config needs a folder');
    }
    const memoryLimit = typeof values['memory-limit'] === 'string' ? values['memory-limit'] : undefined;
    if (memoryLimit !== undefined && !/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(memoryLimit)) {
      throw new UsageError(`--memory-limit must look like 3GB or 512MB, not '${memoryLimit}'`);
    }
    let concurrency: number | undefined;
    if (values.concurrency !== undefined) {
      concurrency = Number(values.concurrency);
      if (typeof values.concurrency !== 'string' || !/^\d+$/.test(values.concurrency) || concurrency < 1 || concurrency > 8) {
        throw new UsageError(`--concurrency takes a whole number from 1 to 8, not '${String(values.concurrency)}'`);
      }
    }
    const db = resolveDbPath(values.db);
    {
      // The shared progress bars count bytes; a build counts steps, so it draws its own line, on a
      // terminal only (Progress.for is undefined otherwise).
      const tty = Progress.for(err) !== undefined;
      const started = Date.now();
      const draw = (index: number, total: number, name: string, final = false) => {
        const width = 24;
        const filled = Math.round((index / Math.max(1, total)) * width);
        err.write(
          `\r\x1b[2Kbuild  [${'#'.repeat(filled)}${'.'.repeat(width - filled)}]  ${index}/${total}  ` +
            `${formatDuration(Date.now() - started)}  ${name}${final ? '\n' : ''}`,
        );
      };
      let last = { index: 0, total: 0 };
      let result: PublishedBuild;
      try {
        result = await buildAndPublish(db, {
          configDir: typeof values.config === 'string' ? values.config : undefined,
          memoryLimit,
          concurrency,
          keepIntermediates: values['keep-intermediates'] === true,
          progress: (p) => {
            last = { index: p.index, total: p.total };
            if (tty) draw(p.done ? p.index : p.index - 1, p.total, `${p.phase} ${p.name}`);
            else if (values.verbose === true && p.done) {
              const rows = p.rows === null || p.rows === undefined ? '' : `  ${formatCount(p.rows)} rows`;
              err.write(`build  ${p.index}/${p.total}  ${formatDuration(Date.now() - started)}  ${p.phase} ${p.name}${rows}  ${p.ms ?? 0} ms\n`);
            }
          },
        });
        if (tty) draw(last.total, last.total, 'done', true);
      } catch (e) {
        if (tty) draw(last.index, last.total, 'failed', true);
        err.write(`jixiao build: FAILED — ${(e as Error).message}\n`);
        return 1;
      }
      printSummary(result, out, values.verbose === true);
      out.write(`\npublished ${result.file}: a running server switches to it within seconds\n`);
      printWarnings(result, out);
      if (result.logWarning) err.write(`warning: ${result.logWarning}\n`);
      return 0;
    }
  },
};
export default buildCommand;
