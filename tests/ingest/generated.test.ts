// Invariants on generated data: the tiny synthetic bank (generator/, both its English UTF-8 and
// its Chinese GBK layouts) loads delivery by delivery with no reject, every row the generator wrote
// is loaded, and loading the whole bank again changes nothing.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateBank } from '../../generator/index.ts';
import { ingestPath } from '../../ingest/index.ts';
import { warehouseState, withWarehouse } from './helpers.ts';

describe('ingest of a generated bank', () => {
  for (const layout of [{ headers: 'en', encoding: 'utf8' }, { headers: 'zh', encoding: 'gbk' }] as const) {
    it(`loads every row of the tiny bank (${layout.headers} headers, ${layout.encoding}) and a second load changes nothing`, async () => {
      await withWarehouse(async (wh, dir) => {
        const out = join(dir, 'bank');
        const bank = await generateBank({ scale: 'tiny', seed: 1, out, ...layout });
        const results = await ingestPath(wh, out);
        expect(results.map((r) => r.status)).toEqual(bank.deliveries.map(() => 'loaded'));
        expect(results.flatMap((r) => r.reasons)).toEqual([]);
        expect(results.reduce((n, r) => n + r.rowsRejected, 0)).toBe(0);
        const written = bank.deliveries.flatMap((d) => d.files.map((f) => [`${d.name}/${f.file.split('/').pop()}`, f.rows]));
        const loaded = results.flatMap((r) => r.files.map((f) => [`${r.delivery.split('/').pop()}/${f.fileName}`, f.rowsLoaded]));
        expect(new Map(loaded as [string, number][])).toEqual(new Map(written as [string, number][]));

        const state = await warehouseState(wh);
        const again = await ingestPath(wh, out);
        // Each delivery is re-applied (the last load differs from all but the last one) or unchanged.
        expect(again.every((r) => r.status !== 'refused')).toBe(true);
        expect(await warehouseState(wh)).toEqual(state);
      });
    });
  }
});
