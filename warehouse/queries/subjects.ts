// Subjects of users: checks that an org or manager exists when a user is added, and picks the
// demo bank's sample subjects (one per role) for `jixiao start`.
import type { Warehouse } from '../db.ts';

/** The org (and a display name) of an org id or a manager id, if it exists. */
export async function subjectOrg(
  wh: Warehouse,
  s: { orgId: string | null; managerId: string | null },
): Promise<{ org_id: string; name: string } | undefined> {
  if (s.managerId) {
    const rows = await wh.query<{ org_id: string; name: string }>(
      `select org_id, manager_name as name from stg_extract__managers where manager_id = $id limit 1`,
      { id: s.managerId },
    );
    return rows[0];
  }
  const rows = await wh.query<{ org_id: string; name: string }>(
    `select org_id, org_name as name from stg_extract__orgs where org_id = $id limit 1`,
    { id: s.orgId },
  );
  return rows[0];
}

export interface DemoSubjects {
  /** A sub-branch with the most managers (its president's league table is the richest). */
  branch: { org_id: string; org_name: string };
  /** Another sub-branch, for showing what a president may not see. */
  otherBranch: { org_id: string; org_name: string } | null;
  /** The tier-1 branch above `branch` (the risk officer's subtree). */
  region: { org_id: string; org_name: string };
  /** A manager of `branch` with clients. */
  manager: { manager_id: string; manager_name: string; org_id: string };
}

/** Sample ids the generator names in truth.json (`demo`), preferred when the warehouse holds them. */
export interface PreferredSubjects {
  sub_branch_id?: string;
  tier1_branch_id?: string;
  manager_id?: string;
}

export async function demoSubjects(wh: Warehouse, preferred: PreferredSubjects = {}): Promise<DemoSubjects> {
  const picked = await preferredSubjects(wh, preferred);
  if (picked) return picked;
  const branches = await wh.query<{ org_id: string; org_name: string; parent_id: string | null; managers: string }>(
    `select o.org_id, o.org_name, o.parent_id, count(m.manager_id) as managers
     from stg_extract__orgs o join stg_extract__managers m on m.org_id = o.org_id
     where o.level = 'sub_branch'
     group by o.org_id, o.org_name, o.parent_id
     order by count(m.manager_id) desc, o.org_id
     limit 50`,
  );
  const branch = branches[0];
  if (!branch) throw new Error('the warehouse has no sub-branch with managers to pick demo users from');
  // The risk officer's region: the tier-1 branch above the sub-branch (else its parent).
  const region = (
    await wh.query<{ org_id: string; org_name: string }>(
      `with recursive up(org_id, parent_id, org_name, level, n) as (
         select org_id, parent_id, org_name, level, 0 from stg_extract__orgs where org_id = $id
         union all
         select o.org_id, o.parent_id, o.org_name, o.level, up.n + 1 from stg_extract__orgs o join up on o.org_id = up.parent_id where up.n < 64
       )
       select org_id, org_name from up where level = 'tier1_branch' or n = 1 order by (level = 'tier1_branch') desc, n limit 1`,
      { id: branch.org_id },
    )
  )[0] ?? { org_id: branch.org_id, org_name: branch.org_name };
  const manager = (
    await wh.query<{ manager_id: string; manager_name: string; org_id: string }>(
      `select m.manager_id, m.manager_name, m.org_id
       from stg_extract__managers m join stg_extract__assignments a using (manager_id)
       where m.org_id = $id and m.leave_date is null
       group by m.manager_id, m.manager_name, m.org_id
       order by count(distinct a.client_id) desc, m.manager_id limit 1`,
      { id: branch.org_id },
    )
  )[0];
  if (!manager) throw new Error(`sub-branch ${branch.org_id} has no manager with clients`);
  const other = branches.find((b) => b.org_id !== branch.org_id && b.parent_id !== branch.parent_id) ?? branches.find((b) => b.org_id !== branch.org_id);
  return {
    branch: { org_id: branch.org_id, org_name: branch.org_name },
    otherBranch: other ? { org_id: other.org_id, org_name: other.org_name } : null,
    region,
    manager,
  };
}

async function preferredSubjects(wh: Warehouse, p: PreferredSubjects): Promise<DemoSubjects | undefined> {
  if (!p.sub_branch_id || !p.tier1_branch_id || !p.manager_id) return undefined;
  const org = async (id: string) =>
    (await wh.query<{ org_id: string; org_name: string }>(`select org_id, org_name from stg_extract__orgs where org_id = $id`, { id }))[0];
  const branch = await org(p.sub_branch_id);
  const region = await org(p.tier1_branch_id);
  const manager = (
    await wh.query<{ manager_id: string; manager_name: string; org_id: string }>(
      `select manager_id, manager_name, org_id from stg_extract__managers where manager_id = $id`,
      { id: p.manager_id },
    )
  )[0];
  if (!branch || !region || !manager) return undefined;
  const other = (
    await wh.query<{ org_id: string; org_name: string }>(
      `select org_id, org_name from stg_extract__orgs where level = 'sub_branch' and org_id <> $id order by org_id limit 1`,
      { id: branch.org_id },
    )
  )[0];
  return { branch, region, manager, otherBranch: other ?? null };
}
