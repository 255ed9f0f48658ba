// What the isolation check needs to know about one model of the served schema: its queries and
// mutations, its key, the fields to select, a valid create input and a field an update may change.
// Read from the GraphQL schema the simulator built (graphql-js objects of the project's install,
// handled by shape so that this package does not load a second graphql).

export interface ModelShape {
  model: string;
  get: string;
  list: string;
  create: string;
  update: string;
  delete: string;
  /** The primary key fields (the get query's arguments). */
  keyFields: string[];
  /** Scalar and enum fields of the model, for selection sets. */
  selection: string;
  /** Values for the create input's required fields other than the key and the tenant field. */
  required: Record<string, unknown>;
  /** Key fields a create must name (a custom identifier), other than the tenant field: unique per record. */
  uniqueKeys: string[];
  /** Whether a create may leave the tenant field out (an owner rule then fills it). */
  tenantOptionalOnCreate: boolean;
  /** A field an update may change (neither key nor tenant), with two distinct values; undefined when none. */
  updatable?: { field: string; values: [unknown, unknown] };
}

/** Query and mutation names as Amplify generates them for a model. */
export function modelShape(schema: any, model: string, tenantField: string): ModelShape {
  const type = schema.getType(model);
  if (!type?.getFields) throw new Error(`the API has no model ${model}`);
  const queries = Object.values(schema.getQueryType()?.getFields() ?? {}) as any[];
  const get = queries.find((field) => namedType(field.type) === model && !isList(field.type));
  const list = queries.find((field) => namedType(field.type) === `Model${model}Connection` && field.name.startsWith('list'));
  const mutations = schema.getMutationType()?.getFields() ?? {};
  const [create, update, remove] = ['create', 'update', 'delete'].map((verb) => mutations[`${verb}${model}`]);
  if (!get || !list || !create || !update || !remove) {
    throw new Error(`the API lacks the get, list, create, update or delete operation of ${model} (is it an a.model()?)`);
  }
  const keyFields = (get.args as any[]).map((arg) => arg.name as string);
  const fields = Object.values(type.getFields()) as any[];
  const selection = fields.filter((field) => isLeaf(schema, namedType(field.type))).map((field) => field.name as string);

  const createInput = inputFields(create);
  const required: Record<string, unknown> = {};
  for (const field of createInput) {
    if (!isNonNull(field.type) || field.name === tenantField || keyFields.includes(field.name)) continue;
    required[field.name] = sampleValue(schema, field.type, field.name, 0);
  }
  const uniqueKeys = createInput.filter((field) => isNonNull(field.type) && keyFields.includes(field.name) && field.name !== tenantField).map((field) => field.name as string);
  const tenantInput = createInput.find((field) => field.name === tenantField);
  const candidates = inputFields(update).filter(
    (field) => field.name !== tenantField && !keyFields.includes(field.name) && !field.name.startsWith('_') && isLeaf(schema, namedType(field.type)),
  );
  const chosen = candidates.find((field) => ['String', 'Int', 'Float'].includes(namedType(field.type))) ?? candidates[0];
  return {
    model,
    get: get.name,
    list: list.name,
    create: create.name,
    update: update.name,
    delete: remove.name,
    keyFields,
    selection: selection.join(' '),
    required,
    uniqueKeys,
    tenantOptionalOnCreate: tenantInput !== undefined && !isNonNull(tenantInput.type) && !keyFields.includes(tenantField),
    ...(chosen
      ? { updatable: { field: chosen.name, values: [sampleValue(schema, chosen.type, chosen.name, 1), sampleValue(schema, chosen.type, chosen.name, 2)] } }
      : {}),
  };
}

function inputFields(mutation: any): any[] {
  const input = (mutation.args as any[]).find((arg) => arg.name === 'input');
  const type = input ? unwrap(input.type) : undefined;
  return type?.getFields ? (Object.values(type.getFields()) as any[]) : [];
}

function unwrap(type: any): any {
  return type?.ofType ? unwrap(type.ofType) : type;
}

function namedType(type: any): string {
  return String(unwrap(type)?.name);
}

function isNonNull(type: any): boolean {
  return String(type).endsWith('!');
}

function isList(type: any): boolean {
  return String(type).replace(/!$/, '').startsWith('[');
}

/** Scalars and enums: what a selection set may name without sub-fields. */
function isLeaf(schema: any, name: string): boolean {
  const type = schema.getType(name);
  return type !== undefined && type !== null && !type.getFields;
}

/** A value of the type; `variant` makes distinct values of the same type. */
function sampleValue(schema: any, type: any, field: string, variant: number): unknown {
  if (isList(type)) return [sampleValue(schema, unwrap(type), field, variant)];
  const name = namedType(type);
  const named = schema.getType(name);
  if (named?.getValues) return named.getValues()[variant % named.getValues().length]?.value;
  if (named?.getFields) {
    return Object.fromEntries(
      (Object.values(named.getFields()) as any[]).filter((inner) => isNonNull(inner.type)).map((inner) => [inner.name, sampleValue(schema, inner.type, inner.name, variant)]),
    );
  }
  switch (name) {
    case 'Int':
    case 'AWSTimestamp':
      return 100 + variant;
    case 'Float':
      return 120.5 + variant;
    case 'Boolean':
      return variant % 2 === 0;
    case 'AWSDateTime':
      return `2026-01-1${variant}T09:30:00.000Z`;
    case 'AWSDate':
      return `2026-01-1${variant}`;
    case 'AWSTime':
      return `09:3${variant}:00.000`;
    case 'AWSEmail':
      return `user${variant}@example.com`;
    case 'AWSJSON':
      return JSON.stringify({ variant });
    case 'AWSURL':
      return `https://example.com/${variant}`;
    case 'AWSPhone':
      return `+1206555010${variant}`;
    case 'AWSIPAddress':
      return `127.0.0.${variant + 1}`;
    default:
      return `${field}-${variant}`;
  }
}
