// The synthesized auth stack as plain data (parsed CloudFormation), and pure helpers to read it.
// Reading the files is src/inspect's job; the rules over this data live in src/core/doctor.
import { TRIGGERS, type TriggerInfo } from './triggers.js';

export interface CfnResource {
  Type: string;
  Properties?: Record<string, any>;
  Metadata?: Record<string, any>;
}

export interface AuthStack {
  /** The nested template's file name. */
  file: string;
  resources: Record<string, CfnResource>;
  poolId: string;
  pool: Record<string, any>;
  clientId: string;
  client: Record<string, any>;
}

export const COGNITO_PRINCIPAL = 'cognito-idp.amazonaws.com';
export const LEGACY_PRE_TOKEN_KEY = 'PreTokenGeneration';
export const PRE_TOKEN_CONFIG_KEY = 'PreTokenGenerationConfig';

export function ofType(stack: AuthStack, type: string): [string, CfnResource][] {
  return Object.entries(stack.resources).filter(([, resource]) => resource.Type === type);
}

/** `{ "Fn::GetAtt": [id, "Arn"] }` (or `{ Ref: id }`) → id. */
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
 * The trigger's Lambda function, by the logical id Amplify gives it: the function name (the
 * trigger's folder) without dashes, then "lambda", then CDK's 8-character hash.
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

/** LambdaConfig key → the function logical id it names (string ARNs of other stacks are left out). */
export function lambdaConfigTargets(stack: AuthStack): Map<string, string | undefined> {
  const targets = new Map<string, string | undefined>();
  for (const [key, value] of Object.entries((stack.pool.LambdaConfig ?? {}) as Record<string, unknown>)) {
    if (key === 'KMSKeyID') continue;
    const arn = value !== null && typeof value === 'object' && 'LambdaArn' in value ? (value as { LambdaArn: unknown }).LambdaArn : value;
    targets.set(key, arnTarget(arn));
  }
  return targets;
}

/** Lambda permissions that let Cognito invoke something, by the function logical id they name. */
export function cognitoPermissions(stack: AuthStack): { id: string; functionId: string | undefined; properties: Record<string, any> }[] {
  return ofType(stack, 'AWS::Lambda::Permission')
    .filter(([, permission]) => permission.Properties?.Principal === COGNITO_PRINCIPAL)
    .map(([id, permission]) => ({ id, functionId: arnTarget(permission.Properties?.FunctionName), properties: permission.Properties ?? {} }));
}

/** Standard attribute names that may appear in a pool's Schema; anything else there is custom. */
const STANDARD_ATTRIBUTES = new Set([
  'address', 'birthdate', 'email', 'email_verified', 'family_name', 'gender', 'given_name', 'locale', 'middle_name', 'name',
  'nickname', 'phone_number', 'phone_number_verified', 'picture', 'preferred_username', 'profile', 'sub', 'updated_at',
  'website', 'zoneinfo',
]);

export interface SchemaAttribute {
  /** As Cognito passes it to triggers: `custom:<name>` for custom attributes. */
  name: string;
  custom: boolean;
  type: 'String' | 'Number' | 'Boolean' | 'DateTime';
  mutable: boolean;
  min?: number;
  max?: number;
}

export function schemaAttributes(stack: AuthStack): SchemaAttribute[] {
  return ((stack.pool.Schema ?? []) as Record<string, any>[]).map((entry) => {
    const custom = !STANDARD_ATTRIBUTES.has(entry.Name);
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
      ...(constraints.min !== undefined ? { min: Number(constraints.min) } : {}),
      ...(constraints.max !== undefined ? { max: Number(constraints.max) } : {}),
    };
  });
}

/**
 * Whether the app client may write the attribute. A client without WriteAttributes counts as
 * able to write every attribute: the documentation disagrees about it, and only a list is safe.
 */
export function clientMayWrite(client: Record<string, any>, attribute: string): boolean {
  const list = client.WriteAttributes as string[] | undefined;
  return list === undefined || list.includes(attribute);
}
