// The synthesized CloudFormation as plain data (every template of the app: root and nested stacks),
// and pure helpers to read it. Reading the files is src/inspect's job; the rules over this data
// live in src/core/doctor.
//
// A resource is identified by its template and its logical id: CDK derives logical ids from
// construct paths, so two stacks can hold the same id. References between stacks are followed
// the way CloudFormation resolves them: a `{ Ref: param }` in a nested stack is the value its
// parent passes in the AWS::CloudFormation::Stack resource's Parameters, typically
// `Fn::GetAtt [otherStack, Outputs.X]`, which is output X of that stack's template.
import { DEFINE_AUTH_PRE_TOKEN_VERSION, isPreTokenVersion, type PreTokenVersion, STANDARD_ATTRIBUTES } from './cognito.js';
import { TRIGGERS, type TriggerInfo } from './triggers.js';

export interface CfnResource {
  Type: string;
  Properties?: Record<string, any>;
  Metadata?: Record<string, any>;
}

export interface Template {
  Parameters?: Record<string, unknown>;
  Resources?: Record<string, CfnResource>;
  Outputs?: Record<string, { Value?: unknown }>;
}

/** Every template synthesis wrote, by file name, and the asset manifest's hash → file name. */
export interface CloudAssembly {
  templates: Record<string, Template>;
  /** From `*.assets.json`: nested templates and handler bundles, by the hash their S3 keys use. */
  assetPaths: Record<string, string>;
}

export interface ResourceRef {
  /** The template file that declares it. */
  file: string;
  id: string;
}

export interface AppClient extends ResourceRef {
  properties: Record<string, any>;
}

/** The user pool and what refers to it, with the whole app around it. */
export interface AuthStack {
  assembly: CloudAssembly;
  /** The template that declares the user pool (Amplify's auth stack). */
  file: string;
  /** That template's resources. */
  resources: Record<string, CfnResource>;
  poolId: string;
  pool: Record<string, any>;
  /** Every app client of the pool, in any stack. */
  clients: AppClient[];
}

export const COGNITO_PRINCIPAL = 'cognito-idp.amazonaws.com';
/** The LambdaConfig key defineAuth (CDK's addTrigger without a version) attaches pre token generation with. */
export const LEGACY_PRE_TOKEN_KEY = TRIGGERS.preTokenGeneration.lambdaConfigKey;
export const PRE_TOKEN_CONFIG_KEY = 'PreTokenGenerationConfig';

const STACK_TYPE = 'AWS::CloudFormation::Stack';
/** How deep references may chain before we give up (a cycle would be a broken template). */
const MAX_HOPS = 16;

export function resourceAt(assembly: CloudAssembly, ref: ResourceRef): CfnResource | undefined {
  return assembly.templates[ref.file]?.Resources?.[ref.id];
}

export function sameResource(a: ResourceRef | undefined, b: ResourceRef | undefined): boolean {
  return a !== undefined && b !== undefined && a.file === b.file && a.id === b.id;
}

/** Every resource of a type, in every template. */
export function resourcesOfType(assembly: CloudAssembly, type: string): (ResourceRef & { resource: CfnResource })[] {
  return Object.entries(assembly.templates).flatMap(([file, template]) =>
    Object.entries(template.Resources ?? {})
      .filter(([, resource]) => resource.Type === type)
      .map(([id, resource]) => ({ file, id, resource })),
  );
}

/** The auth template's resources of a type. */
export function ofType(stack: AuthStack, type: string): [string, CfnResource][] {
  return Object.entries(stack.resources).filter(([, resource]) => resource.Type === type);
}

/** The template file of a nested stack resource: from its asset metadata, or its TemplateURL's asset hash. */
export function nestedTemplateFile(assembly: CloudAssembly, stackResource: CfnResource): string | undefined {
  const fromMetadata = stackResource.Metadata?.['aws:asset:path'];
  if (typeof fromMetadata === 'string' && assembly.templates[fromMetadata]) return fromMetadata;
  const hash = /([0-9a-f]{64})\.json/.exec(JSON.stringify(stackResource.Properties?.TemplateURL ?? ''))?.[1];
  const file = hash ? assembly.assetPaths[hash] : undefined;
  return file && assembly.templates[file] ? file : undefined;
}

