-- int_manager_orgs: the one dated manager–org membership every model maps a manager to an org with
--   (../shared/DOMAIN.md, "Institutions": a manager belongs to the org the managers file gave on
--   each date; an org's past figures never change when a manager moves).
-- grain: one row per manager × span. keys: manager_id, held_from.
-- formula: the spans of stg_extract__manager_memberships; a manager of the managers file without
--   any (a warehouse written without the ingest) has one span, its current row, from the start.
--   held_from = the span's valid_from, but 0001-01-01 for the manager's first span (its first row
--   holds from the start, so nothing before it drops out of the tree); held_to = valid_to, or
--   9999-12-31 while in force. A date d belongs to the span with held_from <= d <= held_to: a
--   snapshot by its as_of_date (a month-end), an event by its date, a period by its end_date.
--   is_current: the span in force now (the last one).
-- inputs: stg_extract__manager_memberships, stg_extract__managers.
with delivered as (
  select manager_id, org_id, line, grade, valid_from, valid_to from stg_extract__manager_memberships
),
undated as (
  select m.manager_id, m.org_id, m.line, m.grade, cast(null as date) as valid_from, cast(null as date) as valid_to
  from stg_extract__managers as m
  anti join delivered as d on d.manager_id = m.manager_id
),
spans as (
  select * from delivered
  union all
  select * from undated
)
select
  *,
  case when row_number() over (partition by manager_id order by valid_from nulls first) = 1
    then date '0001-01-01' else valid_from end as held_from,
  coalesce(valid_to, date '9999-12-31') as held_to,
  valid_to is null as is_current,
from spans
