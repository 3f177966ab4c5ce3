// State of the managers' league table under a node.
import { institutions, managers, type Listed, type Row, type View } from '../../lib/api.ts';
import { Resource } from '../../lib/resource.svelte.ts';

export class ManagersState {
  league = new Resource<Listed<Row>>();
  /** The unassigned bucket of the node's subtree (the row under the managers); none for a manager's scope. */
  unassigned = new Resource<Listed<Row>>();
  /** Manager grades seen so far (A, B, C…), for the grade filter; kept while a filter narrows the list. */
  grades = $state.raw<string[]>([]);

  load(orgId: string, view: View, grade: string | null): void {
    void this.unassigned.load(() => institutions.unassigned(orgId, view));
    void this.league.load(() => managers.league(orgId, view, grade)).then(() => {
      const seen = new Set(this.grades);
      for (const r of this.league.data?.rows ?? []) if (typeof r.grade === 'string' && r.grade) seen.add(r.grade);
      if (seen.size !== this.grades.length) this.grades = [...seen].sort();
    });
  }
}
