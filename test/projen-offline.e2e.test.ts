// The projen front end as a user runs it, offline: this package built and resolved through its
// `./projen` export, a .projenrc.ts from renderProjenrc run with tsx (the first synthesis), the
// result type-checked and synthesized to CloudFormation with test/verify's helpers, then
// `projen` (what `npx projen` runs) after an option change and with a bad option.
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel, fileOwner, OptionsError, type RawOptions, renderProject } from '../src/core/index.js';
import { renderProjenrc, stripMarker } from '../src/projen/index.js';
import { ensureBuilt } from './cli-helpers.js';
import { listFiles, PROJEN_WORK_DIR, ROOT } from './projen/helpers.js';
import { childEnv, DEPS_BIN, DEPS_LOCK_FILE, DEPS_NODE_MODULES, ensureDeps } from './verify/deps.js';
import { readAuthStack, synthesize } from './verify/synth.js';

const SLOW = 600_000;
// Per process: another run of the suite (another developer's) may be using the directory.
const E2E = join(PROJEN_WORK_DIR, `offline-${process.pid}`);
/** This package as npm would install it: package.json, dist/ (types built here, the bundle copied), templates/. */
const PKG = join(E2E, 'pkg');
const APP = join(E2E, 'app');
const PROJEN_CLI = join(ROOT, 'node_modules', 'projen', 'bin', 'projen');

const FIRST: RawOptions = {
  projectName: 'offline-app',
  triggers: ['preSignUp', 'postConfirmation', 'preTokenGeneration'],
  preTokenVersion: 'V2_0',
  attributes: ['tenant_id:String:immutable:1-64', 'seats:Number'],
  accessTokenClaims: ['tenant_id', 'seats'],
};
const SECOND: RawOptions = { ...FIRST, triggers: ['preTokenGeneration'] };

