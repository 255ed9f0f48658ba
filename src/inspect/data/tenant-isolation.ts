// Tenant isolation, proven offline: two users of different tenants call the API Amplify
// synthesized, through the AppSync simulator over an in-process DynamoDB, with the access tokens
// preview computes for them (the bundled pre token generation handler puts the tenant claim in).
// Each check states what must happen and what did: every same-tenant operation allowed, every
// cross-tenant one denied or filtered, judged by the response and by what DynamoDB then holds.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripCustomPrefix } from '../../core/attributes.js';
import { readAppSyncConfig } from '../../core/data/appsync-config.js';
import { sampleTenants } from '../../core/data/tenant.js';
import { schemaAttributes } from '../../core/stack.js';
import { preTokenEvent, sampleUser, signInTokens } from '../../core/tokens/index.js';
import { readAuthStack, readCdkOutFile } from '../auth-stack.js';
import { InspectError } from '../errors.js';
import type { InvokeOptions } from '../invoke.js';
import { invokePreToken, runnablePreTokenFunction } from '../pre-token.js';
import { withSynthesis } from '../with-synthesis.js';
import { modelShape, type ModelShape } from './model-shape.js';
import { type GraphQLResponse, type LocalAppSync, startLocalAppSync } from './simulator.js';

export interface TenantIsolationOptions {
  /** The Amplify project (its own packages synthesize it and run the simulator). */
  projectDir: string | URL;
  /** The model whose records belong to one tenant each, e.g. Invoice. */
  model: string;
  /** Its field holding the tenant, e.g. tenantId. */
  tenantField: string;
  /** The custom attribute (without custom:) the tenant claim is made from; each user gets a different value. */
  tenantAttribute: string;
  /** Environment for synthesis and the handler (default: this process's). */
  env?: Record<string, string | undefined>;
}

export type Verdict = 'allowed' | 'denied';

export interface TenantCheck {
  /** What a user does, as a sentence. */
  description: string;
  expected: Verdict;
  /** What the API did: allowed when the operation took effect (or returned the record), denied otherwise. */
  outcome: Verdict;
  /** The response and the stored state behind the outcome. */
  detail: string;
}

export interface TenantIsolationReport {
  model: string;
  /** The two users' tenant values (first, second). */
  tenants: [string, string];
  /** The claims of each user's access token, as preview computes them. */
  accessTokens: [Record<string, unknown>, Record<string, unknown>];
  checks: TenantCheck[];
}

/** Synthesizes the project with its own packages, then checks it (see checkTenantIsolationInCdkOut). */
export async function checkTenantIsolation(options: TenantIsolationOptions): Promise<TenantIsolationReport> {
  const projectDir = typeof options.projectDir === 'string' ? resolve(options.projectDir) : fileURLToPath(options.projectDir);
  return withSynthesis(projectDir, projectDir, { env: options.env ?? process.env }, (cdkOut, invoke) =>
    checkTenantIsolationInCdkOut(cdkOut, { ...options, projectDir }, invoke),
  );
}

