-- check mart_league_indicators__key: the key (period, ancestor_id, line, scheme_id, indicator_id) is
-- unique and never null, and every scheme counts at least one manager. Returns the offending keys.
select period, ancestor_id, line, scheme_id, indicator_id, count(*) as rows_with_key,
from mart_league_indicators
group by period, ancestor_id, line, scheme_id, indicator_id
having count(*) > 1 or bool_or(period is null or ancestor_id is null or line is null or scheme_id is null or indicator_id is null or managers < 1)
