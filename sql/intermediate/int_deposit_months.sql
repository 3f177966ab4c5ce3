-- int_deposit_months: the month-ends at which the warehouse holds a deposit snapshot.
-- grain: one row per month-end with at least one deposit row; keys: month_end.
-- formula: the distinct month_end of the priced deposits. Net deposit increase over a base date is
--   known only when that date's snapshot is loaded, and month-on-month comparisons need both months:
--   the models that ask read these few rows rather than each every deposit row.
-- inputs: int_deposits_priced.
select distinct month_end from int_deposits_priced
