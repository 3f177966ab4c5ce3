// Build input: config/ftp.json -> cfg_ftp (one row: loan_method, how loans take their FTP rate:
// 'snapshot' or 'origination'). int_ftp_rates_matched and int_loans_priced read it.
import { join } from 'node:path';
import { z } from 'zod';
import type { Warehouse } from '../db.ts';
import type { BuildInputOptions, BuildInputResult } from './_input.ts';
import { parseConfigFile } from './_config-file.ts';

export const loanMethods = ['snapshot', 'origination'] as const;

const schema = z.object({ loan_method: z.enum(loanMethods), _comment: z.string().optional() }).strict();

export const table = 'cfg_ftp';
export const file = 'ftp.json';

export async function load(wh: Warehouse, opts: BuildInputOptions): Promise<BuildInputResult> {
  const path = join(opts.configDir, file);
  const parsed = parseConfigFile(path, schema);
  await wh.run(`create or replace table ${table} (
    loan_method varchar not null  -- snapshot | origination
  )`);
  await wh.run(`insert into ${table} values ($method)`, { method: parsed.loan_method });
  return { table, rows: 1, source: path };
}
