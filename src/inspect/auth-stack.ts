// Reads what synthesis wrote: the nested stack with the user pool, and the bundled handlers.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuthStack, CfnResource } from '../core/stack.js';
import { InspectError } from './errors.js';

/** The nested stack that holds the AWS::Cognito::UserPool (Amplify's auth stack). */
export function readAuthStack(cdkOut: string): AuthStack {
  const templates = readdirSync(cdkOut).filter((file) => file.endsWith('.nested.template.json'));
  const withPool = templates
    .map((file) => ({
      file,
      resources: (JSON.parse(readFileSync(join(cdkOut, file), 'utf8')) as { Resources?: Record<string, CfnResource> }).Resources ?? {},
    }))
    .filter(({ resources }) => Object.values(resources).some((resource) => resource.Type === 'AWS::Cognito::UserPool'));
  if (withPool.length !== 1) {
    throw new InspectError(
      `expected one nested stack with a user pool in ${cdkOut}, found ${withPool.length} (of ${templates.join(', ') || 'no nested stacks'}): does the backend define auth?`,
    );
  }
  const { file, resources } = withPool[0]!;
  const [poolId, pool] = single(resources, 'AWS::Cognito::UserPool', file);
  const [clientId, client] = single(resources, 'AWS::Cognito::UserPoolClient', file);
  const stack = { file, resources: { ...resources }, poolId, pool: structuredClone(pool.Properties ?? {}), clientId, client: client.Properties ?? {} };
  followCrossStackTriggers(cdkOut, stack);
  return stack;
}

interface Template {
  Resources?: Record<string, CfnResource>;
  Outputs?: Record<string, { Value?: unknown }>;
}

/**
 * A trigger function defined outside the auth stack (a defineFunction without
 * resourceGroupName 'auth') reaches LambdaConfig as a stack parameter, which the parent stack
 * fills from the other nested stack's output. Rewrites such LambdaConfig entries to name the
 * function directly, and adds that stack's resources (the function, its permissions), so the
 * rules see it as they see a function in the auth stack.
 */
function followCrossStackTriggers(cdkOut: string, stack: AuthStack): void {
  const lambdaConfig = stack.pool.LambdaConfig as Record<string, any> | undefined;
  if (!lambdaConfig) return;
  const files = readdirSync(cdkOut).filter((file) => file.endsWith('.template.json'));
  const templates = files.map((file) => JSON.parse(readFileSync(join(cdkOut, file), 'utf8')) as Template);
  const parameterSource = (name: string): unknown =>
    templates
      .flatMap((template) => Object.values(template.Resources ?? {}))
      .find((resource) => resource.Type === 'AWS::CloudFormation::Stack' && resource.Properties?.Parameters?.[name] !== undefined)
      ?.Properties?.Parameters[name];
  const resolve = (value: unknown): unknown => {
    const ref = (value as { Ref?: unknown } | undefined)?.Ref;
    if (typeof ref !== 'string') return value;
    const getAtt = (parameterSource(ref) as { 'Fn::GetAtt'?: [string, string] } | undefined)?.['Fn::GetAtt'];
    const output = getAtt?.[1]?.startsWith('Outputs.') ? getAtt[1].slice('Outputs.'.length) : undefined;
    const owner = output ? templates.find((template) => template.Outputs?.[output] !== undefined) : undefined;
    if (!owner || !output) return value;
    for (const [id, resource] of Object.entries(owner.Resources ?? {})) stack.resources[id] ??= resource;
    return owner.Outputs![output]!.Value;
  };
  for (const [key, value] of Object.entries(lambdaConfig)) {
    if (value !== null && typeof value === 'object' && 'LambdaArn' in value) lambdaConfig[key] = { ...value, LambdaArn: resolve(value.LambdaArn) };
    else lambdaConfig[key] = resolve(value);
  }
}

function single(resources: Record<string, CfnResource>, type: string, file: string): [string, CfnResource] {
  const found = Object.entries(resources).filter(([, resource]) => resource.Type === type);
  if (found.length !== 1) throw new InspectError(`expected one ${type} in ${file}, found ${found.length}`);
  return found[0]!;
}

/**
 * The bundled handler of a function: its Code.S3Key is `<asset hash>.zip`, and the asset is
 * staged in cdk.out/asset.<asset hash>/ (or the aws:asset:path metadata names it, when set).
 */
export function handlerEntry(cdkOut: string, fn: CfnResource): string {
  const fromMetadata = fn.Metadata?.['aws:asset:path'] as string | undefined;
  const s3Key = fn.Properties?.Code?.S3Key as string | undefined;
  const assetDir = fromMetadata ?? (s3Key ? `asset.${s3Key.replace(/\.zip$/, '')}` : undefined);
  if (!assetDir) throw new InspectError(`function has neither aws:asset:path metadata nor Code.S3Key: ${JSON.stringify(fn.Properties?.Code)}`);
  const entry = join(cdkOut, assetDir, 'index.mjs');
  if (!existsSync(entry)) throw new InspectError(`bundled handler ${entry} does not exist`);
  return entry;
}
