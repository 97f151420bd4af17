import catalogJson from '../../shared/catalog/genesys-chat.tools.json';
import type { Catalog, ServiceModule, ServiceOptions } from '../core/types';
import { simulateActivity } from './activity';
import { createControl } from './control';
import { ChatOperations } from './operations';
import { GenesysStore } from './store';
import { buildTools } from './tools';

export { ME_JID, ME_NAME, ME_USER_ID, ORG_SUBDOMAIN } from './ids';

/** The stateful Genesys Cloud `/api/v2/chats` service behind `/genesys-chat` (see README.md). */
export function createGenesysService(opts: ServiceOptions): ServiceModule {
  const store = new GenesysStore(opts.seed, opts.scale, opts.clock);
  const ops = new ChatOperations(store);
  return {
    path: '/genesys-chat',
    serviceKey: 'genesys',
    catalog: catalogJson as Catalog,
    tools: buildTools(store, ops),
    simulateActivity: (rng) => simulateActivity(store, ops, rng),
    control: createControl(store, ops),
    stats: () => store.stats(),
  };
}
