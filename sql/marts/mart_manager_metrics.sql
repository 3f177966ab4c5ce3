-- mart_manager_metrics: each manager's metrics in long form, against base and target (scorecards read this).
-- grain: one row per manager × period × metric (every metric column of mart_manager_period, and the
--   catalog's metrics whose source is mart_manager_process_period or mart_manager_risk_period);
--   keys: period, manager_id, metric.
-- formula:
--   actual      = the figure of mart_manager_period (of its source mart for the process ratios and
--                 the originated turned-NPL figures: one definition, there; no computed base)
--   base        = a base_value given in the targets file for (manager, period, metric), else the
--                 computed base: what the manager's portfolio at the period's end produced in the
--                 same period a year earlier (int_holder_bases), money rounded to
--                 the fen; 0 when the base period is loaded but the portfolio produced nothing then,
--                 null when it is not loaded; null for counts of clients, managers and visits
--   target      = target_value of the targets file; a year-to-date period ending a quarter takes the
--                 target of the period with the same months: 03-ytd ← Q1, 06-ytd ← H1, 12-ytd ← Y
--   achievement = actual / target (6 decimals; null without a target or when it is 0)
--   growth      = actual − base
--   A computed base is null when its ledger was not delivered in the base period.
-- inputs: mart_manager_period, mart_manager_process_period, mart_manager_risk_period, int_holder_bases,
--   int_period_bases, int_period_ledgers, int_period_targets.
-- order: clustered by the key (period, manager_id, metric) without sorting the long rows: the wide
--   rows (one per period × manager) are sorted and unpivoted in the metrics' alphabetical order (the
--   build does not promise insertion order, so chunks written side by side may interleave; nothing
--   reads the rows in table order). The API's point lookups rely on the zone maps this gives; the
--   long-form sort ran out of memory on the large bank (BENCHMARKS.md).
--   Period first, unlike the wide manager marts: a period's rows are shared by every manager's page,
--   so they stay in DuckDB's buffers; in manager order each new manager read cold blocks.
with bases as (
  -- the computed base (int_holder_bases), money rounded to the fen, wide: one row per period × manager
  select
    period,
    manager_id,
    {% for metric in manager with base %}
    money: cast(round_fen({metric}) as decimal(24,6)) as {metric},
    units: cast({metric} as decimal(24,6)) as {metric},
    ratio: cast({metric}({num}, {den}) as decimal(24,6)) as {metric},
    {% end %}
  from (
    -- a manager who moved within the period holds a row at each org: summed (the bases are additive)
    select period, manager_id, sum(columns(* exclude (period, base_period, manager_id, holder_org_id))),
    from int_holder_bases
    where manager_id is not null
    group by period, manager_id
  )
),
process as (
  -- the process ratios the catalog names (config/glossary.json, source mart_manager_process_period)
  select
    period,
    manager_id,
    {% for metric in process %}
    all: {metric},
    {% end %}
  from mart_manager_process_period
),
risk as (
  -- the originated turned-NPL figures (source mart_manager_risk_period)
  select
    period,
    manager_id,
    {% for metric in risk %}
    all: {metric},
    {% end %}
  from mart_manager_risk_period
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
  select period, subject_id as manager_id, metric, base_value, target_value,
  from int_period_targets
  where subject_type = 'manager'
),
targets_wide as (
  -- the targets file's base and target of every metric, side by side: one row per period × manager
  select
    period,
    manager_id,
    {% for metric in manager %}
    all: max(base_value) filter (where metric = '{metric}') as given_base__{metric},
    all: max(target_value) filter (where metric = '{metric}') as target__{metric},
    {% end %}
    {% for metric in process %}
    all: max(base_value) filter (where metric = '{metric}') as given_base__{metric},
    all: max(target_value) filter (where metric = '{metric}') as target__{metric},
    {% end %}
    {% for metric in risk %}
    all: max(base_value) filter (where metric = '{metric}') as given_base__{metric},
    all: max(target_value) filter (where metric = '{metric}') as target__{metric},
    {% end %}
  from targets
  group by period, manager_id
),
wide as (
  -- actual, base and target of every metric side by side, in key order (649 k rows at the large
  -- bank are sorted here, not 26.6 M long rows after the unpivot). base: the targets file's, else
  -- the computed one; a base period that is loaded but where the portfolio produced nothing gives 0
  -- (net deposit increase: only when the base period has its own base-date snapshot), one that is
  -- not loaded gives null; counts of clients and visits have no computed base
  select
    a.period,
    a.manager_id,
    {% for metric in manager %}
    all: cast(a.{metric} as decimal(24,6)) as actual__{metric},
    based: cast(coalesce(t.given_base__{metric}, case when l.base_{ledger} then coalesce(b.{metric}, case when l.loaded then 0 end) end) as decimal(24,6)) as base__{metric},
    net_deposit_increase: cast(coalesce(t.given_base__{metric}, case when l.base_{ledger} then coalesce(b.{metric}, case when l.loaded and l.ndi_known then 0 end) end) as decimal(24,6)) as base__{metric},
    unbased: cast(t.given_base__{metric} as decimal(24,6)) as base__{metric},
    all: cast(t.target__{metric} as decimal(24,6)) as target__{metric},
    {% end %}
    {% for metric in process %}
    all: cast(pr.{metric} as decimal(24,6)) as actual__{metric},
    all: cast(t.given_base__{metric} as decimal(24,6)) as base__{metric},
    all: cast(t.target__{metric} as decimal(24,6)) as target__{metric},
    {% end %}
    {% for metric in risk %}
    all: cast(rk.{metric} as decimal(24,6)) as actual__{metric},
    all: cast(t.given_base__{metric} as decimal(24,6)) as base__{metric},
    all: cast(t.target__{metric} as decimal(24,6)) as target__{metric},
    {% end %}
  from mart_manager_period as a
  join base_loaded as l on l.period = a.period
  left join bases as b on b.period = a.period and b.manager_id = a.manager_id
  left join process as pr on pr.period = a.period and pr.manager_id = a.manager_id
  left join risk as rk on rk.period = a.period and rk.manager_id = a.manager_id
  left join targets_wide as t on t.period = a.period and t.manager_id = a.manager_id
  order by a.period, a.manager_id
),
long as (
  -- one row per metric, in the metric's alphabetical order within each period × manager
  from wide unpivot include nulls ((actual, base, target) for metric in (
    {% for metric in manager sorted %}
    all: (actual__{metric}, base__{metric}, target__{metric}) as {metric},
    {% end %}
    {% for metric in process %}
    all: (actual__{metric}, base__{metric}, target__{metric}) as {metric},
    {% end %}
    {% for metric in risk %}
    all: (actual__{metric}, base__{metric}, target__{metric}) as {metric},
    {% end %}
  ))
)
select
  period,
  manager_id,
  metric,
  actual,
  base,
  target,
  case when target <> 0 then div_ratio(actual, target) end as achievement, -- the HUGEINT division only where a target exists
  cast(actual - base as decimal(24,6)) as growth,
from long
