// cli/progress.ts: aligned tables (Chinese takes two columns), byte and duration formats, a bar.
import { describe, expect, it } from 'vitest';
import { displayWidth, formatBytes, formatDuration, formatTable, Progress, ProgressBar } from '../../cli/progress.ts';
import { Capture } from './helpers.ts';

describe('cli/progress', () => {
  it('aligns columns by display width: a CJK character is two columns wide', () => {
    expect(displayWidth('存款_202402.csv')).toBe(15); // 2 characters × 2 + 11
    const text = formatTable(
      [{ key: 'file', title: 'file' }, { key: 'rows', title: 'rows', align: 'right' }],
      [{ file: '存款.csv', rows: '3' }, { file: 'fees.csv', rows: '300' }],
    );
    expect(text).toBe(['file      rows', '--------  ----', '存款.csv     3', 'fees.csv   300', ''].join('\n'));
  });

  it('formats bytes and durations', () => {
    expect([formatBytes(512), formatBytes(1536), formatBytes(371 * 2 ** 20), formatBytes(3.5 * 2 ** 30)]).toEqual(['512 B', '1.5 KB', '371 MB', '3.5 GB']);
    expect([formatDuration(900), formatDuration(75_000), formatDuration(3_720_000)]).toEqual(['1s', '1m15s', '1h02m']);
  });

  it('draws a bar in place and ends it with a line feed; no bars when the stream is not a terminal', () => {
    const out = new Capture();
    const bar = new ProgressBar(out, 'deposits.csv', 1000);
    bar.update(500, 10);
    bar.done(20);
    expect(out.text).toMatch(/^\r\x1b\[2Kdeposits\.csv\s+\[#{12}\.{12}\]\s+50%/);
    expect(out.text).toMatch(/\[#{24}\]\s+100%.*20 rows.*\n$/);
    expect(Progress.for(out)).toBeUndefined();
  });
});
