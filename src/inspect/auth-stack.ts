// Reads what synthesis wrote: every template in cdk.out (the user pool may sit in any of them,
// its triggers and clients in others), the asset manifest, and the bundled handlers.
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type AuthStack, authStackOf, type CfnResource, type CloudAssembly, type Template } from '../core/stack.js';
import { quoted } from '../core/escape.js';
import { readBoundedFile, UnreadableFile } from '../fs/bounded-read.js';
import { InspectError } from './errors.js';
import { MAX_CDK_OUT_FILE_BYTES } from './limits.js';

const NOTHING_SYNTHESIZED =
  'amplify/backend.ts ran without error but synthesized nothing (no CloudFormation template in cdk.out): does it call defineBackend({ auth, … })?';

export function readAssembly(cdkOut: string): CloudAssembly {
  const files = existsSync(cdkOut) ? readdirSync(cdkOut).filter((file) => isRegularFile(join(cdkOut, file))) : [];
  const templateFiles = files.filter((file) => file.endsWith('.template.json'));
  if (templateFiles.length === 0) throw new InspectError(NOTHING_SYNTHESIZED);
  const templates = Object.fromEntries(templateFiles.map((file) => [file, readJson(cdkOut, file) as Template]));
  const assetPaths: Record<string, string> = {};
  for (const file of files.filter((name) => name.endsWith('.assets.json'))) {
    const manifest = readJson(cdkOut, file) as { files?: Record<string, { source?: { path?: unknown } }> };
    for (const [hash, entry] of Object.entries(manifest.files ?? {})) {
      if (typeof entry.source?.path === 'string') assetPaths[hash] = entry.source.path;
    }
  }
  return { templates, assetPaths };
}

/** The user pool, wherever it is, its clients, and the whole app around them. */
export function readAuthStack(cdkOut: string): AuthStack {
  const found = authStackOf(readAssembly(cdkOut));
  if ('problem' in found) throw new InspectError(`${found.problem} (in ${cdkOut})`);
  return found;
}

export type HandlerLocation = { runnable: true; file: string; exportName: string } | { runnable: false; reason: string };

/**
 * Where Lambda would load a function's handler from: the asset its Code.S3Key names (staged in
 * cdk.out as the asset manifest says), and the module and export its Handler names. Only Node.js
 * handlers in an asset can be run here; anything else says why not.
 */
export function locateHandler(cdkOut: string, assembly: CloudAssembly, fn: CfnResource): HandlerLocation {
  const properties = fn.Properties ?? {};
  if (properties.PackageType === 'Image') return { runnable: false, reason: 'it is a container image: doctor runs Node.js handlers from an asset only' };
  const runtime = typeof properties.Runtime === 'string' ? properties.Runtime : undefined;
  if (!runtime?.startsWith('nodejs')) {
    return { runnable: false, reason: `its runtime is ${runtime === undefined ? 'not a literal' : quoted(runtime)}: doctor runs Node.js handlers only` };
  }
  if (properties.Code?.ZipFile !== undefined) {
    return { runnable: false, reason: 'its code is inline (Code.ZipFile): doctor runs handlers from a bundled asset only' };
  }
  const handler = typeof properties.Handler === 'string' ? properties.Handler : 'index.handler';
  const dot = handler.lastIndexOf('.');
  const [modulePath, exportName] = dot > 0 ? [handler.slice(0, dot), handler.slice(dot + 1)] : [handler, 'handler'];
  const fromMetadata = fn.Metadata?.['aws:asset:path'];
  const hash = typeof properties.Code?.S3Key === 'string' ? properties.Code.S3Key.replace(/\.zip$/, '') : undefined;
  const assetDir = typeof fromMetadata === 'string' ? fromMetadata : hash ? (assembly.assetPaths[hash] ?? `asset.${hash}`) : undefined;
  if (!assetDir || !existsSync(join(cdkOut, assetDir))) {
    return { runnable: false, reason: `its code is not an asset staged in cdk.out (Code: ${JSON.stringify(properties.Code ?? null).slice(0, 120)})` };
  }
  for (const extension of ['.mjs', '.js', '.cjs']) {
    const file = join(cdkOut, assetDir, `${modulePath}${extension}`);
    if (isRegularFile(file)) return { runnable: true, file, exportName };
  }
  return {
    runnable: false,
    reason: `its asset has no module for Handler ${quoted(handler)} (looked for .mjs, .js and .cjs; is the code built by another step?)`,
  };
}

/** The bundled handler file of a function, or an error saying why there is none to run. */
export function handlerEntry(cdkOut: string, assembly: CloudAssembly, fn: CfnResource): string {
  const location = locateHandler(cdkOut, assembly, fn);
  if (!location.runnable) throw new InspectError(`cannot run the handler: ${location.reason}`);
  return location.file;
}

function isRegularFile(path: string): boolean {
  try {
    const stat = lstatSync(path);
    return stat.isFile() && stat.size <= MAX_CDK_OUT_FILE_BYTES;
  } catch {
    return false;
  }
}

/** A file synthesis wrote, by its path inside cdk.out: a regular file of sane size, or an InspectError. */
export function readCdkOutFile(cdkOut: string, file: string, maxBytes = MAX_CDK_OUT_FILE_BYTES): string {
  try {
    return readBoundedFile(join(cdkOut, file), { maxBytes });
  } catch (error) {
    if (error instanceof UnreadableFile) throw new InspectError(`cannot read ${file} in cdk.out: it ${error.message}`);
    throw error;
  }
}

function readJson(cdkOut: string, file: string): unknown {
  const text = readCdkOutFile(cdkOut, file);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InspectError(`cannot read ${file} in cdk.out: ${(error as Error).message}`);
  }
}
