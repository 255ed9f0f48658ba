// Amplify Data's authorization rules, read from the schema Amplify's transformer received: the
// model schema (`model-schema.graphql` in cdk.out) holds each `a.model()` as a GraphQL type with
// `@auth(rules: [...])` on the type and on fields, exactly as `.authorization((allow) => …)`
// wrote them. A small reader of that GraphQL subset: types, fields, directives and their values.
import { quoted, tsString } from '../escape.js';

export type Operation = 'create' | 'read' | 'update' | 'delete';
export const OPERATIONS: readonly Operation[] = ['create', 'read', 'update', 'delete'];

export interface DataRule {
  /** The model (GraphQL type) the rule is on. */
  model: string;
  /** Set for a field-level rule. */
  field?: string;
  allow: string;
  /** userPools, oidc, apiKey, iam, function (Amplify's defaults filled in). */
  provider: string;
  operations: Operation[];
  ownerField?: string;
  /** Whether the owner field holds a list of owners (ownersDefinedIn). */
  ownersList?: boolean;
  identityClaim?: string;
  groupClaim?: string;
  groups?: string[];
  groupsField?: string;
}

/** Amplify's defaults: owners are matched on sub and username, groups on cognito:groups. */
export const DEFAULT_IDENTITY_CLAIM = 'sub::username';
export const DEFAULT_GROUP_CLAIM = 'cognito:groups';

export interface DataSchema {
  rules: DataRule[];
  /** Each model's primary key fields (`id` unless `.identifier([...])` says otherwise). */
  keys: Record<string, string[]>;
}

export function readDataSchema(sdl: string): DataSchema {
  const types = parseTypes(sdl);
  const keys: Record<string, string[]> = {};
  for (const type of types.filter((candidate) => candidate.directives.some((directive) => directive.name === 'model'))) {
    const partition = type.fields.find((field) => field.directives.some((directive) => directive.name === 'primaryKey'));
    const sortKeys = partition?.directives.find((directive) => directive.name === 'primaryKey')?.args.sortKeyFields;
    keys[type.name] = partition ? [partition.name, ...(Array.isArray(sortKeys) ? sortKeys.map(String) : [])] : ['id'];
  }
  return { rules: rulesOf(types), keys };
}

function rulesOf(types: TypeDefinition[]): DataRule[] {
  const rules: DataRule[] = [];
  for (const type of types) {
    const listFields = new Set(type.fields.filter((field) => field.list).map((field) => field.name));
    const add = (directives: Directive[], field?: string) => {
      for (const directive of directives.filter((candidate) => candidate.name === 'auth')) {
        const list = directive.args.rules;
        for (const raw of Array.isArray(list) ? list : []) {
          if (raw && typeof raw === 'object' && !Array.isArray(raw)) rules.push(toRule(raw as Record<string, unknown>, type.name, field, listFields));
        }
      }
    };
    add(type.directives);
    for (const field of type.fields) add(field.directives, field.name);
  }
  return rules;
}

function toRule(raw: Record<string, unknown>, model: string, field: string | undefined, listFields: Set<string>): DataRule {
  const allow = String(raw.allow ?? 'owner');
  const provider = typeof raw.provider === 'string' ? raw.provider : DEFAULT_PROVIDER[allow] ?? 'userPools';
  const operations = Array.isArray(raw.operations) ? normalizeOperations(raw.operations.map(String)) : [...OPERATIONS];
  const rule: DataRule = { model, ...(field ? { field } : {}), allow, provider, operations };
  if (allow === 'owner') {
    rule.ownerField = typeof raw.ownerField === 'string' ? raw.ownerField : 'owner';
    rule.identityClaim = typeof raw.identityClaim === 'string' ? raw.identityClaim : DEFAULT_IDENTITY_CLAIM;
    if (listFields.has(rule.ownerField)) rule.ownersList = true;
  }
  if (allow === 'groups') {
    rule.groupClaim = typeof raw.groupClaim === 'string' ? raw.groupClaim : DEFAULT_GROUP_CLAIM;
    if (Array.isArray(raw.groups)) rule.groups = raw.groups.map(String);
    if (typeof raw.groupsField === 'string') rule.groupsField = raw.groupsField;
  }
  return rule;
}

