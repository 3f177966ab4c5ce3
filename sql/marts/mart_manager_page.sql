-- mart_manager_page: the one-row parts of the manager page (GET /api/managers/{id}) side by side,
--   so the page reads them in one query instead of five: the scorecard that applies, the pay at
--   that card, and the process, risk and client-concentration rows of the period.
-- grain: one row per manager × period (the rows of mart_manager_period); keys: period, manager_id.
-- formula: no new figure; the rows of other marts as built, each column prefixed with its part
--   (card__total_score, pay__actual_pay, process__visits …; <part>__manager_id is null where that
--   mart has no row for the manager; the parts' own period and identity columns left out):
--   scored_period = the period of the manager's scorecard that applies (int_scorecards_applied:
--                   the latest card of the period's year up to its end); null without one
--   card          = the manager's row of mart_scorecards at scored_period
--   pay           = the manager's row of mart_pay at scored_period
--   process       = the manager's row of mart_manager_process_period for the period
--   risk          = the manager's row of mart_manager_risk_period for the period
--   concentration = the manager's row of mart_manager_client_concentration for the period
-- inputs: mart_manager_period, int_scorecards_applied, mart_scorecards, mart_pay, mart_manager_process_period,
--   mart_manager_risk_period, mart_manager_client_concentration.
-- Each part's columns are taken whole and prefixed (`columns(...) as 'card__\1'`) instead of listed:
-- the page shows every column of those marts, and the API takes the lists from their catalogs, so a
-- column added to one of them reaches the page without editing this file in step.
with manager_periods as (
  select period, manager_id from mart_manager_period
),
card_applies as (
  select period, manager_id, scored_period from int_scorecards_applied
),
cards as (
  select columns('(.*)') as 'card__\1' from (select * exclude (manager_name, org_id, line) from mart_scorecards)
),
pays as (
  select columns('(.*)') as 'pay__\1' from (select * exclude (manager_name, org_id, line) from mart_pay)
),
processes as (
  select columns('(.*)') as 'process__\1' from (select * exclude (manager_name, org_id, line, grade) from mart_manager_process_period)
),
risks as (
  select columns('(.*)') as 'risk__\1' from (select * exclude (manager_name, org_id, line, grade) from mart_manager_risk_period)
),
concentrations as (
  select columns('(.*)') as 'concentration__\1' from mart_manager_client_concentration
)
select
  m.period,
  m.manager_id,
  a.scored_period,
  cards.* exclude (card__period),
  pays.* exclude (pay__period),
  processes.* exclude (process__period),
  risks.* exclude (risk__period),
  concentrations.* exclude (concentration__period),
from manager_periods as m
left join card_applies as a on a.period = m.period and a.manager_id = m.manager_id
left join cards on cards.card__manager_id = m.manager_id and cards.card__period = a.scored_period
left join pays on pays.pay__manager_id = m.manager_id and pays.pay__period = a.scored_period
left join processes on processes.process__manager_id = m.manager_id and processes.process__period = m.period
left join risks on risks.risk__manager_id = m.manager_id and risks.risk__period = m.period
left join concentrations on concentrations.concentration__manager_id = m.manager_id and concentrations.concentration__period = m.period

-- written in manager order: the API reads one manager at a time (sql/README.md, "Row order")
order by m.manager_id, m.period
