// Bytes of a delivered file: checksum, size, encoding detection, and GBK/GB18030 → UTF-8
// transcoding as a stream (DuckDB reads UTF-8 only; a file is never held whole in memory).
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, openSync, readSync, closeSync } from 'node:fs';
import { isAscii, isUtf8 } from 'node:buffer';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import iconv from 'iconv-lite';

export type Encoding = 'utf8' | 'utf8-bom' | 'gb18030';
export type EncodingChoice = 'auto' | 'utf8' | 'gbk';

export interface ScannedFile {
  bytes: number;
  sha256: string;
  /** The file has an empty line (which DuckDB skips; line numbers then need blankLineRecords). */
  blankLines: boolean;
  /** What the bytes are: a BOM says utf8-bom; bytes that are not valid UTF-8 say gb18030. */
  detected: Encoding;
  /** A control byte other than a line ending (CR LF, LF): a text field may hold it. */
  controls: boolean;
  /** A double quote: a quoted field may hold a line break. */
  quotes: boolean;
}

const chunkSize = 1 << 20;
/** Control bytes other than the line endings CR and LF (tab included). */
const controlBytes = [...Array.from({ length: 0x20 }, (_, b) => b).filter((b) => b !== 0x0a && b !== 0x0d), 0x7f];

/** Length of a trailing UTF-8 sequence cut by the chunk end (0 when the chunk ends on a boundary). */
function cutSequence(buf: Buffer): number {
  for (let back = 1; back <= Math.min(3, buf.length); back++) {
    const b = buf[buf.length - back]!;
    if (b < 0x80) return 0; // ASCII: nothing cut
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return need > back ? back : 0;
    }
  }
  return 0;
}

/** One pass over the file: size, sha256 and encoding (the whole file must be valid UTF-8 to be utf8). */
export async function scanFile(path: string, onBytes?: (done: number) => void): Promise<ScannedFile> {
  const hash = createHash('sha256');
  let bytes = 0;
  let carry: Buffer = Buffer.alloc(0);
  let validUtf8 = true;
  let bom = false;
  let blankLines = false;
  let tail: Buffer = Buffer.alloc(0); // last two bytes of the previous chunk, for \n\n across chunks
  let controls = false;
  let quotes = false;
  let cr = false; // the previous chunk ended with a CR
  for await (const chunk of createReadStream(path, { highWaterMark: chunkSize }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    // Control bytes are never part of a UTF-8 or GB18030 multi-byte character, so the bytes
    // tell (native searches; a CR counts unless it ends a line).
    if (!controls) controls = controlBytes.some((b) => chunk.indexOf(b) >= 0) || (cr && chunk[0] !== 0x0a);
    cr = false;
    for (let i = chunk.indexOf(0x0d); i >= 0 && !controls; i = chunk.indexOf(0x0d, i + 1)) {
      if (i + 1 === chunk.length) cr = true;
      else if (chunk[i + 1] !== 0x0a) controls = true;
    }
    quotes ||= chunk.indexOf(0x22) >= 0;
    if (!blankLines) {
      const edge = tail.length ? Buffer.concat([tail, chunk.subarray(0, 2)]) : Buffer.alloc(0);
      blankLines = [chunk, edge].some((b) => b.indexOf('\n\n') >= 0 || b.indexOf('\n\r\n') >= 0);
      tail = Buffer.from(chunk.subarray(Math.max(0, chunk.length - 2)));
    }
    if (bytes === 0 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) bom = true;
    bytes += chunk.length;
    if (validUtf8) {
      const buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      const cut = cutSequence(buf);
      validUtf8 = isUtf8(cut ? buf.subarray(0, buf.length - cut) : buf);
      carry = cut ? Buffer.from(buf.subarray(buf.length - cut)) : Buffer.alloc(0);
    }
    onBytes?.(bytes);
  }
  if (carry.length) validUtf8 = false;
  return { bytes, sha256: hash.digest('hex'), blankLines, detected: bom ? 'utf8-bom' : validUtf8 ? 'utf8' : 'gb18030', controls, quotes };
}

/** The encoding to read a file with: the forced one, else what the scan detected. */
export function chooseEncoding(choice: EncodingChoice, detected: Encoding): Encoding {
  if (choice === 'gbk') return 'gb18030'; // GB18030 is a superset of GBK
  if (choice === 'utf8') return detected === 'utf8-bom' ? 'utf8-bom' : 'utf8';
  return detected;
}

/**
 * A GB18030 decoder for whole pieces of text: Node's built-in (ICU, native) when it has one,
 * else iconv-lite. The built-in is several times faster on a large file.
 */
function gb18030Decoder(): (piece: Buffer) => string {
  try {
    const td = new TextDecoder('gb18030');
    return (piece) => td.decode(piece);
  } catch {
    return (piece) => iconv.decode(piece, 'gb18030');
  }
}

/**
 * Streams a GB18030 (GBK) file into a UTF-8 file. Chunks are cut after their last line feed: the
 * byte 0x0A is never part of a GB18030 multi-byte character, so every piece decodes on its own.
 * ASCII is the same in both encodings, so a piece without any byte >= 0x80 is copied as it is.
 */
export async function transcodeToUtf8(src: string, dest: string, onBytes?: (done: number) => void): Promise<void> {
  const decode = gb18030Decoder();
  let done = 0;
  let carry: Buffer = Buffer.alloc(0);
  const convert = (piece: Buffer) => (isAscii(piece) ? piece : Buffer.from(decode(piece), 'utf8'));
  await pipeline(
    createReadStream(src, { highWaterMark: chunkSize }),
    new Transform({
      transform(chunk: Buffer, _enc, cb) {
        done += chunk.length;
        onBytes?.(done);
        const buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
        const cut = buf.lastIndexOf(0x0a) + 1;
        carry = Buffer.from(buf.subarray(cut));
        cb(null, cut > 0 ? convert(buf.subarray(0, cut)) : Buffer.alloc(0));
      },
      flush(cb) {
        cb(null, carry.length ? convert(carry) : Buffer.alloc(0));
      },
    }),
    createWriteStream(dest, { highWaterMark: chunkSize }),
  );
}

/**
 * Where a CSV file has empty lines: for each, the number of data records before it. DuckDB skips
 * empty lines, so a record's physical line is its index + 2 + the empty lines before it. Only run
 * for files whose scan found an empty line.
 */
export async function blankLineRecords(path: string): Promise<number[]> {
  const out: number[] = [];
  let nonBlank = 0;
  let content = false; // the current line has a byte other than \r
  for await (const chunk of createReadStream(path, { highWaterMark: chunkSize }) as AsyncIterable<Buffer>) {
    let pos = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, pos);
      const end = nl < 0 ? chunk.length : nl;
      const len = end - pos;
      if (len > 1 || (len === 1 && chunk[pos] !== 0x0d)) content = true;
      if (nl < 0) break;
      if (content) nonBlank++;
      else out.push(Math.max(0, nonBlank - 1)); // minus the header
      content = false;
      pos = nl + 1;
    }
  }
  return out;
}

