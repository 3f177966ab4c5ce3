// Encoding detection over whole files (BOM, strict UTF-8, else GB18030), the CSV header reader,
// file kinds from names, header mapping through a profile, and the zh-core profile's coverage.
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { blankLineRecords, chooseEncoding, readCsvHeader, scanFile, splitCsvRecord, transcodeToUtf8 } from '../../ingest/encoding.ts';
import { kinds, kindSpec } from '../../ingest/kinds.ts';
import { emptyProfile, kindOfFile, loadProfile, mapHeader, valueAliases } from '../../ingest/profile.ts';

const dir = mkdtempSync(join(tmpdir(), 'jixiao-enc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

describe('encoding', () => {
  it('detects UTF-8, UTF-8 with BOM and GBK', async () => {
    expect((await scanFile(file('a.csv', '客户号,余额\n0001,1.00\n'))).detected).toBe('utf8');
    expect((await scanFile(file('b.csv', '\uFEFF客户号,余额\n'))).detected).toBe('utf8-bom');
    expect((await scanFile(file('c.csv', iconv.encode('客户号,余额\n0001,1.00\n', 'gbk')))).detected).toBe('gb18030');
  });

  it('reads the whole file: a character cut by a chunk boundary is still UTF-8; GBK after 1 MB of ASCII is found', async () => {
    const ascii = 'a'.repeat((1 << 20) - 1);
    expect((await scanFile(file('d.csv', `${ascii}中文\n`))).detected).toBe('utf8');
    expect((await scanFile(file('e.csv', Buffer.concat([Buffer.from(`${ascii}\n`), iconv.encode('中文\n', 'gbk')])))).detected).toBe('gb18030');
  });

  it('checksums the bytes as delivered', async () => {
    const s = await scanFile(file('f.csv', 'abc'));
    expect(s).toEqual({ bytes: 3, sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad', blankLines: false, detected: 'utf8', controls: false, quotes: false });
    expect((await scanFile(file('f2.csv', 'a\r\n\r\nb\r\n'))).blankLines).toBe(true);
  });

  it('tells whether a file may hold control characters in a field: control bytes, a CR not ending a line, quotes', async () => {
    const scan = async (text: string) => {
      const s = await scanFile(file('c.csv', text));
      return [s.controls, s.quotes];
    };
    expect(await scan('a,b\r\nc,d\r\n')).toEqual([false, false]); // CR LF line ends
    expect(await scan('a,b\nc\td\n')).toEqual([true, false]); // a tab
    expect(await scan('a,b\nc\0d\n')).toEqual([true, false]); // a NUL
    expect(await scan('a,b\nc\rd\n')).toEqual([true, false]); // a CR inside a line
    expect(await scan('a,b\n"c\nd",e\n')).toEqual([false, true]); // a quoted line break: the SQL check looks
    // A CR LF cut by the chunk end is a line end; a CR at a chunk end followed by text is not.
    const long = 'x'.repeat((1 << 20) - 1);
    expect(await scan(`${long}\r\ny\n`)).toEqual([false, false]);
    expect(await scan(`${long}\ry\n`)).toEqual([true, false]);
  });

  it('finds the empty lines DuckDB skips, also across chunk ends, as records before each', async () => {
    const long = 'x'.repeat((1 << 20) - 3); // the line feed after it ends the first chunk
    const p = file('blank.csv', `h\r\n${long}\r\n\r\ny\r\n\r\n\r\nz\r\n`);
    expect((await scanFile(p)).blankLines).toBe(true);
    // header, record 0 (long), empty, record 1 (y), empty, empty, record 2 (z)
    expect(await blankLineRecords(p)).toEqual([1, 2, 2]);
  });

  it('a forced encoding wins over detection', () => {
    expect(chooseEncoding('gbk', 'utf8')).toBe('gb18030');
    expect(chooseEncoding('utf8', 'gb18030')).toBe('utf8');
    expect(chooseEncoding('auto', 'utf8-bom')).toBe('utf8-bom');
  });

  it('transcodes GB18030 to UTF-8 as a stream', async () => {
    const src = file('g.csv', iconv.encode('数据日期,账号,余额\n20240131,001,"1,000.00"\n', 'gb18030'));
    await transcodeToUtf8(src, join(dir, 'g-utf8.csv'));
    expect(readFileSync(join(dir, 'g-utf8.csv'), 'utf8')).toBe('数据日期,账号,余额\n20240131,001,"1,000.00"\n');
  });

  it('transcodes a file of many chunks: characters cut by a chunk end, ASCII-only pieces, no final line feed', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 60000; i++) lines.push(i % 1000 < 500 ? `${i},ascii only,1.00` : `${i},客户名称${i}号,人民币,€`);
    const text = lines.join('\r\n'); // 2.4 MB, no line feed at the end
    const src = file('i.csv', iconv.encode(text, 'gb18030'));
    await transcodeToUtf8(src, join(dir, 'i-utf8.csv'));
    expect(readFileSync(join(dir, 'i-utf8.csv'), 'utf8')).toBe(text);
  });

  it('reads a header row with quotes and a BOM', () => {
    expect(readCsvHeader(file('h.csv', '\uFEFF"a,b",c,"d ""e"""\r\n1,2,3\n'))).toEqual(['a,b', 'c', 'd "e"']);
    expect(splitCsvRecord('x,,"y"')).toEqual(['x', '', 'y']);
  });
});

describe('profiles', () => {
  const zh = loadProfile('zh-core');

  it('knows a file kind from its name: contract names, then the profile aliases, longest first', () => {
    expect(kindOfFile('deposits_202401.csv', emptyProfile)).toBe('deposits');
    expect(kindOfFile('LOANS.parquet', emptyProfile)).toBe('loans');
    expect(kindOfFile('客户经理.csv', zh)).toBe('managers');
    expect(kindOfFile('客户_2024.csv', zh)).toBe('clients');
    expect(kindOfFile('存款_202402.csv', zh)).toBe('deposits');
    expect(kindOfFile('readme.txt', zh)).toBeUndefined();
    expect(kindOfFile('存款.csv', emptyProfile)).toBeUndefined();
  });

  it('maps Chinese headers, keeps unknown columns aside, and reports missing or doubled columns', () => {
    const m = mapHeader(kindSpec('deposits'), ['数据日期', '账号', '客户号', '产品号', '余额', '日均余额', '利率', '备用字段'], zh);
    expect(m.columns.map((c) => c?.name)).toEqual(['as_of_date', 'account_id', 'client_id', 'product_id', 'balance', 'avg_balance', 'rate', undefined]);
    expect(m.extra).toEqual([{ position: 7, name: '备用字段' }]);
    expect(m.problems).toEqual([]);
    const bad = mapHeader(kindSpec('deposits'), ['as_of_date', 'account_id', '账号', 'client_id', 'product_id', 'balance', 'rate'], zh);
    expect(bad.problems).toEqual([
      { column: '账号', reason: "column account_id given twice (also as 'account_id')" },
      { column: 'avg_balance', reason: 'required column missing from the header' },
    ]);
  });

  it('zh-core names every column of every file kind in Chinese', () => {
    const missing: string[] = [];
    for (const k of kinds) {
      for (const c of k.columns) {
        const aliases = [...Object.entries(zh.headers['*'] ?? {}), ...Object.entries(zh.headers[k.kind] ?? {})];
        if (!aliases.some(([alias, col]) => col === c.name && /[\u4e00-\u9fff]/.test(alias))) missing.push(`${k.kind}.${c.name}`);
      }
    }
    expect(missing).toEqual([]);
    expect(Object.values(zh.files).sort()).toEqual(expect.arrayContaining(kinds.filter((k) => k.kind !== 'ftp_curve').map((k) => k.kind)));
  });

  it('maps the five classes and other codes', () => {
    expect(Object.fromEntries(valueAliases(zh, 'loans', 'five_class'))).toEqual({
      正常: 'normal', 关注: 'special_mention', 次级: 'substandard', 可疑: 'doubtful', 损失: 'loss',
    });
    expect(valueAliases(zh, 'deposits', 'currency').get('人民币')).toBe('CNY');
  });

  it('refuses a profile that names a column the contract does not have', () => {
    const p = file('bad-profile.json', JSON.stringify({ name: 'x', headers: { '*': { 余额: 'balanse' } } }));
    expect(() => loadProfile(p)).toThrow(/header alias '余额' names unknown column 'balanse'/);
  });
});