const DEFAULT_PROVIDER: Record<string, string> = { owner: 'userPools', groups: 'userPools', private: 'userPools', public: 'apiKey', custom: 'function' };

/** get, list, listen, sync and search are kinds of read. */
function normalizeOperations(names: string[]): Operation[] {
  const read = ['read', 'get', 'list', 'listen', 'sync', 'search'];
  return OPERATIONS.filter((operation) => (operation === 'read' ? names.some((name) => read.includes(name)) : names.includes(operation)));
}

/** The claims a rule compares, for a user-pool sign-in: sub::username is two claims. */
export function claimsRead(rule: DataRule): string[] {
  if (rule.provider !== 'userPools') return [];
  if (rule.allow === 'owner') return (rule.identityClaim ?? DEFAULT_IDENTITY_CLAIM).split('::');
  if (rule.allow === 'groups') return [rule.groupClaim ?? DEFAULT_GROUP_CLAIM];
  return [];
}

/** The rule as `.authorization((allow) => …)` writes it, e.g. allow.ownerDefinedIn('tenantId').identityClaim('tenant_id'). */
export function describeRule(rule: DataRule): string {
  // TypeScript string literals, escaped: the names come from the user's schema.
  const quote = tsString;
  let text: string;
  if (rule.allow === 'owner') {
    const field = rule.ownerField ?? 'owner';
    const base = rule.ownersList ? `allow.ownersDefinedIn(${quote(field)})` : field === 'owner' ? 'allow.owner()' : `allow.ownerDefinedIn(${quote(field)})`;
    text = rule.identityClaim && rule.identityClaim !== DEFAULT_IDENTITY_CLAIM ? `${base}.identityClaim(${quote(rule.identityClaim)})` : base;
  } else if (rule.allow === 'groups') {
    const base = rule.groupsField ? `allow.groupsDefinedIn(${quote(rule.groupsField)})` : `allow.groups([${(rule.groups ?? []).map(quote).join(', ')}])`;
    text = rule.groupClaim && rule.groupClaim !== DEFAULT_GROUP_CLAIM ? `${base}.withClaimIn(${quote(rule.groupClaim)})` : base;
  } else if (rule.allow === 'private') {
    text = IDENTITY_POOL.includes(rule.provider) ? "allow.authenticated('identityPool')" : 'allow.authenticated()';
  } else if (rule.allow === 'public') {
    text = IDENTITY_POOL.includes(rule.provider) ? 'allow.guest()' : 'allow.publicApiKey()';
  } else if (rule.allow === 'custom') {
    text = 'allow.custom()';
  } else {
    text = `allow: ${rule.allow}`;
  }
  if (rule.provider === 'oidc') text += " (provider 'oidc')";
  if (rule.operations.length < OPERATIONS.length) text += `.to([${rule.operations.map(quote).join(', ')}])`;
  return text;
}

/** The schema names the identity pool provider identityPool; older transformers called it iam. */
const IDENTITY_POOL = ['identityPool', 'iam'];

/** Where a rule sits: the model, or model.field. */
export function ruleLocation(rule: DataRule): string {
  return rule.field ? `${rule.model}.${rule.field}` : rule.model;
}

/**
 * A name from the schema or a token as a message shows it: bare when plain (tenant_id,
 * cognito:groups), else quoted and escaped, so no value can write terminal escapes or break a line.
 */
export function shown(name: string): string {
  return /^[\w:.@-]+$/.test(name) ? name : quoted(name);
}

// ---- the GraphQL subset ------------------------------------------------------------------------

type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

interface Directive {
  name: string;
  args: Record<string, Value>;
}

interface FieldDefinition {
  name: string;
  list: boolean;
  directives: Directive[];
}

interface TypeDefinition {
  name: string;
  directives: Directive[];
  fields: FieldDefinition[];
}

interface Token {
  kind: 'name' | 'string' | 'number' | 'punct';
  value: string;
}

const TOKEN = /\s+|,|#[^\n]*|"""[\s\S]*?"""|"(?:[^"\\\n]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\.\.\.|[_A-Za-z][_0-9A-Za-z]*|[!$&()\:=@[\]{|}]/y;

