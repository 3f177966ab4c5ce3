// Build input: config/currency.json -> cfg_reporting_currency (one row): the currency the bank reports
// in — its code and the labels of its units (元 / 万元 / 亿元 for the yuan, "CZK" / "万 CZK" / "亿 CZK"
// for Czech crowns). The ledgers' amounts are in this currency; a deposit or loan row naming another
// currency is converted into it (fx_rates). Without the file: CNY. The dashboard and the exports
// label amounts from this table (GET /api/settings); the warning currency_column_empty reads it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Warehouse } from '../db.ts';
import type { BuildInputOptions, BuildInputResult } from './_input.ts';
import { parseConfigFile } from './_config-file.ts';

const label = z.object({ zh: z.string().min(1).max(20), en: z.string().min(1).max(20) }).strict();
const schema = z
  .object({
    _comment: z.string().optional(),
    code: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as CNY or CZK'),
    name: label,
    units: z.object({ yuan: label, wan: label, yi: label }).strict(),
  })
  .strict();
export type ReportingCurrency = z.infer<typeof schema>;

export const table = 'cfg_reporting_currency';
export const file = 'currency.json';

export const yuan: ReportingCurrency = {
  code: 'CNY',
  name: { zh: '人民币', en: 'Chinese yuan' },
  units: { yuan: { zh: '元', en: 'CNY' }, wan: { zh: '万元', en: 'CNY 10k' }, yi: { zh: '亿元', en: 'CNY 100m' } },
};

export async function load(wh: Warehouse, opts: BuildInputOptions): Promise<BuildInputResult> {
  const path = join(opts.configDir, file);
  const c = existsSync(path) ? parseConfigFile(path, schema) : yuan;
  await wh.run(`create or replace table ${table} (
    code varchar not null, name_zh varchar not null, name_en varchar not null,
    unit_yuan_zh varchar not null, unit_yuan_en varchar not null,
    unit_wan_zh varchar not null, unit_wan_en varchar not null,
    unit_yi_zh varchar not null, unit_yi_en varchar not null
  )`);
  await wh.run(`insert into ${table} values ($code, $nz, $ne, $yz, $ye, $wz, $we, $iz, $ie)`, {
    code: c.code, nz: c.name.zh, ne: c.name.en,
    yz: c.units.yuan.zh, ye: c.units.yuan.en, wz: c.units.wan.zh, we: c.units.wan.en, iz: c.units.yi.zh, ie: c.units.yi.en,
  });
  return { table, rows: 1, source: existsSync(path) ? path : `${path} (absent: CNY)` };
}
