// Build input: config/expected_loss.json -> cfg_expected_loss (one row per five-category class:
// pd and lgd, annual fractions). int_loans_priced reads it for the expected-loss charge.
import { join } from 'node:path';
import { z } from 'zod';
import type { Warehouse } from '../db.ts';
import type { BuildInputOptions, BuildInputResult } from './_input.ts';
import { parseConfigFile } from './_config-file.ts';

export const fiveClasses = ['normal', 'special_mention', 'substandard', 'doubtful', 'loss'] as const;

const fraction = z.number().min(0).max(1);
const entry = z.object({ pd: fraction, lgd: fraction }).strict();
const schema = z.object(Object.fromEntries(fiveClasses.map((c) => [c, entry])) as Record<(typeof fiveClasses)[number], typeof entry>)
  .extend({ _comment: z.string().optional() })
  .strict();

export const table = 'cfg_expected_loss';
export const file = 'expected_loss.json';

export async function load(wh: Warehouse, opts: BuildInputOptions): Promise<BuildInputResult> {
  const path = join(opts.configDir, file);
  const parsed = parseConfigFile(path, schema);
  await wh.run(`create or replace table ${table} (
    five_class varchar not null primary key,
    pd  decimal(9,6) not null,  -- annual probability of default, fraction
    lgd decimal(9,6) not null   -- loss given default, fraction
  )`);
  for (const cls of fiveClasses) {
    const { pd, lgd } = parsed[cls];
    // Numbers go in as their shortest decimal text, so 0.01 stays exactly 0.01 in DECIMAL.
    await wh.run(`insert into ${table} values ($cls, cast($pd as decimal(9,6)), cast($lgd as decimal(9,6)))`, {
      cls,
      pd: String(pd),
      lgd: String(lgd),
    });
  }
  return { table, rows: fiveClasses.length, source: path };
}