/** Two users, one per tenant, then every operation across and within tenants (the checks, in order). */
export async function checkTenantIsolationInCdkOut(
  cdkOut: string,
  options: TenantIsolationOptions,
  invokeOptions: InvokeOptions = {},
): Promise<TenantIsolationReport> {
  const projectDir = typeof options.projectDir === 'string' ? resolve(options.projectDir) : fileURLToPath(options.projectDir);
  const attributeName = stripCustomPrefix(options.tenantAttribute);
  const stack = readAuthStack(cdkOut);
  const schema = schemaAttributes(stack);
  const attribute = schema.find((candidate) => candidate.name === `custom:${attributeName}`);
  if (!attribute) throw new InspectError(`the user pool has no custom attribute custom:${attributeName} to give the two users their tenants.`);
  if (attribute.type !== 'String') throw new InspectError(`custom:${attributeName} is ${attribute.type}; a tenant attribute is a String.`);
  const tenants = sampleTenants(attribute);
  // Their access tokens as preview computes them, both answers from one handler process.
  const fn = runnablePreTokenFunction(stack, cdkOut);
  const users = tenants.map((tenant, index) =>
    sampleUser(schema, [
      ['sub', USERS[index]!.sub],
      ['email', USERS[index]!.email],
      [attributeName, tenant],
    ]),
  );
  const events = users.map((user) => preTokenEvent(stack, fn.version, user));
  const answers = await invokePreToken(fn, events, invokeOptions);
  const tokens = users.map((user, index) => signInTokens(stack, user, events[index]!, { version: fn.version, answer: answers[index] }).accessToken.payload);

  const config = readAppSyncConfig(stack.assembly, (file) => readCdkOutFile(cdkOut, file));
  const table = config.tables.find((candidate) => candidate.name.startsWith(`${options.model}-`));
  if (!table) throw new InspectError(`no DynamoDB table for ${options.model} in cdk.out (tables: ${config.tables.map((t) => t.name).join(', ') || 'none'}).`);
  const api = await startLocalAppSync(projectDir, config);
  try {
    const shape = modelShape(api.schema, options.model, options.tenantField);
    const javascript = [`Query.${shape.get}`, `Query.${shape.list}`, `Mutation.${shape.create}`, `Mutation.${shape.update}`, `Mutation.${shape.delete}`].filter(
      (field) => api.skipped.includes(field),
    );
    if (javascript.length > 0) {
      throw new InspectError(`${javascript.join(', ')} ${javascript.length === 1 ? 'has a resolver' : 'have resolvers'} in JavaScript (APPSYNC_JS), which the AppSync simulator cannot run.`);
    }
    const scenario = new Scenario(api, shape, table.name, options.tenantField, tenants, [unsignedJwt(tokens[0]!), unsignedJwt(tokens[1]!)]);
    return { model: options.model, tenants, accessTokens: [tokens[0]!, tokens[1]!], checks: await scenario.run() };
  } finally {
    await api.close();
  }
}

