// Build input: config/targets.json -> cfg_targets (one row): how the target cascade derives missing
// targets (distribution: base_share | none) and the gap tolerance of its warning. Read by
// mart_target_cascade.
import { join } from 'node:path';
import { z } from 'zod';
import type { Warehouse } from '../db.ts';
import type { BuildInputOptions, BuildInputResult } from './_input.ts';
import { parseConfigFile } from './_config-file.ts';

const schema = z.strictObject({
  _comment: z.string().optional(),
  /** base_share: split a parent's target to its children without one by their share of the base. */
  distribution: z.enum(['base_share', 'none']),
  /** Children's targets short of the node's by more than this share of it: a cascade gap. */
  gap_tolerance: z.number().min(0).max(1),
});

export const table = 'cfg_targets';
export const file = 'targets.json';

export async function load(wh: Warehouse, opts: BuildInputOptions): Promise<BuildInputResult> {
  const path = join(opts.configDir, file);
  const parsed = parseConfigFile(path, schema);
  await wh.run(`create or replace table ${table} (
    distribution  varchar not null,       -- base_share | none
    gap_tolerance decimal(9,6) not null   -- share of the node's target
  )`);
  await wh.run(`insert into ${table} values ($distribution, cast($tolerance as decimal(9,6)))`, {
    distribution: parsed.distribution,
    tolerance: String(parsed.gap_tolerance),
  });
  return { table, rows: 1, source: path };
}
