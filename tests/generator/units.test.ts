// The generator's small parts, with hand-computed figures.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { Rng, streamSeed } from '../../generator/random.ts';
import { addMonths, dayOf, fmtDate, fmtDateCompact, monthsBetween, weekday } from '../../generator/calendar.ts';
import { pct, yuan } from '../../generator/csv.ts';
import { Defaults, Loans } from '../../generator/book.ts';
import { chineseLayout, fileColumns, zhProfilePath } from '../../generator/layout.ts';
import { personName, companyName, industries, tier1Names, districtWords } from '../../generator/names.ts';
import { classOf } from '../../generator/rates.ts';
import { resolveScale } from '../../generator/scales.ts';

describe('PRNG', () => {
  it('gives the same stream for the same seed and name, another for another name', () => {
    const a = Rng.of(1, 'x', 3);
    const b = Rng.of(1, 'x', 3);
    const c = Rng.of(1, 'x', 4);
    const sa = Array.from({ length: 5 }, () => a.u32());
    expect(Array.from({ length: 5 }, () => b.u32())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.u32())).not.toEqual(sa);
    expect(streamSeed(1, 'x')).not.toBe(streamSeed(2, 'x'));
  });

  it('draws uniformly: 100,000 floats average 0.5 ± 0.005, ints stay within both ends', () => {
    const r = new Rng(123);
    let sum = 0;
    let lo = 9;
    let hi = -9;
    for (let i = 0; i < 100_000; i++) {
      sum += r.float();
      const k = r.int(-2, 2);
      lo = Math.min(lo, k);
      hi = Math.max(hi, k);
    }
    expect(Math.abs(sum / 100_000 - 0.5)).toBeLessThan(0.005);
    expect([lo, hi]).toEqual([-2, 2]);
  });
});

describe('calendar and number formats', () => {
  it('formats days, months and month arithmetic', () => {
    const d = dayOf(2025, 1, 31);
    expect(fmtDate(d)).toBe('2025-01-31');
    expect(fmtDateCompact(d)).toBe('20250131');
    expect(fmtDate(addMonths(d, 1))).toBe('2025-02-28'); // clamped to the month's last day
    expect(weekday(dayOf(2025, 1, 1))).toBe(3); // a Wednesday
    const ms = monthsBetween('2025-11', '2026-02');
    expect(ms.map((m) => m.key)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(ms.map((m) => m.days)).toEqual([30, 31, 31, 28]);
    expect(ms.filter((m) => m.quarterEnd).map((m) => m.key)).toEqual(['2025-12']);
    expect(() => monthsBetween('2025-13', '2026-01')).toThrow(/not a month/);
  });

  it('writes fen as exact yuan and hundredths of a percent as percent', () => {
    expect(yuan(123456)).toBe('1234.56');
    expect(yuan(5)).toBe('0.05');
    expect(yuan(-500)).toBe('-5.00');
    expect(yuan(1_000_000_000_000_07)).toBe('1000000000000.07');
    expect(pct(345)).toBe('3.45');
  });

  it('resolves scales and rejects nonsense', () => {
    expect(resolveScale('tiny').clients).toBe(50);
    expect(resolveScale('demo').clients).toBe(20_000);
    expect(resolveScale('large').clients).toBe(1_000_000);
    expect(resolveScale('3000').tier2).toEqual([2, 4]);
    expect(() => resolveScale('huge')).toThrow(/--scale/);
  });
});

describe('loans', () => {
  it('amortises equal principal and averages the month day by day', () => {
    const loans = new Loans(4);
    // 1,200,000.00 yuan over 12 months, booked 2025-01-10: 100,000.00 yuan due on the 10th of each month.
    const l = loans.add(0, 0, 12, 120_000_000, dayOf(2025, 1, 10), 400, 0);
    const never = { take: () => false } as unknown as Defaults;
    const r = new Rng(1);
    const [jan, feb] = monthsBetween('2025-01', '2025-02');
    expect(loans.step(l, jan!, r, never, 0)).toBe(true);
    // January: held 22 of 31 days (10th–31st): 1,200,000 × 22 / 31 = 851,612.903… → 851,612.90.
    expect([loans.bal, loans.avg]).toEqual([120_000_000, 85_161_290]);
    loans.step(l, feb!, r, never, 0);
    // February: 1,200,000 for 9 days, 1,100,000 for 19 days: (1,200,000×9 + 1,100,000×19) / 28 = 1,132,142.857… → 1,132,142.86.
    expect([loans.bal, loans.avg]).toEqual([110_000_000, 113_214_286]);
  });

  it('keeps overdue days consistent with the five-category class', () => {
    expect([0, 1, 90, 91, 180, 181, 360, 361].map(classOf)).toEqual([0, 1, 1, 2, 2, 3, 3, 4]);
  });

  it('samples defaults by quota: 1,000 loan-months at 0.13% a month give 1–2 defaults, the bad cohort the multiplier times as many', () => {
    const d = new Defaults(new Rng(5), 4);
    const strong = new Defaults(new Rng(5), 20);
    let rest = 0;
    let bad = 0;
    let strongBad = 0;
    for (let i = 0; i < 1000; i++) {
      if (d.take(0)) rest++;
      if (d.take(1)) bad++;
      if (strong.take(1)) strongBad++;
    }
    // 1000 × 0.0013 = 1.3, 1000 × 0.0013 × 4 = 5.2 and 1000 × 0.0013 × 20 = 26: the counts are these, rounded down or up.
    expect(rest).toBeGreaterThanOrEqual(1);
    expect(rest).toBeLessThanOrEqual(2);
    expect(bad).toBeGreaterThanOrEqual(5);
    expect(bad).toBeLessThanOrEqual(6);
    expect(strongBad).toBeGreaterThanOrEqual(26);
    expect(strongBad).toBeLessThanOrEqual(27);
  });
});

describe('Chinese layout', () => {
  it('uses the header names and code values of the shipped zh-core profile', () => {
    const profile = JSON.parse(readFileSync(zhProfilePath, 'utf8')) as {
      headers: Record<string, Record<string, string>>;
      values: Record<string, Record<string, string>>;
      files: Record<string, string>;
    };
    const zh = chineseLayout();
    for (const kind of Object.keys(fileColumns) as (keyof typeof fileColumns)[]) {
      const header = zh.header(kind);
      header.forEach((h, i) => {
        const column = fileColumns[kind][i]!;
        const mapped = profile.headers[kind]?.[h] ?? profile.headers['*']?.[h];
        expect(mapped, `${kind}: ${h}`).toBe(column);
      });
      expect(profile.files[zh.fileName(kind).replace('.csv', '')], kind).toBe(kind);
    }
    expect(zh.value('loans', 'five_class', 'substandard')).toBe('次级');
    expect(profile.values.five_class!['次级']).toBe('substandard');
    expect(profile.values.level![zh.value('orgs', 'level', 'sub_branch')]).toBe('sub_branch');
    expect(zh.date(dayOf(2025, 3, 31))).toBe('20250331');
  });

  it('writes only characters GBK can encode', () => {
    const r = new Rng(3);
    const text = [
      ...Array.from({ length: 2000 }, () => personName(r)),
      ...Array.from({ length: 500 }, (_, i) => companyName(r, i % industries.length, i % 3 === 0 ? '华信' : undefined)),
      ...tier1Names.flatMap((t) => [t.name, ...t.cities]), ...districtWords,
    ].join(',');
    expect(iconv.decode(iconv.encode(text, 'gbk'), 'gbk')).toBe(text);
  });
});