/** The two signed-in users; their tenant attribute differs, nothing else that matters. */
const USERS = [
  { sub: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111', email: 'ana@example.com' },
  { sub: 'b2c3d4e5-6789-01bc-def0-EXAMPLE22222', email: 'ben@example.com' },
] as const;

/**
 * A JWT with the access token's claims, as the Authorization header carries it. Unsigned: the
 * simulator, like AppSync after verification, reads only the claims.
 */
function unsignedJwt(claims: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT', kid: 'offline' })}.${part(claims)}.offline`;
}

type Item = Record<string, unknown>;

class Scenario {
  private readonly checks: TenantCheck[] = [];

  constructor(
    private readonly api: LocalAppSync,
    private readonly shape: ModelShape,
    private readonly table: string,
    private readonly tenantField: string,
    private readonly tenants: [string, string],
    private readonly tokens: [string, string],
  ) {}

  async run(): Promise<TenantCheck[]> {
    const [own, other] = this.tenants;
    const { model } = this.shape;
    const { tenantField } = this;
    const [ownUser, otherUser] = [`the ${own} user`, `the ${other} user`];
    const a = /^[aeiou]/i.test(model) ? `an ${model}` : `a ${model}`;

    // Each user creates a record in their own tenant.
    const theirs = await this.expectCreate(1, `${otherUser} creates ${a} naming their tenant`, { [tenantField]: other }, other);
    const mine = this.shape.tenantOptionalOnCreate
      ? await this.expectCreate(0, `${ownUser} creates ${a} without naming a tenant: ${tenantField} comes from the access token`, {}, own)
      : await this.expectCreate(0, `${ownUser} creates ${a} naming their tenant`, { [tenantField]: own }, own);
    if (!mine || !theirs) return this.checks; // nothing to read, change or delete: the failed checks say why

    await this.check(`${ownUser} reads their ${model} (${this.shape.get})`, 'allowed', async () => {
      const response = await this.call(0, this.getQuery(), this.key(mine));
      const found = response.data?.[this.shape.get];
      return { outcome: found ? 'allowed' : 'denied', detail: describe(response) };
    });
    await this.check(`${ownUser} lists their ${model} records (${this.shape.list})`, 'allowed', async () => {
      const items = await this.list(0);
      return { outcome: items.some((item) => this.same(item, mine)) ? 'allowed' : 'denied', detail: `listed ${JSON.stringify(items)}` };
    });

    await this.check(`${ownUser} cannot read the ${other} ${model} (${this.shape.get})`, 'denied', async () => {
      const response = await this.call(0, this.getQuery(), this.key(theirs));
      const found = response.data?.[this.shape.get];
      return { outcome: found ? 'allowed' : 'denied', detail: describe(response) };
    });
    await this.check(`neither user lists the other tenant's ${model} records (${this.shape.list})`, 'denied', async () => {
      const [first, second] = [await this.list(0), await this.list(1)];
      const leaked = [...first.filter((item) => item[tenantField] !== own), ...second.filter((item) => item[tenantField] !== other)];
      return { outcome: leaked.length > 0 ? 'allowed' : 'denied', detail: `first user listed ${JSON.stringify(first)}; second user listed ${JSON.stringify(second)}` };
    });
    await this.check(`${ownUser} cannot create ${a} in tenant ${other}`, 'denied', async () =>
      this.createOutcome(0, { [tenantField]: other }),
    );
    await this.check(`${ownUser} cannot create ${a} without a tenant (${tenantField} null)`, 'denied', async () =>
      this.createOutcome(0, { [tenantField]: null }),
    );
    const updatable = this.shape.updatable;
    if (updatable) {
      await this.check(`${ownUser} cannot update the ${other} ${model}`, 'denied', async () => {
        const response = await this.call(0, this.mutation('update'), { input: { ...this.key(theirs), [updatable.field]: updatable.values[0] } });
        const stored = await this.stored(theirs);
        return { outcome: stored[0]?.[updatable.field] === updatable.values[0] ? 'allowed' : 'denied', detail: `${describe(response)}; stored: ${JSON.stringify(stored)}` };
      });
    }
    // Each change of the user's own records gets a record of its own, so one that wrongly goes
    // through does not decide the checks after it.
    await this.check(`${ownUser} cannot move their ${model} into tenant ${other} (update ${tenantField})`, 'denied', async () =>
      this.reassignOutcome(await this.ownRecord(), other),
    );
    await this.check(`${ownUser} cannot move their ${model} out of every tenant (update ${tenantField} to null)`, 'denied', async () =>
      this.reassignOutcome(await this.ownRecord(), null),
    );
    await this.check(`${ownUser} cannot delete the ${other} ${model}`, 'denied', async () => {
      const response = await this.call(0, this.mutation('delete'), { input: this.key(theirs) });
      const stored = await this.stored(theirs);
      return { outcome: stored.length === 0 ? 'allowed' : 'denied', detail: `${describe(response)}; stored: ${JSON.stringify(stored)}` };
    });
    if (updatable) {
      await this.check(`${ownUser} updates their ${model}`, 'allowed', async () => {
        const record = await this.ownRecord();
        const response = await this.call(0, this.mutation('update'), { input: { ...this.key(record), [updatable.field]: updatable.values[1] } });
        const stored = await this.stored(record);
        return { outcome: stored[0]?.[updatable.field] === updatable.values[1] ? 'allowed' : 'denied', detail: `${describe(response)}; stored: ${JSON.stringify(stored)}` };
      });
    }
    await this.check(`${ownUser} deletes their ${model}`, 'allowed', async () => {
      const record = await this.ownRecord();
      const response = await this.call(0, this.mutation('delete'), { input: this.key(record) });
      const stored = await this.stored(record);
      return { outcome: stored.length === 0 ? 'allowed' : 'denied', detail: `${describe(response)}; stored: ${JSON.stringify(stored)}` };
    });
    return this.checks;
  }

  private async check(description: string, expected: Verdict, run: () => Promise<{ outcome: Verdict; detail: string }>): Promise<void> {
    try {
      this.checks.push({ description, expected, ...(await run()) });
    } catch (error) {
      // The request itself failed (not a refusal by the API): neither allowed nor a proof of denial.
      this.checks.push({ description, expected, outcome: expected === 'allowed' ? 'denied' : 'allowed', detail: `could not run: ${String(error)}` });
    }
  }

  /** A create that must work: the record it made, as stored, or undefined (the failed check says why). */
  private async expectCreate(user: 0 | 1, description: string, input: Item, tenant: string): Promise<Item | undefined> {
    let created: Item | undefined;
    await this.check(description, 'allowed', async () => {
      const { response, added } = await this.create(user, input);
      created = added.length === 1 && added[0]![this.tenantField] === tenant ? added[0] : undefined;
      return { outcome: created ? 'allowed' : 'denied', detail: `${describe(response)}; stored: ${JSON.stringify(added)}` };
    });
    return created;
  }

  /** A new record of the first user's, made as the create checks did; throws when that fails. */
  private async ownRecord(): Promise<Item> {
    const [own] = this.tenants;
    const { response, added } = await this.create(0, { [this.tenantField]: own });
    if (added.length !== 1 || added[0]![this.tenantField] !== own) throw new Error(`creating a record in the user's own tenant failed: ${describe(response)}`);
    return added[0]!;
  }

  /** A create that must be refused: allowed if anything was stored. */
  private async createOutcome(user: 0 | 1, input: Item): Promise<{ outcome: Verdict; detail: string }> {
    const { response, added } = await this.create(user, input);
    return { outcome: added.length > 0 ? 'allowed' : 'denied', detail: `${describe(response)}; stored: ${JSON.stringify(added)}` };
  }

  /** An update of the tenant field: allowed if the record (by its other key fields) is no longer only in its tenant. */
  private async reassignOutcome(record: Item, tenant: string | null): Promise<{ outcome: Verdict; detail: string }> {
    const response = await this.call(0, this.mutation('update'), { input: { ...this.key(record), [this.tenantField]: tenant } });
    const stored = await this.stored(record, { ignoreTenant: true });
    const moved = stored.length !== 1 || stored[0]![this.tenantField] !== record[this.tenantField];
    return { outcome: moved ? 'allowed' : 'denied', detail: `${describe(response)}; stored: ${JSON.stringify(stored)}` };
  }

  /** A create request, and the records DynamoDB holds afterwards that it did not hold before. */
  private async create(user: 0 | 1, input: Item): Promise<{ response: GraphQLResponse; added: Item[] }> {
    const before = await this.api.scan(this.table);
    const response = await this.call(user, this.mutation('create'), { input: this.createInput(input) });
    const added = (await this.api.scan(this.table)).filter((item) => !before.some((old) => this.same(item, old)));
    return { response, added };
  }

  private created = 0;

  /** A create input: the required fields, unique values for key fields it must name, then `input`. */
  private createInput(input: Item): Item {
    const count = ++this.created;
    return { ...this.shape.required, ...Object.fromEntries(this.shape.uniqueKeys.map((field) => [field, `${field}-${count}`])), ...input };
  }

  private async list(user: 0 | 1): Promise<Item[]> {
    const response = await this.call(user, `query { ${this.shape.list} { items { ${this.shape.selection} } } }`, {});
    return ((response.data?.[this.shape.list]?.items ?? []) as (Item | null)[]).filter((item): item is Item => item !== null);
  }

  private getQuery(): string {
    const args = this.shape.keyFields;
    const types = args.map((arg) => `$${arg}: ${this.keyType(arg)}`).join(', ');
    return `query(${types}) { ${this.shape.get}(${args.map((arg) => `${arg}: $${arg}`).join(', ')}) { ${this.shape.selection} } }`;
  }

  private mutation(verb: 'create' | 'update' | 'delete'): string {
    const name = this.shape[verb];
    const input = `${verb[0]!.toUpperCase()}${verb.slice(1)}${this.shape.model}Input`;
    return `mutation($input: ${input}!) { ${name}(input: $input) { ${this.shape.selection} } }`;
  }

  private keyType(arg: string): string {
    const field = this.api.schema.getQueryType().getFields()[this.shape.get].args.find((candidate: any) => candidate.name === arg);
    return String(field.type);
  }

  private key(record: Item): Item {
    return Object.fromEntries(this.shape.keyFields.map((field) => [field, record[field]]));
  }

  private same(a: Item, b: Item, ignoreTenant = false): boolean {
    return this.shape.keyFields.every((field) => (ignoreTenant && field === this.tenantField) || a[field] === b[field]);
  }

  /** The stored items with the record's key (ignoring the tenant field: where a move would put it). */
  private async stored(record: Item, { ignoreTenant = false } = {}): Promise<Item[]> {
    return (await this.api.scan(this.table)).filter((item) => this.same(item, record, ignoreTenant));
  }

  private call(user: 0 | 1, query: string, variables: Record<string, unknown>): Promise<GraphQLResponse> {
    return this.api.request(this.tokens[user], query, variables);
  }
}

/** A response in one line: the errors, or what it returned. */
function describe(response: GraphQLResponse): string {
  if (response.errors && response.errors.length > 0) {
    return `errors: ${response.errors.map((error) => `${error.errorType ? `${error.errorType}: ` : ''}${error.message}`).join('; ')}`;
  }
  return `returned ${JSON.stringify(response.data ?? null)}`;
}