/** The AWS::CloudFormation::Stack resource that declares a nested template, if it is nested. */
export function parentStackOf(assembly: CloudAssembly, file: string): ResourceRef | undefined {
  return resourcesOfType(assembly, STACK_TYPE).find(({ resource }) => nestedTemplateFile(assembly, resource) === file);
}

/** A value as a template writes it, and the template it is written in (where its references resolve). */
export interface TemplateValue {
  file: string;
  value: unknown;
}

/** The value a nested stack's parameter gets: what its parent's AWS::CloudFormation::Stack resource passes. */
export function passedParameter(assembly: CloudAssembly, file: string, name: string): TemplateValue | undefined {
  const parent = parentStackOf(assembly, file);
  const value = parent ? resourceAt(assembly, parent)?.Properties?.Parameters?.[name] : undefined;
  return parent && value !== undefined ? { file: parent.file, value } : undefined;
}

/** Output `name` of the nested stack that a stack resource declares, as its own template writes it. */
export function nestedOutput(assembly: CloudAssembly, stackResource: CfnResource, name: string): TemplateValue | undefined {
  const child = nestedTemplateFile(assembly, stackResource);
  const output = child ? assembly.templates[child]?.Outputs?.[name] : undefined;
  return child && output ? { file: child, value: output.Value } : undefined;
}

/**
 * The resource a property value names (an ARN, a name or an id), following parameters and
 * outputs across stacks; undefined for literal strings (something outside the app), pseudo
 * parameters and anything else that names no resource of this app.
 */
export function resolveResource(assembly: CloudAssembly, file: string, value: unknown, hops = 0): ResourceRef | undefined {
  if (hops > MAX_HOPS || value === null || typeof value !== 'object') return undefined;
  const template = assembly.templates[file];
  if (!template) return undefined;
  const ref = (value as { Ref?: unknown }).Ref;
  if (typeof ref === 'string') {
    if (template.Resources?.[ref]) return { file, id: ref };
    if (template.Parameters?.[ref] === undefined) return undefined;
    const passed = passedParameter(assembly, file, ref);
    return passed ? resolveResource(assembly, passed.file, passed.value, hops + 1) : undefined;
  }
  const getAtt = getAttParts((value as { 'Fn::GetAtt'?: unknown })['Fn::GetAtt']);
  if (getAtt) {
    const [id, attribute] = getAtt;
    const resource = template.Resources?.[id];
    if (!resource) return undefined;
    if (resource.Type === STACK_TYPE && attribute.startsWith('Outputs.')) {
      const output = nestedOutput(assembly, resource, attribute.slice('Outputs.'.length));
      return output ? resolveResource(assembly, output.file, output.value, hops + 1) : undefined;
    }
    return { file, id };
  }
  return undefined;
}

function getAttParts(value: unknown): [string, string] | undefined {
  if (Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'string') return [value[0], value[1]];
  if (typeof value === 'string' && value.includes('.')) {
    const dot = value.indexOf('.');
    return [value.slice(0, dot), value.slice(dot + 1)];
  }
  return undefined;
}

/** `{ "Fn::GetAtt": [id, "Arn"] }` (or `{ Ref: id }`) → id, within one template. */
export function arnTarget(value: unknown): string | undefined {
  const getAtt = (value as { 'Fn::GetAtt'?: unknown } | undefined)?.['Fn::GetAtt'];
  if (Array.isArray(getAtt) && getAtt[1] === 'Arn' && typeof getAtt[0] === 'string') return getAtt[0];
  const ref = (value as { Ref?: unknown } | undefined)?.Ref;
  return typeof ref === 'string' ? ref : undefined;
}

export function getAttArn(logicalId: string): { 'Fn::GetAtt': [string, 'Arn'] } {
  return { 'Fn::GetAtt': [logicalId, 'Arn'] };
}

/**
 * A stack's name for people: the logical id its parent gives it without CDK's 8-character hash
 * (`auth`, `function`, or the id given to backend.createStack), or `root`.
 */
export function stackName(assembly: CloudAssembly, file: string): string {
  const parent = parentStackOf(assembly, file);
  return parent ? parent.id.replace(/[0-9A-F]{8}$/, '') : 'root';
}

