// src/inspect without synthesis: the environment synthesis gets, where a function's handler is
// found in cdk.out (or why it cannot run), and a cdk.out with nothing in it.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CfnResource } from '../src/core/stack.js';
import { locateHandler, readAssembly } from '../src/inspect/auth-stack.js';
import { synthesisEnv } from '../src/inspect/synthesize.js';

const scratch = mkdtempSync(join(tmpdir(), 'inspect-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('synthesis environment', () => {
  it('drops what npm exec adds (npm_config_package and the rest), keeps the rest of the user\'s', () => {
    const env = synthesisEnv({
      npm_config_package: 'create-amplify-token-app',
      npm_command: 'exec',
      NPM_CONFIG_REGISTRY: 'https://registry.example.com/',
      npm_lifecycle_event: 'npx',
      INIT_CWD: '/somewhere',
      PATH: '/usr/bin',
      HOME: '/home/jane',
      NODE_OPTIONS: '--max-old-space-size=4096',
      AWS_REGION: 'eu-west-1',
      UNSET: undefined,
    });
    expect(env).toEqual({ PATH: '/usr/bin', HOME: '/home/jane', NODE_OPTIONS: '--max-old-space-size=4096', AWS_REGION: 'eu-west-1' });
  });
});

describe('where Lambda would load a handler from', () => {
  const cdkOut = join(scratch, 'cdk.out');
  const hash = 'a'.repeat(64);
  mkdirSync(join(cdkOut, `asset.${hash}`, 'dist'), { recursive: true });
  writeFileSync(join(cdkOut, `asset.${hash}`, 'index.mjs'), 'export const handler = async (e) => e;\n');
  writeFileSync(join(cdkOut, `asset.${hash}`, 'claims.js'), 'exports.handler = async (e) => e;\n');
  const assembly = { templates: {}, assetPaths: {} };
  const fn = (properties: Record<string, unknown>): CfnResource => ({
    Type: 'AWS::Lambda::Function',
    Properties: { Runtime: 'nodejs22.x', Handler: 'index.handler', Code: { S3Bucket: 'b', S3Key: `${hash}.zip` }, ...properties },
  });

  it('the module and export its Handler names, in the asset its S3 key names', () => {
    expect(locateHandler(cdkOut, assembly, fn({}))).toEqual({ runnable: true, file: join(cdkOut, `asset.${hash}`, 'index.mjs'), exportName: 'handler' });
    expect(locateHandler(cdkOut, assembly, fn({ Handler: 'claims.handler' }))).toMatchObject({ runnable: true, file: join(cdkOut, `asset.${hash}`, 'claims.js') });
    // The asset manifest may stage it under another name.
    mkdirSync(join(cdkOut, 'staged'), { recursive: true });
    writeFileSync(join(cdkOut, 'staged', 'main.cjs'), 'exports.run = async (e) => e;\n');
    expect(locateHandler(cdkOut, { templates: {}, assetPaths: { [hash]: 'staged' } }, fn({ Handler: 'main.run' }))).toEqual({
      runnable: true,
      file: join(cdkOut, 'staged', 'main.cjs'),
      exportName: 'run',
    });
  });

  it('says why it cannot run one: another runtime, inline code, no such module, no asset', () => {
    const reason = (properties: Record<string, unknown>) => {
      const location = locateHandler(cdkOut, assembly, fn(properties));
      return location.runnable ? 'runnable' : location.reason;
    };
    expect(reason({ Runtime: 'python3.12' })).toMatch(/runtime is "python3\.12": doctor runs Node\.js handlers only/);
    expect(reason({ Code: { ZipFile: 'exports.handler = async (e) => e;' } })).toMatch(/inline \(Code\.ZipFile\)/);
    expect(reason({ Handler: 'dist/index.handler' })).toMatch(/no module for Handler "dist\/index\.handler" \(looked for \.mjs, \.js and \.cjs/);
    expect(reason({ Handler: 'x\u001b[2J.handler' })).toContain('Handler "x\\u001b[2J.handler"');
    expect(reason({ Code: { S3Bucket: 'b', S3Key: `${'b'.repeat(64)}.zip` } })).toMatch(/not an asset staged in cdk\.out/);
    expect(reason({ PackageType: 'Image', Runtime: undefined })).toMatch(/container image/);
  });
});

describe('reading cdk.out', () => {
  it('nothing synthesized (no directory, or no template in it) is one clear error', () => {
    const message = /synthesized nothing \(no CloudFormation template in cdk\.out\): does it call defineBackend/;
    expect(() => readAssembly(join(scratch, 'missing'))).toThrow(message);
    mkdirSync(join(scratch, 'empty-out'));
    writeFileSync(join(scratch, 'empty-out', 'manifest.json'), '{}');
    expect(() => readAssembly(join(scratch, 'empty-out'))).toThrow(message);
  });

  it('reads regular files only: a template that is a link is not followed', () => {
    const dir = join(scratch, 'linked-out');
    mkdirSync(dir);
    writeFileSync(join(scratch, 'outside.json'), '{"Resources":{}}');
    symlinkSync(join(scratch, 'outside.json'), join(dir, 'app.template.json'));
    writeFileSync(join(dir, 'real.template.json'), '{"Resources":{}}');
    expect(Object.keys(readAssembly(dir).templates)).toEqual(['real.template.json']);
  });
});

describe('running handlers as Lambda runs them', () => {
  it('an ES module, a CommonJS module and a callback-style handler, by the export Handler names', async () => {
    const { invokeHandlers } = await import('../src/inspect/invoke.js');
    const dir = join(scratch, 'handlers');
    mkdirSync(dir);
    writeFileSync(join(dir, 'esm.mjs'), 'export const handler = async (event) => ({ ...event, via: "esm" });\n');
    writeFileSync(join(dir, 'package.json'), '{ "type": "commonjs" }\n');
    writeFileSync(join(dir, 'cjs.js'), 'exports.main = async (event) => ({ ...event, via: "cjs" });\n');
    writeFileSync(join(dir, 'callback.cjs'), 'exports.handler = function (event, context, callback) { setTimeout(() => callback(null, { ...event, via: "callback" }), 10); };\n');
    const invocation = await invokeHandlers(
      [
        { key: 'esm', file: join(dir, 'esm.mjs'), event: { n: 1 } },
        { key: 'cjs', file: join(dir, 'cjs.js'), exportName: 'main', event: { n: 2 } },
        { key: 'callback', file: join(dir, 'callback.cjs'), event: { n: 3 } },
        { key: 'missing', file: join(dir, 'cjs.js'), exportName: 'handler', event: {} },
      ],
      { scratchParent: scratch },
    );
    expect(Object.fromEntries(Object.entries(invocation.results).map(([key, result]) => [key, result.ok ? result.value : result.error.split('\n')[0]]))).toEqual({
      esm: { n: 1, via: 'esm' },
      cjs: { n: 2, via: 'cjs' },
      callback: { n: 3, via: 'callback' },
      missing: `Error: ${join(dir, 'cjs.js')} exports no function named handler`,
    });
  });
});
