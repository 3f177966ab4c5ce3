// Reads around the evaluation entries (issue 21): what a card lets people enter (the manual
// indicators and the adjustment items of the scheme in force), the card recomputed with the
// entries (the macros of sql/live/scorecards_live.sql: the same arithmetic as the build), the
// entries in force with who made them, and the audit trail. The entries file changes while the
// results file does not, so every query reading it runs fresh (never from the pool's cache).
import { listValue } from '@duckdb/node-api';
import type { Catalog } from './catalog.ts';
import { qualified } from './columns.ts';
import { cardColumns } from './managers.ts';
import type { Reader } from './reader.ts';
import { managerInScope, scopeOrgsCte, scopeParams, type Scope } from './scope.ts';
import type { EnterableItem } from '../../contract/api.ts';

/** The scheme of a manager's card for a scoring period; undefined when there is no such card. */
export async function cardScheme(reader: Reader, managerId: string, period: string): Promise<string | undefined> {
  const rows = await reader.query<{ scheme_id: string }>(
    `select scheme_id from mart_scorecards where manager_id = $id and period = $period`,
    { id: managerId, period },
  );
  return rows[0]?.scheme_id;
}

/** Schemes of the cards of a period, by manager (the batch grid and its upload). */
export async function cardSchemes(reader: Reader, managerIds: string[], period: string): Promise<Map<string, string>> {
  if (managerIds.length === 0) return new Map();
  const rows = await reader.query<{ manager_id: string; scheme_id: string }>(
    `select manager_id, scheme_id from mart_scorecards where period = $period and list_contains($ids::varchar[], manager_id)`,
    { period, ids: listValue(managerIds) },
  );
  return new Map(rows.map((r) => [r.manager_id, r.scheme_id]));
}

/**
 * What a card of the scheme lets people enter: its manual indicators (0 to the weight, or a rating
 * of the scale), then its adjustment bonus items (0 to the item's max) and deductions (≤ 0).
 */
export async function enterableItems(reader: Reader, schemeId: string): Promise<EnterableItem[]> {
  const rows = await reader.query<Omit<EnterableItem, 'entered_by' | 'scale'> & { entered_by: string; scale: string | null }>(
    `with ratings as (
       select indicator_id, to_json(list({ 'rating': rating, 'label_zh': label_zh, 'label_en': label_en, 'points': points::varchar } order by ordinal))::varchar as scale
       from cfg_scheme_ratings where scheme_id = $scheme group by indicator_id
     )
     select 'indicator' as kind, i.indicator_id as item_id, 'indicator' as section, i.label_zh, i.label_en,
       '0.00' as min_points, cast(i.weight as decimal(9,2))::varchar as max_points, i.entered_by, ratings.scale, i.ordinal as ordinal, 0 as block
     from cfg_scheme_indicators i left join ratings on ratings.indicator_id = i.indicator_id
     where i.scheme_id = $scheme and i.formula = 'manual'
     union all
     select 'item', it.item_id, it.section, it.label_zh, it.label_en,
       case it.section when 'bonus' then '0.00' end,
       case it.section when 'bonus' then it.max_points::varchar else '0.00' end,
       it.entered_by, null, it.ordinal, case it.section when 'bonus' then 1 else 2 end
     from cfg_scheme_items it
     where it.scheme_id = $scheme and it.source = 'adjustment'
     order by block, ordinal`,
    { scheme: schemeId },
  );
  return rows.map(({ ordinal: _o, block: _b, ...r }: typeof rows[number] & { ordinal?: unknown; block?: unknown }) => ({
    ...r,
    entered_by: r.entered_by ? r.entered_by.split(',') : [],
    scale: r.scale ? (JSON.parse(r.scale) as EnterableItem['scale']) : null,
  }));
}

/** One card with the entries added: the card, its indicator and item lines and the pay, as the page shows them. */
export async function liveScorecard(reader: Reader, catalog: Catalog, entriesFile: string, managerId: string, period: string) {
  const p = { f: entriesFile, period, id: managerId };
  const fresh = { fresh: true };
  const drop = ['period', 'manager_id', 'manager_name', 'org_id', 'line'];
  const [cards, indicators, items, pays] = await Promise.all([
    reader.query(`select ${qualified('s', cardColumns(catalog, 'mart_scorecards', drop))} from scorecards_live($f, $period) s where s.manager_id = $id`, p, fresh),
    reader.query(
      `select ${qualified('i', cardColumns(catalog, 'mart_scorecard_indicators'))} from scorecard_indicators_live($f, $period) i where i.manager_id = $id order by i.ordinal, i.indicator_id`,
      p,
      fresh,
    ),
    reader.query(`select ${qualified('i', cardColumns(catalog, 'mart_scorecard_items'))} from scorecard_items_live($f, $period) i where i.manager_id = $id`, p, fresh),
    reader.query(`select ${qualified('y', cardColumns(catalog, 'mart_pay', drop))} from pay_live($f, $period) y where y.manager_id = $id`, p, fresh),
  ]);
  const card = cards[0];
  return card ? { card, indicators, items, pay: pays[0] ?? null } : null;
}

