-- check mart_month_pace__key: the key (period, subject_type, subject_id, metric) is unique and never
-- null, every period is a month, and the share of the year gone lies in (0, 1]. Returns the
-- offending keys.
select period, subject_type, subject_id, metric, count(*) as rows_with_key,
from mart_month_pace
group by period, subject_type, subject_id, metric
having count(*) > 1 or bool_or(period is null or subject_type is null or subject_id is null or metric is null)
union all
select p.period, p.subject_type, p.subject_id, p.metric, 0,
from mart_month_pace as p
left join int_periods as i on i.period = p.period and i.period_type = 'month'
where i.period is null or not (p.elapsed_share > 0 and p.elapsed_share <= 1)