/** How findings name a resource: `<stack>/<logical id>`. */
export function describeResource(assembly: CloudAssembly, ref: ResourceRef): string {
  return `${stackName(assembly, ref.file)}/${ref.id}`;
}

const AMPLIFY_POOL_PREFIX = 'amplifyAuthUserPool';
const AMPLIFY_CLIENT_PREFIX = 'amplifyAuthUserPoolAppClient';

/**
 * The user pool of the app, wherever it is declared, with its app clients (Amplify's own first:
 * the one its frontend signs in with), or why there is none to inspect.
 */
export function authStackOf(assembly: CloudAssembly): AuthStack | { problem: string } {
  const pools = resourcesOfType(assembly, 'AWS::Cognito::UserPool');
  // Amplify's own pool, when a custom stack adds another.
  const amplifyPools = pools.filter(({ id }) => id.startsWith(AMPLIFY_POOL_PREFIX));
  const candidates = pools.length > 1 && amplifyPools.length === 1 ? amplifyPools : pools;
  if (candidates.length !== 1) {
    return {
      problem:
        candidates.length === 0
          ? `no user pool in the synthesized templates (${Object.keys(assembly.templates).join(', ')}): does the backend define auth?`
          : `found ${candidates.length} user pools (${candidates.map((pool) => describeResource(assembly, pool)).join(', ')}): doctor inspects one`,
    };
  }
  const { file, id: poolId, resource: pool } = candidates[0]!;
  const isAmplifys = (id: string) => Number(!id.startsWith(AMPLIFY_CLIENT_PREFIX));
  const clients = resourcesOfType(assembly, 'AWS::Cognito::UserPoolClient')
    .filter((client) => sameResource(resolveResource(assembly, client.file, client.resource.Properties?.UserPoolId), { file, id: poolId }))
    .map(({ file: clientFile, id, resource }) => ({ file: clientFile, id, properties: resource.Properties ?? {} }))
    .sort((a, b) => isAmplifys(a.id) - isAmplifys(b.id));
  return { assembly, file, resources: assembly.templates[file]!.Resources ?? {}, poolId, pool: pool.Properties ?? {}, clients };
}

export function poolRef(stack: AuthStack): ResourceRef {
  return { file: stack.file, id: stack.poolId };
}

/**
 * The trigger's Lambda function in the auth stack, by the logical id Amplify gives it: the
 * function name (the trigger's folder) without dashes, then "lambda", then CDK's hash.
 */
export function triggerFunctionIds(stack: AuthStack, trigger: TriggerInfo): string[] {
  const pattern = new RegExp(`^${trigger.folder.replace(/-/g, '')}lambda[0-9A-F]{8}$`);
  return ofType(stack, 'AWS::Lambda::Function')
    .map(([id]) => id)
    .filter((id) => pattern.test(id));
}

/** The trigger a function's logical id names (Amplify's `<folder without dashes>lambda<hash>`), if any. */
export function triggerNamedBy(logicalId: string): TriggerInfo | undefined {
  return Object.values(TRIGGERS).find((trigger) =>
    new RegExp(`^${trigger.folder.replace(/-/g, '')}lambda[0-9A-F]{8}$`, 'i').test(logicalId),
  );
}

/** The ARN value of a LambdaConfig entry: a string ARN, or `{ LambdaArn, LambdaVersion }`. */
export function lambdaConfigArn(value: unknown): unknown {
  return value !== null && typeof value === 'object' && 'LambdaArn' in value ? (value as { LambdaArn: unknown }).LambdaArn : value;
}

export interface PreTokenAttachment {
  version: PreTokenVersion;
  /** The function's ARN as the template writes it (a reference, or a literal ARN outside the app); undefined when none is named. */
  arn?: unknown;
}

/**
 * How the pool attaches pre token generation: PreTokenGenerationConfig's version, or the legacy key
 * alone (what defineAuth writes, so the version defineAuth attaches), and the function either names.
 * Undefined when the pool has no pre token generation trigger.
 */
