-- mart_league_indicators: the indicators of the managers' evaluation schemes in force under each
--   org node, for the league's indicator columns (GET /api/orgs/{id}/managers) and the tiles of an
--   institution page whose node no institution scheme scores (GET /api/orgs/{id}); which of them a
--   page shows is the rule of contract/main-indicators.ts, over these rows.
-- grain: one row per period × org node (ancestor_id) × line × scheme in force there × indicator of
--   the scheme; keys: period, ancestor_id, line, scheme_id, indicator_id.
-- formula: no new figure.
--   scored_period = the latest scoring period (mart_scorecard_schemes) ending on or before the
--                   period's end: a scheme is in force over months, so a month before its year's
--                   first scoring period takes the resolution of the last one before it
--   scheme_id     = a scheme mart_scorecard_schemes resolved at scored_period for a manager of the
--                   line whose org lies in the node's subtree (int_org_ancestors); managers = how
--                   many such managers it scored
--   ordinal, indicator_id, metric, label_zh, label_en, weight = the scheme's indicator
--                   (cfg_scheme_indicators), metric null for a manual one
--   figured       = the node has a figure of the metric for the period (mart_org_metrics.actual not
--                   null: a net deposit increase without a base-date snapshot has none), as the
--                   institution page's tiles and the league's columns need one
-- inputs: int_periods, mart_scorecard_schemes, int_org_ancestors, cfg_scheme_indicators,
--   mart_org_metrics.
with periods as (
  select period, end_date from int_periods
),
resolutions as (
  select period, manager_id, org_id, line, scheme_id from mart_scorecard_schemes where scheme_id is not null
),
scoring_periods as (
  select p.period, p.end_date
  from int_periods as p
  semi join resolutions as r on r.period = p.period
),
applied as (
  select pe.period, max_by(sp.period, sp.end_date) as scored_period
  from periods as pe
  join scoring_periods as sp on sp.end_date <= pe.end_date
  group by pe.period
),
ancestors as (
  select org_id, ancestor_id from int_org_ancestors
),
schemes as (
  select a.period, anc.ancestor_id, r.line, r.scheme_id, a.scored_period, count(*) as managers
  from applied as a
  join resolutions as r on r.period = a.scored_period
  join ancestors as anc on anc.org_id = r.org_id
  group by a.period, anc.ancestor_id, r.line, r.scheme_id, a.scored_period
),
indicators as (
  select scheme_id, indicator_id, ordinal, metric, label_zh, label_en, weight from cfg_scheme_indicators
),
figures as (
  select period, org_id, metric, actual from mart_org_metrics
)
select
  s.period,
  s.ancestor_id,
  s.line,
  s.scheme_id,
  s.scored_period,
  s.managers,
  i.indicator_id,
  i.ordinal,
  i.metric,
  i.label_zh,
  i.label_en,
  i.weight,
  f.actual is not null as figured,
from schemes as s
join indicators as i on i.scheme_id = s.scheme_id
left join figures as f on f.period = s.period and f.org_id = s.ancestor_id and f.metric = i.metric

-- written in key order: the API reads one node's rows of one period
order by s.period, s.ancestor_id, s.line, s.scheme_id, i.ordinal, i.indicator_id
