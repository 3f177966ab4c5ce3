// State of the managers' league table under a node.
import { managers, type Listed, type Row, type View } from '../../lib/api.ts';
import { Resource } from '../../lib/resource.svelte.ts';

export class ManagersState {
  league = new Resource<Listed<Row>>();

  load(orgId: string, view: View, grade: string | null): void {
    void this.league.load(() => managers.league(orgId, view, grade));
  }
}
