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
  return { file, resources, poolId, pool: pool.Properties ?? {}, clientId, client: client.Properties ?? {} };
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
