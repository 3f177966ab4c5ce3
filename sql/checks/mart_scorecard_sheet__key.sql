-- check mart_scorecard_sheet__key: the key (period, manager_id, indicator_id) is unique, period and
-- manager_id never null, and every card of mart_scorecards has its rows: one per indicator line
-- of mart_scorecard_indicators (one row with indicator_id null without any). Returns the offending keys.
select period, manager_id, indicator_id, count(*) as rows_with_key,
from mart_scorecard_sheet
group by period, manager_id, indicator_id
having count(*) > 1 or bool_or(period is null or manager_id is null)
union all
select s.period, s.manager_id, null, 0,
from mart_scorecards as s
left join (select period, manager_id, count(indicator_id) as lines, count(*) as rows from mart_scorecard_sheet group by period, manager_id) as sheet
  on sheet.period = s.period and sheet.manager_id = s.manager_id
left join (select period, manager_id, count(*) as lines from mart_scorecard_indicators group by period, manager_id) as i
  on i.period = s.period and i.manager_id = s.manager_id
where sheet.rows is null or sheet.lines <> coalesce(i.lines, 0) or sheet.rows <> greatest(coalesce(i.lines, 0), 1)
