-- mart_org_metrics: each org's metrics in long form, against base and target (scorecards read this).
-- grain: one row per org × period × metric (every metric column of mart_org_period);
--   keys: period, org_id, metric.
-- formula:
--   actual      = the figure of mart_org_period
--   base        = a base_value given in the targets file for (org, period, metric), else the
--                 computed base: what the org's portfolio at the period's end produced in the
--                 same period a year earlier (int_holder_bases, summed over the subtree), money rounded to
--                 the fen; 0 when the base period is loaded but the portfolio produced nothing then,
--                 null when it is not loaded; null for counts of clients, managers and visits
--   target      = target_value of the targets file; a year-to-date period ending a quarter takes the
--                 target of the period with the same months: 03-ytd ← Q1, 06-ytd ← H1, 12-ytd ← Y
--   achievement = actual / target (6 decimals; null without a target or when it is 0)
--   growth      = actual − base
--   A computed base is null when its ledger was not delivered in the base period.
-- inputs: mart_org_period, int_holder_bases, int_org_ancestors, int_period_bases, int_period_ledgers,
--   int_period_targets.
with actuals_wide as (
  select
    period,
    org_id,
    {% for metric in org %}
    all: cast({metric} as decimal(24,6)) as {metric},
    {% end %}
  from mart_org_period
),
actuals as (
  select period, org_id, metric, actual,
  from actuals_wide
  unpivot include nulls (actual for metric in (
    {% for metric in org %}
    all: {metric},
    {% end %}
  ))
),
base_sums as (
  select
    h.period,
    a.ancestor_id as org_id,
    {% for metric in org with base %}
    money: sum(h.{metric}) as {metric},
    units: sum(h.{metric}) as {metric},
    ratio:
    {% end %}
  from int_holder_bases as h
  join int_org_ancestors as a on a.org_id = h.holder_org_id
  group by h.period, a.ancestor_id
),
bases_wide as (
  select
    b.period,
    b.org_id,
    {% for metric in org with base %}
    money: cast(round_fen(b.{metric}) as decimal(24,6)) as {metric},
    units: cast(b.{metric} as decimal(24,6)) as {metric},
    ratio: cast({metric}(b.{num}, b.{den}) as decimal(24,6)) as {metric},
    {% end %}
  from base_sums as b
),
bases as (
  select period, org_id, metric, base,
  from bases_wide
  unpivot include nulls (base for metric in (
    {% for metric in org with base %}
    all: {metric},
    {% end %}
  ))
),
base_loaded as (
  -- whether the base period is loaded, and which ledgers were delivered in it (int_period_ledgers):
  -- a computed base from a ledger not delivered then is null, not 0
  select
    b.period, b.base_period_loaded as loaded, b.base_period_base_date_known as ndi_known,
    g.base_deposits, g.base_loans, g.base_fees, g.base_sales, g.base_visits, g.base_business, g.base_reference,
  from int_period_bases as b
  join int_period_ledgers as g on g.period = b.period
),
targets as (
  select period, subject_id as org_id, metric, base_value, target_value,
  from int_period_targets
  where subject_type = 'org'
),
combined as (
  select
    a.period,
    a.org_id,
    a.metric,
    a.actual,
    coalesce(
      t.base_value,
      case when (case a.metric
        {% for metric in org %}
        all: when '{metric}' then l.base_{ledger}
        {% end %}
      end) then coalesce(
        b.base,
        case when l.loaded and a.metric in (
          {% for metric in org with base %}
          all: '{metric}',
          {% end %}
        ) and (a.metric <> 'net_deposit_increase' or l.ndi_known) then 0 end
      ) end
    ) as base,
    t.target_value as target,
  from actuals as a
  join base_loaded as l on l.period = a.period
  left join bases as b on b.period = a.period and b.org_id = a.org_id and b.metric = a.metric
  left join targets as t on t.period = a.period and t.org_id = a.org_id and t.metric = a.metric
)
select
  period,
  org_id,
  metric,
  cast(actual as decimal(24,6)) as actual,
  cast(base as decimal(24,6)) as base,
  cast(target as decimal(24,6)) as target,
  case when target <> 0 then div_ratio(actual, target) end as achievement, -- the HUGEINT division only where a target exists
  cast(actual - base as decimal(24,6)) as growth,
from combined

-- written in key order: the API reads it by period and subject, and DuckDB skips the row groups
-- whose zone maps exclude them (sql/README.md, "Row order")
order by period, org_id, metric
