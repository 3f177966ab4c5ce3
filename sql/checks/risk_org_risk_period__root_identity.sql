-- check risk_org_risk_period__root_identity: at every root of the org tree, loans charged to their
-- originators (unknown originators to the booking org) add up to the same turned-NPL count as loans
-- charged to their holders (both are the ledger's count); and the key (period, org_id) is unique.
-- Returns the offending period and org.
select period, org_id, turned_npl_count, originated_turned_npl_count, cast(null as bigint) as rows_with_key,
from mart_org_risk_period
where parent_id is null and abs(turned_npl_count - originated_turned_npl_count) > 0.0001
union all
select period, org_id, null, null, count(*),
from mart_org_risk_period
group by period, org_id
having count(*) > 1
