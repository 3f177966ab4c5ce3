// State of the benchmarking page: the level's nodes under the page's node, with the URL's filters.
import { institutions, type Listed, type Row, type View } from '../../lib/api.ts';
import { Resource } from '../../lib/resource.svelte.ts';
import type { PeerQuery } from './peers.ts';

export class PeersState {
  peers = new Resource<Listed<Row>>();

  load(orgId: string, view: View, q: PeerQuery): void {
    void this.peers.load(() => institutions.peers(orgId, view, { level: q.level, parent_id: q.parent_id, size_by: q.size_by, size: q.size }));
  }
}
