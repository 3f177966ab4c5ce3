// Same seed, same bytes: the generator draws only from its own seeded PRNG and never reads the
// clock, so two runs with one seed write identical files, and another seed writes another bank.
import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { generateBank, type GenerateOptions } from '../../generator/index.ts';

const root = mkdtempSync(join(tmpdir(), 'jixiao-gen-det-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function checksums(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

async function twice(name: string, opts: Omit<GenerateOptions, 'out'>) {
  await generateBank({ ...opts, out: join(root, `${name}-a`) });
  await generateBank({ ...opts, out: join(root, `${name}-b`) });
  return [checksums(join(root, `${name}-a`)), checksums(join(root, `${name}-b`))] as const;
}

describe('generator determinism', () => {
  it('writes byte-identical files for the same seed (tiny)', async () => {
    const [a, b] = await twice('tiny', { scale: 'tiny', seed: 7 });
    expect(Object.keys(a)).toContain('00-reference/clients.csv');
    expect(Object.keys(a)).toContain('2025-03/adjustments.csv');
    expect(Object.keys(a)).toContain('truth.json');
    expect(b).toEqual(a);
  });

  it('writes byte-identical files for the same seed (2,000 clients, 4 months, Chinese GBK layout)', async () => {
    const [a, b] = await twice('small', { scale: 2000, seed: 11, from: '2025-11', to: '2026-02', headers: 'zh', encoding: 'gbk' });
    // reference, 4 months (5 ledgers + fx_rates), adjustments in 2025-12, a manifest.csv in each of the 5 deliveries, truth.json
    expect(Object.keys(a).length).toBe(7 + 4 * 6 + 1 + 5 + 1);
    expect(b).toEqual(a);
  });

  it('writes byte-identical Parquet ledgers for the same seed (tiny, --format parquet)', async () => {
    const [a, b] = await twice('parquet', { scale: 'tiny', seed: 7, format: 'parquet' });
    expect(Object.keys(a)).toContain('2025-01/deposits.parquet');
    expect(Object.keys(a)).not.toContain('2025-01/deposits.csv');
    expect(b).toEqual(a);
  });

  it('writes another bank for another seed', async () => {
    await generateBank({ scale: 'tiny', seed: 8, out: join(root, 'tiny-other') });
    const a = checksums(join(root, 'tiny-a'));
    const c = checksums(join(root, 'tiny-other'));
    expect(c['00-reference/clients.csv']).not.toBe(a['00-reference/clients.csv']);
    expect(c['2025-01/deposits.csv']).not.toBe(a['2025-01/deposits.csv']);
  });

  it('replaces an earlier generation but refuses a folder holding other files', async () => {
    const dir = join(root, 'tiny-a');
    await generateBank({ scale: 'tiny', seed: 7, from: '2025-01', to: '2025-01', out: dir });
    expect(readdirSync(dir).sort()).toEqual(['00-reference', '2025-01', 'truth.json']);
    await expect(generateBank({ scale: 'tiny', seed: 7, out: join(root) })).rejects.toThrow(/not empty|did not write/);
  });
});
