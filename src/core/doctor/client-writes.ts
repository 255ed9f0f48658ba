// claim-from-writable-attribute, found by the handler rules (a claim copied from the attribute)
// and by the data rules (a rule reading the attribute from the ID token): an app client that may
// write an attribute lets every user choose its value.
import { shown } from '../data/auth-rules.js';
import { type AppClient, type AuthStack, clientMayWrite, describeResource } from '../stack.js';
import type { Finding } from './finding.js';

/** One finding per app client that may write `attribute`; `uses` says what relies on it, `lets` what a user then can do. */
export function clientWriteFindings(stack: AuthStack, attribute: string, uses: string, lets: string): Finding[] {
  return stack.clients
    .filter((client) => clientMayWrite(client.properties, attribute))
    .map((client) => clientWriteFinding(stack, client, attribute, uses, lets));
}

function clientWriteFinding(stack: AuthStack, client: AppClient, attribute: string, uses: string, lets: string): Finding {
  const listed = client.properties.WriteAttributes !== undefined;
  const name = describeResource(stack.assembly, client);
  const others = stack.clients.length > 1 ? ` (one of the pool's ${stack.clients.length} app clients: any client that may write it is enough)` : '';
  return {
    id: 'claim-from-writable-attribute',
    severity: 'error',
    resource: `${name} WriteAttributes`,
    problem: `${uses} ${shown(attribute)}, which the app client ${name}${others} ${listed ? 'lists in WriteAttributes' : 'may write: it has no WriteAttributes list, and AWS documents inconsistently what such a client may write'}. A user can set it at sign-up or with UpdateUserAttributes and ${lets}`,
    fix: `Give the app client an explicit WriteAttributes list without ${shown(attribute)} (for Amplify's client: cfnUserPoolClient.writeAttributes = ['email', …]; for one from userPool.addClient: writeAttributes: new ClientAttributes().withStandardAttributes({ email: true })) and set it with administrator credentials (AdminUpdateUserAttributes, e.g. in postConfirmation).`,
  };
}
