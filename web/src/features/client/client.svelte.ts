// State of a client's page.
import { client, type ClientInfo, type Listed, type Row, type View } from '../../lib/api.ts';
import { Resource } from '../../lib/resource.svelte.ts';

export class ClientState {
  info = new Resource<{ client: ClientInfo }>();
  balances = new Resource<Listed<Row>>();
  loans = new Resource<Listed<Row>>();
  fees = new Resource<Listed<Row>>();
  products = new Resource<Listed<Row>>();
  managers = new Resource<Listed<Row>>();

  load(id: string, view: View): void {
    void this.info.load(() => client.info(id));
    void this.balances.load(() => client.balances(id, view));
    void this.loans.load(() => client.loans(id, view));
    void this.fees.load(() => client.fees(id, view));
    void this.products.load(() => client.products(id, view));
    void this.managers.load(() => client.managers(id, view));
  }
}
