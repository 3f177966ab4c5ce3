// Progress bars for long CLI work (to stderr, only on a terminal) and aligned summary tables.
// Reused by ingest, generate and build: a Progress hands out one bar per task, drawn on one line
// that is redrawn in place and closed with a final line when the task is done.

/** Display width of a string on a terminal: CJK and full-width characters take two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w +=
      (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x20000 && c <= 0x3fffd)
        ? 2
        : 1;
  }
  return w;
}

function pad(s: string, width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return align === 'right' ? fill + s : s + fill;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${Math.round(n)} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m${String(s % 60).padStart(2, '0')}s` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

export interface TableColumn {
  key: string;
  title: string;
  align?: 'left' | 'right';
}

/** An aligned plain-text table (header, rule, rows); values printed as given, null as empty. */
export function formatTable(columns: TableColumn[], rows: Record<string, unknown>[]): string {
  const text = (v: unknown) => (v === null || v === undefined ? '' : Array.isArray(v) ? v.join(', ') : String(v));
  const cells = rows.map((r) => columns.map((c) => text(r[c.key]).replace(/\s*\n\s*/g, ' | ')));
  const widths = columns.map((c, i) => Math.max(displayWidth(c.title), ...cells.map((row) => displayWidth(row[i]!))));
  const line = (vals: string[]) =>
    vals.map((v, i) => pad(v, widths[i]!, columns[i]!.align ?? 'left')).join('  ').trimEnd();
  return [line(columns.map((c) => c.title)), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n') + '\n';
}

/** One bar: done/total work units, rows so far, rate and ETA. */
export class ProgressBar {
  private readonly started = Date.now();
  private lastDraw = 0;
  private doneUnits = 0;
  private rows: number | undefined;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly label: string,
    private readonly total: number,
    /** Units per byte of the task (a file read twice counts its bytes twice). */
    private readonly unitsPerByte = 1,
  ) {}

  update(done: number, rows?: number): void {
    this.doneUnits = Math.max(this.doneUnits, Math.min(done, this.total));
    if (rows !== undefined) this.rows = rows;
    const now = Date.now();
    if (now - this.lastDraw < 100) return;
    this.lastDraw = now;
    this.draw(false);
  }

  done(rows?: number): void {
    if (rows !== undefined) this.rows = rows;
    this.doneUnits = this.total;
    this.draw(true);
  }

  private draw(final: boolean): void {
    const elapsed = Math.max(1, Date.now() - this.started);
    const frac = this.total > 0 ? this.doneUnits / this.total : 1;
    const width = 24;
    const filled = Math.round(frac * width);
    const bytes = this.doneUnits / this.unitsPerByte;
    const rate = (bytes / elapsed) * 1000;
    const parts = [
      pad(this.label, 22, 'left'),
      `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`,
      `${(frac * 100).toFixed(0).padStart(3)}%`,
      `${formatBytes(bytes)}`,
      `${formatBytes(rate)}/s`,
    ];
    if (this.rows !== undefined) parts.push(`${formatCount(this.rows)} rows`);
    parts.push(final ? formatDuration(elapsed) : frac > 0.02 ? `ETA ${formatDuration((elapsed / frac) * (1 - frac))}` : 'ETA …');
    this.stream.write(`\r\x1b[2K${parts.join('  ')}${final ? '\n' : ''}`);
  }
}

/** Hands out bars on a terminal stream; `Progress.for(stream)` is undefined when it is not a TTY. */
export class Progress {
  constructor(private readonly stream: NodeJS.WritableStream) {}

  static for(stream: NodeJS.WritableStream): Progress | undefined {
    return (stream as NodeJS.WriteStream).isTTY ? new Progress(stream) : undefined;
  }

  task(label: string, total: number, unitsPerByte = 1): ProgressBar {
    return new ProgressBar(this.stream, label, total, unitsPerByte);
  }

  note(text: string): void {
    this.stream.write(`\r\x1b[2K${text}\n`);
  }
}