/** Splits one CSV record (RFC 4180 quoting) into fields. */
export function splitCsvRecord(line: string): string[] {
  const fields: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(cur);
      cur = '';
    } else cur += ch;
  }
  fields.push(cur);
  return fields;
}

/** The header row of a UTF-8 CSV file (BOM stripped), split into names. */
export function readCsvHeader(path: string): string[] {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(256 * 1024);
    const n = readSync(fd, buf, 0, buf.length, 0);
    let text = buf.subarray(0, n).toString('utf8').replace(/^\uFEFF/, '');
    // The header ends at the first line break outside quotes.
    let quoted = false;
    let end = text.length;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch === '"') quoted = !quoted;
      else if (!quoted && (ch === '\n' || ch === '\r')) {
        end = i;
        break;
      }
    }
    text = text.slice(0, end);
    return text.length ? splitCsvRecord(text) : [];
  } finally {
    closeSync(fd);
  }
}

/**
 * For a file that is not valid UTF-8 as a whole: the first line that is not UTF-8 when the file
 * also holds UTF-8 text, else undefined (a GBK file). A GBK line can be valid UTF-8 by chance
 * (a short name whose bytes happen to form UTF-8 sequences), so "UTF-8 text" means a share of the
 * lines with non-ASCII bytes that chance does not give: at least one in five. A file whose first
 * 10,000 such lines hold no UTF-8 line is GBK: the rest is not read again (a UTF-8 file with stray
 * GBK lines shows UTF-8 lines from its start).
 */
export async function mixedEncodingLine(path: string): Promise<number | undefined> {
  const s = await lineEncodings(path, { gbkAfter: 10_000 });
  return s.utf8 > 0 && s.utf8 * 4 >= s.other ? s.firstOther : undefined;
}

/**
 * Lines with bytes >= 0x80: how many are valid UTF-8, how many not, and the first that is not;
 * with `gbkAfter`, stops once that many lines are not UTF-8 and none was.
 */
export async function lineEncodings(path: string, opts: { gbkAfter?: number } = {}): Promise<{ utf8: number; other: number; firstOther: number | undefined }> {
  let utf8 = 0;
  let other = 0;
  let firstOther: number | undefined;
  let line = 0;
  let carry: Buffer = Buffer.alloc(0);
  const look = (piece: Buffer) => {
    line++;
    if (isAscii(piece)) return;
    if (isUtf8(piece)) utf8++;
    else {
      other++;
      firstOther ??= line;
    }
  };
  for await (const chunk of createReadStream(path, { highWaterMark: chunkSize }) as AsyncIterable<Buffer>) {
    const buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    let pos = 0;
    for (let nl = buf.indexOf(0x0a, pos); nl >= 0; nl = buf.indexOf(0x0a, pos)) {
      look(buf.subarray(pos, nl));
      pos = nl + 1;
    }
    carry = Buffer.from(buf.subarray(pos));
    if (opts.gbkAfter !== undefined && utf8 === 0 && other >= opts.gbkAfter) return { utf8, other, firstOther };
  }
  if (carry.length) look(carry);
  return { utf8, other, firstOther };
}

/**
 * The longest field of one physical line of a CSV file (1-based line): its position and size in
 * bytes. Used to say which column holds a field too long to read (DuckDB names only the line).
 */
export async function longestField(path: string, line: number): Promise<{ position: number; bytes: number } | undefined> {
  let current = 1;
  let quoted = false;
  let position = 0;
  let size = 0;
  let best: { position: number; bytes: number } | undefined;
  const close = () => {
    if (!best || size > best.bytes) best = { position, bytes: size };
  };
  for await (const chunk of createReadStream(path, { highWaterMark: chunkSize }) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (current < line) {
        if (b === 0x0a) current++;
        continue;
      }
      if (b === 0x22) quoted = !quoted;
      else if (!quoted && b === 0x2c) {
        close();
        position++;
        size = 0;
        continue;
      } else if (!quoted && b === 0x0a) {
        close();
        return best;
      }
      size++;
    }
  }
  if (current === line) close();
  return best;
}