export const entryColumns = ['seq', 'at', 'source', 'kind', 'item_id', 'label_zh', 'label_en', 'old_value', 'value', 'rating', 'note', 'by_user', 'by_name', 'by_role'] as const;

/**
 * The card's entries in force (`history` false) or every line about it (`history` true, the
 * audit trail, oldest first), each named by its item's label; then the adjustments file's rows the
 * card counts (source 'file': the year's rows whose period ends by the card's), which are part of
 * the card as delivered and never change in the server.
 */
export async function cardEntries(reader: Reader, entriesFile: string, managerId: string, period: string, history: boolean) {
  return reader.query(
    `with card as (
       select s.manager_id, s.scheme_id, s.year, p.end_date
       from mart_scorecards s join mart_periods p on p.period = s.period
       where s.manager_id = $id and s.period = $period
     ),
     labels as (
       select i.indicator_id as item_id, i.label_zh, i.label_en from cfg_scheme_indicators i join card on card.scheme_id = i.scheme_id
       union all
       select it.item_id, it.label_zh, it.label_en from cfg_scheme_items it join card on card.scheme_id = it.scheme_id
     ),
     entered as (
       select * from ${history ? 'entries_log' : 'entries_in_force'}($f) where manager_id = $id and period = $period
     ),
     from_file as (
       select a.line_no, coalesce(m.item_id, case when a.points >= 0 then 'unlisted_bonus' else 'unlisted_deduction' end) as item_id,
         cast(coalesce(m.points_each, a.points) as decimal(9,2)) as value, a.note, a.entered_by, a.period_key
       from stg_extract__adjustments a
       join card on card.manager_id = a.manager_id and card.year = a.year
       join mart_periods ap on ap.period = a.period_key and ap.end_date <= card.end_date
       left join cfg_scheme_adjustment_items m on m.scheme_id = card.scheme_id and m.adjustment_item = a.item
     )
     select e.seq, e."at", e.source, e.kind, e.item_id, l.label_zh, l.label_en, e.old_value::varchar as old_value, e.value::varchar as value,
       e.rating, e.note, e.by_user, e.by_name, e.by_role
     from entered e left join labels l on l.item_id = e.item_id
     union all
     select null, null, 'file', 'item', f.item_id, l.label_zh, l.label_en, null, f.value::varchar, null,
       concat_ws(' ', f.period_key, f.note), f.entered_by, f.entered_by, null
     from from_file f left join labels l on l.item_id = f.item_id
     order by seq nulls last, item_id`,
    { f: entriesFile, id: managerId, period },
    { fresh: true },
  );
}

export const periodEntryColumns = ['seq', 'at', 'by_user', 'by_name', 'by_role', 'kind', 'manager_id', 'period', 'item_id', 'old_value', 'value', 'rating', 'note', 'source', 'batch'] as const;

/**
 * Every line of the entries file for a scoring period (`jixiao export entries`), oldest first;
 * `orgId`: only the managers of that node's subtree.
 */
export async function periodEntries(reader: Reader, entriesFile: string, period: string, orgId: string | null) {
  return reader.query(
    `select e.seq, e."at", e.by_user, e.by_name, e.by_role, e.kind, e.manager_id, e.period, e.item_id,
       e.old_value::varchar as old_value, e.value::varchar as value, e.rating, e.note, e.source, e.batch
     from entries_log($f) e
     where e.period = $period
       and ($org::varchar is null or e.manager_id in (
         select m.manager_id from stg_extract__managers m join mart_org_ancestors a on a.org_id = m.org_id where a.ancestor_id = $org::varchar))
     order by e.seq`,
    { f: entriesFile, period, org: orgId },
    { fresh: true },
  );
}

export interface GridManager {
  manager_id: string;
  manager_name: string;
  org_id: string;
  org_name: string;
  line: string;
  scheme_id: string;
}

/** The managers of a node's subtree (within the caller's scope) that have a card for the scoring period. */
export async function gridManagers(reader: Reader, scope: Scope, orgId: string, period: string): Promise<GridManager[]> {
  return reader.query<GridManager>(
    `with ${scopeOrgsCte}
     select s.manager_id, s.manager_name, s.org_id, o.org_name, s.line, s.scheme_id
     from mart_scorecards s
     join mart_org_ancestors sub on sub.org_id = s.org_id and sub.ancestor_id = $org_id::varchar
     join stg_extract__orgs o on o.org_id = s.org_id
     where s.period = $period and ${managerInScope('s')}
     order by s.org_id, s.manager_id`,
    { ...scopeParams(scope), org_id: orgId, period },
  );
}

/** True when some card was scored for the period (a scoring period of this build). */
export async function isScoringPeriod(reader: Reader, period: string): Promise<boolean> {
  const rows = await reader.query<{ n: string }>(`select count(*)::varchar as n from mart_scorecards where period = $period`, { period });
  return rows[0]?.n !== '0';
}
