// Institution schemes (config/schemes/org/*.json) into cfg tables, called by the schemes build
// input after the managers' schemes: the header in cfg_org_schemes, the levels each scores in
// cfg_org_scheme_levels, the per-manager flag of its indicators in cfg_org_scheme_indicators; the
// indicators, items and grades themselves go to the managers' cfg_scheme_* tables (the same columns,
// read by scheme id), so both kinds of card are scored by the same SQL.
import type { Warehouse } from '../db.ts';
import { formatProblem } from '../schemes/load.ts';
import { readOrgSchemesDir } from '../schemes/org-load.ts';
import { periodEndDate, periodStartDate } from '../../contract/periods.ts';
import { cardRows, insert } from './schemes.ts';

export const orgCfgTables = ['cfg_org_schemes', 'cfg_org_scheme_levels', 'cfg_org_scheme_indicators'] as const;

const ddl = `
create or replace table cfg_org_schemes (
  scheme_id      varchar not null primary key,
  file           varchar not null,
  name_zh        varchar not null,
  name_en        varchar not null,
  org_id         varchar,            -- null: head office (the root of the org tree)
  effective_from date not null,
  effective_to   date,               -- null: open
  total_weight   decimal(9,4) not null,
  bonus_cap      decimal(9,2) not null,
  fail_on_cascade_gap boolean not null,
);
create or replace table cfg_org_scheme_levels (
  scheme_id varchar not null,
  level     varchar not null,
  primary key (scheme_id, level),
);
create or replace table cfg_org_scheme_indicators (
  scheme_id    varchar not null,
  indicator_id varchar not null,
  per_manager  boolean not null,   -- the figure per manager of the node (人均)
  primary key (scheme_id, indicator_id),
);
`;

/** Validates the institution schemes of `<schemesDir>/org/` and writes them; throws with every problem. */
export async function loadOrgSchemes(wh: Warehouse, schemesDir: string, managerSchemeIds: string[]): Promise<void> {
  const { schemes, problems } = readOrgSchemesDir(schemesDir, managerSchemeIds);
  if (problems.length) {
    throw new Error(`invalid institution schemes:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
  }
  await wh.run(ddl);
  for (const { file, scheme: s } of schemes) {
    await insert(wh, 'cfg_org_schemes', [
      {
        scheme_id: s.scheme_id,
        file,
        name_zh: s.name.zh,
        name_en: s.name.en,
        org_id: s.org_id,
        effective_from: periodStartDate(s.effective_from)!,
        effective_to: s.effective_to === null ? null : periodEndDate(s.effective_to)!,
        total_weight: s.total_weight,
        bonus_cap: s.bonus.cap,
        fail_on_cascade_gap: String(s.cascade.fail_on_gap),
      },
    ]);
    await insert(wh, 'cfg_org_scheme_levels', s.levels.map((level) => ({ scheme_id: s.scheme_id, level })));
    await insert(
      wh,
      'cfg_org_scheme_indicators',
      s.indicators.map((i) => ({ scheme_id: s.scheme_id, indicator_id: i.id, per_manager: String(i.per_manager) })),
    );
    const card = cardRows(s);
    await insert(wh, 'cfg_scheme_indicators', card.indicators);
    await insert(wh, 'cfg_scheme_items', card.items);
    await insert(wh, 'cfg_scheme_grades', card.grades);
  }
}
