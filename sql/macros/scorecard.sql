-- The points of one scorecard indicator, once for every card, managers' and institutions' (used by
-- int_scorecard_lines_scored, which scores both).
-- config/schemes/README.md states the rules; the arguments are the columns of cfg_scheme_indicators
-- and the figures of the subject (actual, base, the target given by the targets file, the year's
-- target for annual_pro_rata, months in the scoring period).
--
--   scorecard_target(...)        the target: the given one when positive, else the fallbacks in
--                                order: year's × months / 12, base × (1 ± growth), per month × months, fixed
--   scorecard_target_source(...) which of those it was: targets | annual_pro_rata | base_growth | per_month | fixed
--   scorecard_achievement(...)   actual / target, previous-quarter ratio, target / actual (lower is
--                                better; none at all earns the cap), or x for banded / pass-fail
--   scorecard_capped(...)        the achievement capped and floored, banded or passed
--   scorecard_applied_weight(...) the weight counted: 0 for an indicator left out (ledger not
--                                delivered, 'rescale'), the others scaled to total_weight
--   scorecard_points(c, weight)  round(capped × weight, 2), 0 without an achievement
--   scorecard_note(...)          why an indicator scored 0 or was bounded
--   scorecard_bonus(bonus_raw, bonus_cap) the bonus section counted: least(Σ bonus items, the
--                                scheme's bonus cap) (no cap: the sum)
--   scorecard_total(indicator_points, bonus_raw, bonus_cap, deduction_points) the card's total:
--                                indicator points + scorecard_bonus + deductions (may fall below 0)
--   scorecard_grade(grades, total_score) the grade a total earns: the first of the scheme's grades
--                                (a list of {grade, ordinal, min_score} in ordinal order,
--                                scorecard_grade_list) whose min_score <= total_score (the last has
--                                none), as that struct; null when no grade fits
--   scorecard_grade_list(grade, ordinal, min_score) the aggregate building that list per scheme
create or replace macro scorecard_target(formula, given_target, year_target, months, base, base_growth, per_month, fixed) as (
  case
    when formula = 'ratio_to_previous' then null
    when given_target > 0 then given_target
    when year_target > 0 then cast(div_units(year_target * months, 12, 6) * 0.000001 as decimal(24,6))
    when base_growth is not null and base > 0 then
      round(base * (1 + case when formula = 'lower_is_better' then -base_growth else base_growth end), 6)
    when per_month is not null then per_month * months
    when fixed is not null then fixed
  end
);

create or replace macro scorecard_target_source(formula, given_target, year_target, base, base_growth, per_month, fixed) as (
  case
    when formula = 'ratio_to_previous' then null
    when given_target > 0 then 'targets'
    when year_target > 0 then 'annual_pro_rata'
    when base_growth is not null and base > 0 then 'base_growth'
    when per_month is not null then 'per_month'
    when fixed is not null then 'fixed'
  end
);

create or replace macro scorecard_achievement(formula, actual, target, base, cap, basis) as (
  case formula
    when 'ratio_to_target' then case when target > 0 then div_ratio(actual, target) end
    when 'ratio_to_previous' then case when base > 0 then div_ratio(coalesce(actual, 0), base) end
    when 'lower_is_better' then
      case when target is null or target < 0 then null
           when coalesce(actual, 0) <= 0 then cap
           else div_ratio(target, actual) end
    else
      case when basis = 'actual' then cast(actual as decimal(18,6))
           when target > 0 then div_ratio(actual, target) end
  end
);

create or replace macro scorecard_capped(formula, achievement, floor, cap, band_floor, band_full, threshold, direction) as (
  case
    when achievement is null then null
    when formula in ('ratio_to_target', 'ratio_to_previous', 'lower_is_better') then least(greatest(achievement, floor), cap)
    when formula = 'banded_linear' then
      case when achievement <= band_floor then 0
           when achievement >= band_full then 1
           else div_ratio(achievement - band_floor, band_full - band_floor) end
    when formula = 'pass_fail' then
      case when (direction = 'at_least' and achievement >= threshold) or (direction = 'at_most' and achievement <= threshold) then 1 else 0 end
  end
);

create or replace macro scorecard_applied_weight(unavailable_indicators, unavailable, weight, weight_left_out, total_weight) as (
  cast(case
    when unavailable_indicators = 'rescale' and unavailable then 0
    when unavailable_indicators = 'rescale' and weight_left_out > 0 and total_weight > weight_left_out
      then div_ratio(weight * total_weight, total_weight - weight_left_out)
    when unavailable_indicators = 'rescale' and weight_left_out > 0 then 0
    else weight
  end as decimal(18,6))
);

create or replace macro scorecard_points(capped_achievement, weight) as
  cast(coalesce(round(cast(capped_achievement as decimal(18,6)) * weight, 2), 0) as decimal(9,2));

create or replace macro scorecard_note(formula, achievement, has_data, actual, cap, floor) as (
  case
    when formula = 'ratio_to_previous' and achievement is null then 'no_previous'
    when achievement is null and not has_data then 'no_data'
    when achievement is null and actual is null then 'no_actual'
    when achievement is null then 'no_target'
    when formula = 'lower_is_better' and coalesce(actual, 0) <= 0 then 'none_best'
    when formula in ('ratio_to_target', 'ratio_to_previous', 'lower_is_better') and achievement > cap then 'capped'
    when formula in ('ratio_to_target', 'ratio_to_previous', 'lower_is_better') and achievement < floor then 'floored'
  end
);

create or replace macro scorecard_bonus(bonus_raw, bonus_cap) as least(bonus_raw, bonus_cap);

create or replace macro scorecard_total(indicator_points, bonus_raw, bonus_cap, deduction_points) as
  indicator_points + scorecard_bonus(bonus_raw, bonus_cap) + deduction_points;

create or replace macro scorecard_grade_list(grade, ordinal, min_score) as
  list({'grade': grade, 'ordinal': ordinal, 'min_score': min_score} order by ordinal);

create or replace macro scorecard_grade(grades, total_score) as
  list_filter(grades, lambda g: g.min_score is null or g.min_score <= total_score)[1];
