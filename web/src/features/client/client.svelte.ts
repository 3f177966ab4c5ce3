// State of a client's page: one endpoint (client, holders over time, monthly history, loans).
import { client, type ClientPage } from '../../lib/api.ts';
import { Resource } from '../../lib/resource.svelte.ts';

export class ClientState {
  page = new Resource<ClientPage>();

  load(id: string): void {
    void this.page.load(() => client.page(id));
  }
}