const timings: string[] = [];
async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await work();
  } finally {
    timings.push(`${label}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

/** Compiles src/projen (and the core it imports) with the build's options into PKG/dist: the export's types. */
function buildPackage(): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.build.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error('tsconfig.build.json could not be read');
  const program = ts.createProgram([join(ROOT, 'src/projen/index.ts')], { ...parsed.options, outDir: join(PKG, 'dist') });
  const emitted = program.emit();
  return [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics].map((diagnostic) =>
    ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'),
  );
}

const run = (command: string, args: string[]) =>
  execa(command, args, { cwd: APP, reject: false, all: true, extendEnv: false, env: childEnv({ NO_COLOR: '1' }) });

/** `npx projen` without the post-synthesis `npm install` (the dependencies are linked). */
const projen = () => run(process.execPath, [PROJEN_CLI, '--no-post']);

function writeProjenrc(options: RawOptions): void {
  writeFileSync(join(APP, '.projenrc.ts'), renderProjenrc(buildModel(options)));
}

let buildDiagnostics: string[] = [];

beforeAll(async () => {
  const deps = await timed('dependency install (shared with test/verify)', ensureDeps);
  timings.push(`  (${deps.installed ? 'installed' : 'cached'})`);
  rmSync(E2E, { recursive: true, force: true });
  mkdirSync(join(E2E, 'node_modules'), { recursive: true });
  mkdirSync(APP, { recursive: true });
  buildDiagnostics = await timed('build', async () => buildPackage());
  // The ./projen export runs from the bundle (npm run build), which the tsc build above does not make.
  await ensureBuilt();
  cpSync(join(ROOT, 'dist', 'bundle'), join(PKG, 'dist', 'bundle'), { recursive: true });
  copyFileSync(join(ROOT, 'package.json'), join(PKG, 'package.json'));
  symlinkSync(join(ROOT, 'templates'), join(PKG, 'templates'), 'dir');
  // Above the app, as if installed: .projenrc.ts imports 'create-amplify-token-app/projen'.
  // The package's own imports (projen, constructs, ejs) resolve from this repository's install.
  symlinkSync(PKG, join(E2E, 'node_modules', 'create-amplify-token-app'), 'dir');

  // A new directory as the README starts it: a bare package.json (as `npm init -y` writes; no
  // "type", so tsx runs .projenrc.ts as CommonJS the first time), the dependencies installed
  // (the shared install, linked), and .projenrc.ts.
  writeFileSync(join(APP, 'package.json'), `${JSON.stringify({ name: 'offline-app', version: '1.0.0' }, null, 2)}\n`);
  symlinkSync(DEPS_NODE_MODULES, join(APP, 'node_modules'), 'dir');
  // Amplify's function bundling refuses to run without a lock file.
  copyFileSync(DEPS_LOCK_FILE, join(APP, 'package-lock.json'));
  writeProjenrc(FIRST);
}, SLOW);

afterAll(() => {
  rmSync(E2E, { recursive: true, force: true });
});

describe('projen project, offline', () => {
  it('the package builds, and its ./projen export names the built files', () => {
    expect(buildDiagnostics).toEqual([]);
    const exports = (JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8')) as { exports: Record<string, Record<string, string>> })
      .exports['./projen']!;
    expect(existsSync(join(PKG, exports['default']!))).toBe(true);
    expect(existsSync(join(PKG, exports['types']!))).toBe(true);
  });

  it('first synthesis (`npx tsx .projenrc.ts`) writes the scaffolder’s files', async () => {
    const result = await timed('first synthesis (tsx .projenrc.ts)', () =>
      execa(join(DEPS_BIN, 'tsx'), ['.projenrc.ts'], {
        cwd: APP,
        reject: false,
        all: true,
        extendEnv: false,
        env: childEnv({ PROJEN_DISABLE_POST: 'true', NO_COLOR: '1' }),
      }),
    );
    expect(result.exitCode, result.all).toBe(0);
    const written = listFiles(APP);
    for (const [path, content] of renderProject(buildModel(FIRST))) {
      const owner = fileOwner(path);
      if (owner === 'project') continue;
      expect(written, path).toContain(path);
      const onDisk = readFileSync(join(APP, path), 'utf8');
      expect(owner === 'options' ? stripMarker(path, onDisk) : onDisk, path).toBe(content);
    }
    expect(JSON.parse(readFileSync(join(APP, 'package.json'), 'utf8'))).toMatchObject({ type: 'module', scripts: { typecheck: 'projen typecheck' } });
  }, SLOW);

  it('type-checks (`npm run typecheck`: tsc -p amplify/tsconfig.json)', async () => {
    const result = await timed('type-check', () => run(join(DEPS_BIN, 'tsc'), ['-p', 'amplify/tsconfig.json', '--pretty', 'false']));
    expect(result.exitCode, result.all).toBe(0);
  }, SLOW);

  it('synthesizes offline: the auth stack has the triggers, the V2_0 config and the plan', async () => {
    const synth = await timed('offline synthesis', () => synthesize(APP));
    expect(synth.exitCode, synth.output).toBe(0);
    const { pool } = readAuthStack(synth.cdkOut);
    expect(Object.keys(pool['LambdaConfig']).sort()).toEqual(['PostConfirmation', 'PreSignUp', 'PreTokenGenerationConfig']);
    expect(pool['LambdaConfig'].PreTokenGenerationConfig.LambdaVersion).toBe('V2_0');
    expect(pool['UserPoolTier']).toBe('ESSENTIALS');
    rmSync(synth.cdkOut, { recursive: true, force: true });
  }, SLOW);

  it('`npx projen` after removing triggers: their managed files go, their handlers stay', async () => {
    writeProjenrc(SECOND);
    const result = await timed('npx projen after an option change', projen);
    expect(result.exitCode, result.all).toBe(0);
    const written = listFiles(APP);
    expect(written).not.toContain('amplify/auth/pre-sign-up/resource.ts');
    expect(written).not.toContain('amplify/auth/post-confirmation/resource.ts');
    expect(written).toContain('amplify/auth/pre-sign-up/handler.ts');
    expect(written).toContain('amplify/auth/post-confirmation/handler.test.ts');
    const backend = readFileSync(join(APP, 'amplify/backend.ts'), 'utf8');
    expect(stripMarker('amplify/backend.ts', backend)).toBe(renderProject(buildModel(SECOND)).get('amplify/backend.ts'));
  }, SLOW);

  it('`npx projen` with a bad option fails with the scaffolder’s message and changes nothing', async () => {
    const bad: RawOptions = { ...SECOND, featurePlan: 'LITE' };
    const message = (() => {
      try {
        buildModel(bad);
      } catch (error) {
        if (error instanceof OptionsError) return error.message;
      }
      throw new Error('expected an OptionsError');
    })();
    const before = listFiles(APP);
    // renderProjenrc needs a valid model: write the valid one, then break it as a user would.
    writeProjenrc(SECOND);
    const text = readFileSync(join(APP, '.projenrc.ts'), 'utf8');
    writeFileSync(join(APP, '.projenrc.ts'), text.replace("featurePlan: 'ESSENTIALS'", "featurePlan: 'LITE'"));
    const result = await timed('npx projen with a bad option', projen);
    expect(result.exitCode).not.toBe(0);
    expect(result.all).toContain(`OptionsError: ${message}`);
    expect(listFiles(APP)).toEqual(before);
    console.log(`projen offline timings:\n  ${timings.join('\n  ')}`);
  }, SLOW);
});