function tokenize(sdl: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < sdl.length) {
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(sdl);
    if (!match) throw new Error(`unexpected character ${JSON.stringify(sdl[start])} at offset ${start} of the model schema`);
    const text = match[0];
    if (/^(\s|,|#)/.test(text)) continue;
    if (text.startsWith('"')) tokens.push({ kind: 'string', value: text.startsWith('"""') ? text.slice(3, -3) : (JSON.parse(text) as string) });
    else if (/^-?\d/.test(text)) tokens.push({ kind: 'number', value: text });
    else if (/^[_A-Za-z]/.test(text)) tokens.push({ kind: 'name', value: text });
    else tokens.push({ kind: 'punct', value: text });
  }
  return tokens;
}

function parseTypes(sdl: string): TypeDefinition[] {
  const tokens = tokenize(sdl);
  let at = 0;
  const peek = () => tokens[at];
  const is = (value: string) => peek()?.kind === 'punct' && peek()?.value === value;
  const expect = (value: string) => {
    if (!is(value)) throw new Error(`expected "${value}" in the model schema, found ${JSON.stringify(peek()?.value ?? 'the end')}`);
    at++;
  };
  const name = () => {
    const token = tokens[at++];
    if (token?.kind !== 'name') throw new Error(`expected a name in the model schema, found ${JSON.stringify(token?.value ?? 'the end')}`);
    return token.value;
  };
  const skipBalanced = (open: string, close: string) => {
    let depth = 0;
    do {
      if (is(open)) depth++;
      else if (is(close)) depth--;
      at++;
    } while (depth > 0 && at < tokens.length);
  };
  const value = (): Value => {
    const token = tokens[at++];
    if (!token) throw new Error('unexpected end of the model schema');
    if (token.kind === 'string') return token.value;
    if (token.kind === 'number') return Number(token.value);
    if (token.kind === 'name') return token.value === 'true' ? true : token.value === 'false' ? false : token.value === 'null' ? null : token.value;
    if (token.value === '[') {
      const items: Value[] = [];
      while (!is(']')) items.push(value());
      expect(']');
      return items;
    }
    if (token.value === '{') {
      const object: Record<string, Value> = {};
      while (!is('}')) {
        const key = name();
        expect(':');
        object[key] = value();
      }
      expect('}');
      return object;
    }
    throw new Error(`unexpected "${token.value}" in a directive argument of the model schema`);
  };
  const directives = (): Directive[] => {
    const found: Directive[] = [];
    while (is('@')) {
      at++;
      const directive: Directive = { name: name(), args: {} };
      if (is('(')) {
        at++;
        while (!is(')')) {
          const key = name();
          expect(':');
          directive.args[key] = value();
        }
        expect(')');
      }
      found.push(directive);
    }
    return found;
  };
  /** A type reference; returns whether it is a list. */
  const typeReference = (): boolean => {
    let list = false;
    if (is('[')) {
      at++;
      typeReference();
      expect(']');
      list = true;
    } else {
      name();
    }
    if (is('!')) at++;
    return list;
  };

  const types: TypeDefinition[] = [];
  while (at < tokens.length) {
    const token = tokens[at]!;
    if (token.kind === 'name' && token.value === 'type' && tokens[at + 1]?.kind === 'name') {
      at++;
      const type: TypeDefinition = { name: name(), directives: [], fields: [] };
      if (peek()?.kind === 'name' && peek()?.value === 'implements') {
        at++;
        while (peek()?.kind === 'name' || is('&')) at++;
      }
      type.directives = directives();
      if (is('{')) {
        at++;
        while (!is('}')) {
          if (peek()?.kind === 'string') at++; // a description
          const fieldName = name();
          if (is('(')) skipBalanced('(', ')');
          expect(':');
          const list = typeReference();
          type.fields.push({ name: fieldName, list, directives: directives() });
        }
        expect('}');
      }
      types.push(type);
    } else if (is('{')) {
      skipBalanced('{', '}');
    } else if (is('(')) {
      skipBalanced('(', ')');
    } else {
      at++;
    }
  }
  return types;
}
