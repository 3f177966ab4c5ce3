// Dated manager–org membership (../shared/EXTRACTS.md, managers.valid_from; ../shared/DOMAIN.md,
// "Institutions"): raw_manager_memberships keeps every version of a manager's org, line and grade
// with the span it holds, so that a manager's move never rewrites an org's past figures.
//
// Run inside the load's transaction, before the managers rows are upserted:
//   - a delivered row is a change when the manager has no span yet, or its org, line or grade
//     differs from the manager's open span (valid_to null); an unchanged row changes nothing, so
//     loading the same file again changes nothing;
//   - a change holds from its valid_from; without one, from the first month-end of the delivery
//     (the earliest month-end of its ledger dates; a delivery without ledgers: the month-end of the
//     day of the load) — except a manager's first row, which holds from the start (null);
//   - spans starting on or after a change's date are superseded by it (a restated move), the span
//     in force the day before closes there, and the change opens a new span (valid_to null).
import { dateLiteral, stageTable } from './validate.ts';
import type { KindSpec } from './kinds.ts';

/** The statements that bring raw_manager_memberships up to the delivery's managers rows. */
export function membershipSql(staged: readonly KindSpec[], today: string): string[] {
  const managers = staged.find((s) => s.kind === 'managers');
  if (!managers) return [];
  const dates = staged.flatMap((s) => s.columns.filter((c) => c.dated === 'ledger').map((c) => `select min(last_day(${c.name})) as d from ${stageTable(s)}`));
  const firstMonthEnd = `coalesce((select min(d) from (${[...dates, `select null::date as d`].join(' union all ')})), last_day(${dateLiteral(today)}))`;
  const changes = 'ing_membership_changes';
  return [
    `create or replace temp table ${changes} as
     select s.manager_id, s.org_id, s.line, s.grade,
       case when s.valid_from is not null then s.valid_from
            when exists (select 1 from raw_manager_memberships k where k.manager_id = s.manager_id) then ${firstMonthEnd}
       end as valid_from
     from ${stageTable(managers)} as s
     left join raw_manager_memberships as cur on cur.manager_id = s.manager_id and cur.valid_to is null
     where cur.manager_id is null or cur.org_id <> s.org_id or cur.line <> s.line or cur.grade is distinct from s.grade`,
    `delete from raw_manager_memberships as m using ${changes} as c
     where m.manager_id = c.manager_id and c.valid_from is not null and m.valid_from >= c.valid_from`,
    `update raw_manager_memberships as m set valid_to = c.valid_from - 1 from ${changes} as c
     where m.manager_id = c.manager_id and c.valid_from is not null
       and (m.valid_to is null or m.valid_to >= c.valid_from)`,
    `insert into raw_manager_memberships (manager_id, org_id, line, grade, valid_from, valid_to, load_id)
     select manager_id, org_id, line, grade, valid_from, null, $load_id from ${changes}`,
    `drop table ${changes}`,
  ];
}
