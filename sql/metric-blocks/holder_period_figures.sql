-- The metric columns of mart_manager_period, mart_unassigned_period and mart_org_period, included in
-- their metric blocks (sql/README.md, "Metric lists"): each full-precision figure f.<metric> of the
-- holder or node rounded here, once — money to the fen, shared counts to 6 decimals, counts whole,
-- 0 where the subject had nothing; ratios by their macros (sql/macros/metrics.sql) over the
-- full-precision inputs; net deposit increase null when no deposit snapshot exists at the prior
-- year-end (p.base_date_known). Every figure is null (unavailable, not 0) when the ledger it is
-- computed from was not delivered in the period (l = int_period_ledgers; the metric's "ledger" in
-- config/glossary.json).
money: case when l.{ledger} then mart_fen(f.{metric}) end as {metric},
units: case when l.{ledger} then mart_units(f.{metric}) end as {metric},
count: case when l.{ledger} then cast(coalesce(f.{metric}, 0) as bigint) end as {metric},
ratio: case when l.{ledger} then {metric}(f.{num}, f.{den}) end as {metric},
net_deposit_increase: case when p.base_date_known and l.{ledger} then mart_fen(f.{metric}) end as {metric},
