// Offline synthesis of a generated project (no AWS account: `tsx amplify/backend.ts` with the
// CDK output directory and Amplify's sandbox context set, as in shared/domain.md), and readers
// for what it produces: the auth stack's CloudFormation and the bundled handler assets.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import type { TriggerInfo } from '../../src/core/index.js';
import { childEnv, DEPS_BIN } from './deps.js';

/** What `ampx sandbox` passes to the CDK app; any namespace and name will do offline. */
export const SANDBOX_CONTEXT = {
  'amplify-backend-namespace': 'app',
  'amplify-backend-name': 'sandbox',
  'amplify-backend-type': 'sandbox',
};

export interface SynthResult {
  exitCode: number;
  output: string;
  cdkOut: string;
}

export async function synthesize(dir: string): Promise<SynthResult> {
  const cdkOut = join(dir, 'cdk.out');
  rmSync(cdkOut, { recursive: true, force: true });
  // --tsconfig: otherwise tsx would look above the project and find this repository's tsconfig.
  const result = await execa(join(DEPS_BIN, 'tsx'), ['--tsconfig', 'amplify/tsconfig.json', 'amplify/backend.ts'], {
    cwd: dir,
    reject: false,
    all: true,
    extendEnv: false,
    env: childEnv({ CDK_OUTDIR: 'cdk.out', CDK_CONTEXT_JSON: JSON.stringify(SANDBOX_CONTEXT) }),
  });
  return { exitCode: result.exitCode ?? -1, output: result.all ?? '', cdkOut };
}

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

/** The nested stack that holds the AWS::Cognito::UserPool (Amplify's auth stack). */
export function readAuthStack(cdkOut: string): AuthStack {
  const templates = readdirSync(cdkOut).filter((file) => file.endsWith('.nested.template.json'));
  const withPool = templates
    .map((file) => ({
      file,
      resources: (JSON.parse(readFileSync(join(cdkOut, file), 'utf8')) as { Resources?: Record<string, CfnResource> })
        .Resources ?? {},
    }))
    .filter(({ resources }) => Object.values(resources).some((resource) => resource.Type === 'AWS::Cognito::UserPool'));
  if (withPool.length !== 1) {
    throw new Error(`expected one nested stack with a user pool in ${cdkOut}, found ${withPool.length} (of ${templates.join(', ')})`);
  }
  const { file, resources } = withPool[0]!;
  const [poolId, pool] = single(resources, 'AWS::Cognito::UserPool', file);
  const [clientId, client] = single(resources, 'AWS::Cognito::UserPoolClient', file);
  return { file, resources, poolId, pool: pool.Properties ?? {}, clientId, client: client.Properties ?? {} };
}

function single(resources: Record<string, CfnResource>, type: string, file: string): [string, CfnResource] {
  const found = Object.entries(resources).filter(([, resource]) => resource.Type === type);
  if (found.length !== 1) throw new Error(`expected one ${type} in ${file}, found ${found.length}`);
  return found[0]!;
}

export function ofType(stack: AuthStack, type: string): [string, CfnResource][] {
  return Object.entries(stack.resources).filter(([, resource]) => resource.Type === type);
}

/** `{ "Fn::GetAtt": [id, "Arn"] }` → id. */
export function arnTarget(value: unknown): string | undefined {
  const getAtt = (value as { 'Fn::GetAtt'?: unknown } | undefined)?.['Fn::GetAtt'];
  return Array.isArray(getAtt) && getAtt[1] === 'Arn' && typeof getAtt[0] === 'string' ? getAtt[0] : undefined;
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

/**
 * The bundled handler of a function: its Code.S3Key is `<asset hash>.zip`, and the asset is
 * staged in cdk.out/asset.<asset hash>/ (or the aws:asset:path metadata names it, when set).
 */
export function handlerEntry(cdkOut: string, fn: CfnResource): string {
  const fromMetadata = fn.Metadata?.['aws:asset:path'] as string | undefined;
  const s3Key = fn.Properties?.Code?.S3Key as string | undefined;
  const assetDir = fromMetadata ?? (s3Key ? `asset.${s3Key.replace(/\.zip$/, '')}` : undefined);
  if (!assetDir) throw new Error(`function has neither aws:asset:path metadata nor Code.S3Key: ${JSON.stringify(fn.Properties?.Code)}`);
  const entry = join(cdkOut, assetDir, 'index.mjs');
  if (!existsSync(entry)) throw new Error(`bundled handler ${entry} does not exist`);
  return entry;
}
