// A delivery's manifest.csv (EXTRACTS.md "Deliveries"): for every data file its row count and the
// sum of its money column. When a delivery holds one, every data file must be listed and match
// exactly — a file cut in transit, or swapped for another, is then refused before it is loaded.
import { existsSync, readFileSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { join } from 'node:path';
import { splitCsvRecord } from './encoding.ts';

export const manifestName = 'manifest.csv';

export interface ManifestEntry {
  /** Line of the entry in manifest.csv (the header is line 1). */
  line: number;
  rows: string;
  controlTotal: string;
}

export interface Manifest {
  entries: Map<string, ManifestEntry>;
  /** Why the manifest itself cannot be used (each refuses the delivery). */
  problems: string[];
}

/** What a data file holds, as the manifest states it: rows without the header, the money column's sum. */
export interface FileFigures {
  fileName: string;
  rows: number;
  /** The money column and its sum (exact decimal text), when the kind has one. */
  money?: { column: string; total: string };
}

/** Reads `<dir>/manifest.csv` (UTF-8, with or without BOM, or GBK), or undefined when there is none. */
export function readManifest(dir: string): Manifest | undefined {
  const path = join(dir, manifestName);
  if (!existsSync(path)) return undefined;
  const bytes = readFileSync(path);
  const text = (isUtf8(bytes) ? bytes.toString('utf8') : new TextDecoder('gb18030').decode(bytes)).replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/);
  const entries = new Map<string, ManifestEntry>();
  const problems: string[] = [];
  const header = splitCsvRecord(lines[0] ?? '').map((h) => h.trim().toLowerCase());
  const at = { file: header.indexOf('file'), rows: header.indexOf('rows'), total: header.indexOf('control_total') };
  if (at.file < 0 || at.rows < 0 || at.total < 0) {
    return { entries, problems: [`${manifestName} line 1: the header must name file, rows, control_total (found: ${header.join(', ')}); correct the manifest`] };
  }
  for (let i = 1; i < lines.length; i++) {
    if (lines[i]!.trim() === '') continue;
    const line = i + 1;
    const f = splitCsvRecord(lines[i]!).map((x) => x.trim());
    const file = f[at.file] ?? '';
    const rows = f[at.rows] ?? '';
    const controlTotal = f[at.total] ?? '';
    if (!file) problems.push(`${manifestName} line ${line}: no file name; correct the manifest`);
    else if (!/^\d+$/.test(rows)) problems.push(`${manifestName} line ${line}: rows '${rows}' is not a whole number; correct the manifest`);
    else if (controlTotal !== '' && fen(controlTotal) === undefined) {
      problems.push(`${manifestName} line ${line}: control_total '${controlTotal}' is not an amount (yuan, at most two decimals); correct the manifest`);
    } else if (entries.has(file)) problems.push(`${manifestName} line ${line}: ${file} is listed twice (first at line ${entries.get(file)!.line}); correct the manifest`);
    else entries.set(file, { line, rows, controlTotal });
  }
  return { entries, problems };
}

/** Yuan text → fen, exactly (BigInt), or undefined when it is not an amount. */
function fen(text: string): bigint | undefined {
  const m = /^([+-]?)(\d+)(?:\.(\d{1,2}))?$/.exec(text.replace(/,/g, ''));
  if (!m) return undefined;
  const v = BigInt(m[2]!) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  return m[1] === '-' ? -v : v;
}

/** Every mismatch between the manifest and the delivery's files, as refusal reasons (file, line, expected, found). */
export function checkManifest(manifest: Manifest, files: FileFigures[]): string[] {
  const out = [...manifest.problems];
  const delivered = new Set(files.map((f) => f.fileName));
  for (const f of files) {
    const e = manifest.entries.get(f.fileName);
    if (!e) {
      out.push(`${f.fileName}: not listed in ${manifestName}, which must list every data file; ask for a complete delivery`);
      continue;
    }
    const where = `${f.fileName} (${manifestName} line ${e.line})`;
    if (BigInt(e.rows) !== BigInt(f.rows)) {
      out.push(`${where}: expected ${e.rows} rows, found ${f.rows}; the file is not the one the manifest describes (cut or changed?) — ask for it again`);
    }
    if (f.money) {
      const expected = e.controlTotal === '' ? undefined : fen(e.controlTotal);
      const found = fen(f.money.total)!;
      if (expected !== found) {
        out.push(
          `${where}: expected a ${f.money.column} total of ${e.controlTotal === '' ? '(none given)' : e.controlTotal}, found ${f.money.total}; ` +
            'the file is not the one the manifest describes — ask for it again',
        );
      }
    }
  }
  for (const [file, e] of manifest.entries) {
    if (!delivered.has(file)) out.push(`${manifestName} line ${e.line}: lists ${file}, which is not in the delivery; ask for the missing file`);
  }
  return out;
}
