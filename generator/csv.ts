// Streaming CSV writer: rows are built as text by the caller, gathered into ~1 MB chunks, encoded
// (UTF-8 or GBK) and written with backpressure, so the large scale never holds a file in memory.
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import iconv from 'iconv-lite';

export type FileEncoding = 'utf8' | 'gbk';

const chunkChars = 1 << 16;

/** A text field quoted when it holds a delimiter, quote or line break. */
export function field(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Fen (integer) → yuan with two decimals, exact: 123456 → "1234.56", -5 → "-0.05". */
export function yuan(fen: number): string {
  const neg = fen < 0;
  const a = Math.abs(fen);
  const whole = Math.floor(a / 100);
  const cents = a - whole * 100;
  return `${neg ? '-' : ''}${whole}.${cents < 10 ? '0' : ''}${cents}`;
}

/** Hundredths of a percent → percent with two decimals: 345 → "3.45". */
export function pct(hundredths: number): string {
  return yuan(hundredths);
}

export class CsvFile {
  rows = 0;
  bytes = 0;
  /** Sum of the money column in fen, for the delivery's manifest (files that have one). */
  fen = 0;
  private parts: string[] = [];
  private chars = 0;
  private readonly stream: WriteStream;
  private error: Error | undefined;

  constructor(readonly path: string, header: readonly string[], private readonly encoding: FileEncoding, readonly money = false) {
    this.stream = createWriteStream(path);
    this.stream.on('error', (e) => (this.error = e));
    this.parts.push(header.map(field).join(',') + '\n');
  }

  /**
   * Adds one line (with its "\n") and its money column's amount in fen (files that have one); true
   * when the buffer is full and the caller should `await flush()`.
   */
  push(line: string, fen = 0): boolean {
    this.parts.push(line);
    this.rows++;
    this.fen += fen;
    this.chars += line.length;
    return this.chars >= chunkChars;
  }

  async flush(): Promise<void> {
    if (this.error) throw this.error;
    if (this.parts.length === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.chars = 0;
    const buf = this.encoding === 'gbk' ? iconv.encode(text, 'gbk') : Buffer.from(text, 'utf8');
    this.bytes += buf.length;
    if (!this.stream.write(buf)) await once(this.stream, 'drain');
  }

  async close(): Promise<{ path: string; rows: number; bytes: number; fen?: number }> {
    await this.flush();
    this.stream.end();
    if (!this.stream.writableFinished) await once(this.stream, 'finish');
    if (this.error) throw this.error;
    if (!Number.isSafeInteger(this.fen)) throw new Error(`${this.path}: the control total is beyond exact integers`);
    return { path: this.path, rows: this.rows, bytes: this.bytes, ...(this.money ? { fen: this.fen } : {}) };
  }
}

/**
 * The delivery's manifest.csv (EXTRACTS.md "Deliveries"): each data file's rows and the sum of its
 * money column (empty for files without one). ASCII, or the file names in the delivery's encoding.
 */
export function manifestText(files: { path: string; rows: number; fen?: number }[], encoding: FileEncoding): Buffer {
  const lines = ['file,rows,control_total', ...files.map((f) => `${field(f.path.replace(/^.*[\\/]/, ''))},${f.rows},${f.fen === undefined ? '' : yuan(f.fen)}`)];
  const text = lines.join('\n') + '\n';
  return encoding === 'gbk' ? iconv.encode(text, 'gbk') : Buffer.from(text, 'utf8');
}
