-- The metric columns of mart_manager_period, mart_unassigned_period and mart_org_period, included in
-- their metric blocks (sql/README.md, "Metric lists"): each full-precision figure f.<metric> of the
-- holder or node rounded here, once — money to the fen, shared counts to 6 decimals, counts whole,
-- 0 where the subject had nothing; ratios by their macros (sql/macros/metrics.sql) over the
-- full-precision inputs; net deposit increase null when no deposit snapshot exists at the prior
-- year-end (p.base_date_known).
money: mart_fen(f.{metric}) as {metric},
units: mart_units(f.{metric}) as {metric},
count: cast(coalesce(f.{metric}, 0) as bigint) as {metric},
ratio: {metric}(f.{num}, f.{den}) as {metric},
net_deposit_increase: case when p.base_date_known then mart_fen(f.{metric}) end as {metric},