export function preTokenAttachment(stack: Pick<AuthStack, 'pool'>): PreTokenAttachment | undefined {
  const lambdaConfig = (stack.pool.LambdaConfig ?? {}) as Record<string, any>;
  const configured = lambdaConfig[PRE_TOKEN_CONFIG_KEY]?.LambdaVersion;
  const legacy = lambdaConfig[LEGACY_PRE_TOKEN_KEY];
  const version = isPreTokenVersion(configured) ? configured : legacy !== undefined ? DEFINE_AUTH_PRE_TOKEN_VERSION : undefined;
  if (!version) return undefined;
  const arn = lambdaConfig[PRE_TOKEN_CONFIG_KEY]?.LambdaArn ?? legacy;
  return arn === undefined || arn === null ? { version } : { version, arn };
}

/** LambdaConfig key → the function it names in this app (undefined: outside the app, or unreadable). */
export function lambdaConfigTargets(stack: AuthStack): Map<string, ResourceRef | undefined> {
  const targets = new Map<string, ResourceRef | undefined>();
  for (const [key, value] of Object.entries((stack.pool.LambdaConfig ?? {}) as Record<string, unknown>)) {
    if (key === 'KMSKeyID') continue;
    targets.set(key, resolveResource(stack.assembly, stack.file, lambdaConfigArn(value)));
  }
  return targets;
}

export interface CognitoPermission extends ResourceRef {
  /** The function it lets Cognito invoke. */
  target: ResourceRef | undefined;
  properties: Record<string, any>;
}

/**
 * Lambda permissions, in any stack, that let Cognito invoke something: those scoped to this pool
 * and those scoped to no pool at all (a grant for another pool does not help this one).
 */
export function cognitoPermissions(stack: AuthStack): CognitoPermission[] {
  const pool = poolRef(stack);
  return resourcesOfType(stack.assembly, 'AWS::Lambda::Permission')
    .filter(({ resource }) => resource.Properties?.Principal === COGNITO_PRINCIPAL)
    .filter(({ file, resource }) => {
      const source = resource.Properties?.SourceArn;
      if (source === undefined) return true;
      const named = resolveResource(stack.assembly, file, source);
      return named === undefined || sameResource(named, pool);
    })
    .map(({ file, id, resource }) => ({
      file,
      id,
      target: resolveResource(stack.assembly, file, resource.Properties?.FunctionName),
      properties: resource.Properties ?? {},
    }));
}

/** Standard attribute names that may appear in a pool's Schema; anything else there is custom. */
const STANDARD_ATTRIBUTE_NAMES: ReadonlySet<string> = new Set(STANDARD_ATTRIBUTES);

export interface SchemaAttribute {
  /** As Cognito passes it to triggers: `custom:<name>` for custom attributes. */
  name: string;
  custom: boolean;
  type: 'String' | 'Number' | 'Boolean' | 'DateTime';
  mutable: boolean;
  /** Every user must have it (standard attributes only: Cognito has no required custom ones). */
  required: boolean;
  min?: number;
  max?: number;
}

export function schemaAttributes(stack: Pick<AuthStack, 'pool'>): SchemaAttribute[] {
  return ((stack.pool.Schema ?? []) as Record<string, any>[]).map((entry) => {
    const custom = !STANDARD_ATTRIBUTE_NAMES.has(entry.Name);
    const constraints = entry.StringAttributeConstraints
      ? { min: entry.StringAttributeConstraints.MinLength, max: entry.StringAttributeConstraints.MaxLength }
      : entry.NumberAttributeConstraints
        ? { min: entry.NumberAttributeConstraints.MinValue, max: entry.NumberAttributeConstraints.MaxValue }
        : {};
    return {
      name: custom ? `custom:${entry.Name}` : entry.Name,
      custom,
      type: entry.AttributeDataType ?? 'String',
      mutable: entry.Mutable !== false,
      required: entry.Required === true,
      ...(constraints.min !== undefined ? { min: Number(constraints.min) } : {}),
      ...(constraints.max !== undefined ? { max: Number(constraints.max) } : {}),
    };
  });
}

/**
 * Whether the app client may write the attribute. A client without WriteAttributes counts as
 * able to write every attribute: AWS's pages disagree about it, and only a list is safe.
 */
export function clientMayWrite(client: Record<string, any>, attribute: string): boolean {
  const list = client.WriteAttributes as string[] | undefined;
  return list === undefined || list.includes(attribute);
}
