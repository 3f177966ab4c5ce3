// State of the institution page's scorecard part (issue 24): the node's own institution card, the
// cards of its subtree (head office sorts the sub-branches by score here), and the target cascade
// of the node and its children for the latest planned year. Reloaded with the node, period, language.
import { institutions, type Listed, type OrgScorecardAnswer, type Row, type View } from '../../lib/api.ts';
import { Resource } from '../../lib/resource.svelte.ts';

export class InstitutionCardsState {
  card = new Resource<OrgScorecardAnswer>();
  subtree = new Resource<Listed<Row>>();
  cascade = new Resource<Listed<Row>>();

  load(orgId: string, view: View): void {
    void this.card.load(() => institutions.scorecard(orgId, view));
    void this.subtree.load(() => institutions.scorecards(orgId, view));
    void this.cascade.load(() => institutions.cascade(orgId, view));
  }
}
