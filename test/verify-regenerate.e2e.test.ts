// Regeneration, verified as the scaffolder's output is: a project with a hand-edited handler goes
// through a series of option changes; every state is type-checked (one tsc program over all of
// them) and the states that change the pool's wiring are synthesized offline.
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { regenerate } from '../src/cli/regenerate.js';
import { planAndWrite } from '../src/cli/write-project.js';
import { OptionsError, type RawOptions, renderProject } from '../src/core/index.js';
import { linkCheckout } from '../src/cli/checkout-link.js';
import { listFiles } from './cli-helpers.js';
import { childEnv, DEPS_BIN, DEPS_LOCK_FILE, DEPS_NODE_MODULES, ensureDeps, WORK_DIR } from './verify/deps.js';
import { readAuthStack, synthesize } from './verify/synth.js';

const SLOW = 600_000;
const BASE = join(WORK_DIR, 'regenerate');
const PROJECT = join(BASE, 'project');
const STATES = join(BASE, 'states');
const HANDLER = 'amplify/auth/pre-token-generation/handler.ts';
const EDIT = '\n// hand edit: must survive every regeneration\nexport const handEdit = true;\n';

/** The option changes, in order, each applied to the project as the previous one left it. */
const STEPS: { name: string; flags: RawOptions }[] = [
  { name: 'trigger-added', flags: { triggers: 'preSignUp,preTokenGeneration,customMessage' } },
  { name: 'trigger-removed', flags: { triggers: 'preSignUp,preTokenGeneration' } },
  { name: 'v1', flags: { preTokenVersion: 'V1_0' } },
  { name: 'v3', flags: { preTokenVersion: 'V3_0' } },
  { name: 'attribute-added', flags: { attributes: 'tenant_id:String,plan:String' } },
  { name: 'threat-protection', flags: { threatProtection: 'AUDIT' } },
];

const regenerateWith = (flags: RawOptions) =>
  regenerate({ dir: PROJECT, flags, force: false, dryRun: false, check: false, allowReplacePool: false, state: {}, out: () => undefined });

function snapshot(dir: string): Map<string, [string, number]> {
  return new Map(listFiles(dir).map((file) => [file, [readFileSync(join(dir, file), 'utf8'), statSync(join(dir, file)).mtimeMs]]));
}

/** A copy of the project's current state, for the type-check and synthesis after all steps. */
function keepState(name: string): void {
  const dir = join(STATES, name);
  cpSync(PROJECT, dir, { recursive: true, filter: (source) => !source.endsWith('node_modules') });
  copyDeps(dir);
}

function copyDeps(dir: string): void {
  writeFileSync(join(dir, 'package-lock.json'), readFileSync(DEPS_LOCK_FILE));
  if (!existsSync(join(dir, 'node_modules'))) symlinkSync(relative(dir, DEPS_NODE_MODULES), join(dir, 'node_modules'), 'dir');
}

const refusals: { attributeTypeChange?: unknown; nothingWritten?: boolean; noChangeWritesNothing?: boolean } = {};

beforeAll(async () => {
  await ensureDeps();
  rmSync(BASE, { recursive: true, force: true });
  mkdirSync(STATES, { recursive: true });
  // As a fresh run from this checkout writes it (no options given: defaults).
  await planAndWrite({
    dir: PROJECT,
    fresh: true,
    projectName: 'regen-app',
    flags: {},
    force: false,
    write: true,
    render: (model) => linkCheckout(renderProject(model), PROJECT),
    state: {},
    out: () => undefined,
  });
  appendFileSync(join(PROJECT, HANDLER), EDIT);

  const untouched = snapshot(PROJECT);
  await regenerateWith({});
  refusals.noChangeWritesNothing = JSON.stringify([...snapshot(PROJECT)]) === JSON.stringify([...untouched]);
  for (const step of STEPS) {
    await regenerateWith(step.flags);
    keepState(step.name);
    if (step.name === 'attribute-added') {
      const before = snapshot(PROJECT);
      refusals.attributeTypeChange = await regenerateWith({ attributes: 'tenant_id:Number,plan:String' }).catch((error: unknown) => error);
      refusals.nothingWritten = JSON.stringify([...snapshot(PROJECT)]) === JSON.stringify([...before]);
    }
  }
  // Every state in one tsc program, with the generated projects' compiler options.
  const { paths: _paths, ...compilerOptions } = JSON.parse(readFileSync(join(PROJECT, 'amplify/tsconfig.json'), 'utf8')).compilerOptions;
  writeFileSync(
    join(STATES, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { ...compilerOptions, noEmit: true, typeRoots: [join(DEPS_NODE_MODULES, '@types')] },
      include: STEPS.map((step) => `${step.name}/amplify/**/*.ts`),
    }),
  );
}, SLOW);

describe('regenerating a project with a hand-edited handler', () => {
  it('no change writes nothing (content and file times)', () => {
    expect(refusals.noChangeWritesNothing).toBe(true);
  });

  it('an attribute type change is refused and writes nothing', () => {
    expect(refusals.attributeTypeChange).toBeInstanceOf(OptionsError);
    expect(String(refusals.attributeTypeChange)).toContain('tenant_id:String to tenant_id:Number');
    expect(refusals.nothingWritten).toBe(true);
  });

  it('the hand edit is intact after every step', () => {
    for (const step of STEPS) expect(readFileSync(join(STATES, step.name, HANDLER), 'utf8'), step.name).toContain(EDIT);
  });

  it('a removed trigger’s unmodified folder is gone', () => {
    expect(existsSync(join(STATES, 'trigger-added', 'amplify/auth/custom-message/handler.ts'))).toBe(true);
    expect(existsSync(join(STATES, 'trigger-removed', 'amplify/auth/custom-message'))).toBe(false);
  });

  it('every state type-checks (one tsc program)', { timeout: SLOW }, async () => {
    const result = await execa(join(DEPS_BIN, 'tsc'), ['-p', join(STATES, 'tsconfig.json'), '--pretty', 'false'], {
      cwd: STATES,
      reject: false,
      all: true,
      extendEnv: false,
      env: childEnv(),
    });
    expect(result.all, 'tsc output').toBe('');
    expect(result.exitCode).toBe(0);
  });

  for (const [name, version, plan] of [
    ['v1', 'V1_0', 'ESSENTIALS'],
    ['threat-protection', 'V3_0', 'PLUS'],
  ] as const) {
    it(`${name}: synthesizes offline with pre token generation ${version} on ${plan}`, { timeout: SLOW }, async () => {
      const dir = join(STATES, name);
      const result = await synthesize(dir);
      expect(result.exitCode, result.output).toBe(0);
      const { pool } = readAuthStack(result.cdkOut);
      const lambdaConfig: Record<string, any> = pool.LambdaConfig ?? {};
      expect(Object.keys(lambdaConfig).filter((key) => key !== 'PreTokenGenerationConfig').sort()).toEqual(
        version === 'V1_0' ? ['PreSignUp', 'PreTokenGeneration'] : ['PreSignUp'],
      );
      if (version !== 'V1_0') expect(lambdaConfig.PreTokenGenerationConfig?.LambdaVersion).toBe(version);
      else expect(lambdaConfig.PreTokenGenerationConfig?.LambdaVersion ?? 'V1_0').toBe('V1_0');
      expect(pool.UserPoolTier).toBe(plan);
      const custom = (pool.Schema ?? []).map((entry: { Name: string }) => entry.Name).filter((entryName: string) => /tenant_id|plan/.test(entryName));
      expect(custom.sort()).toEqual(name === 'v1' ? ['tenant_id'] : ['plan', 'tenant_id']);
      if (plan === 'PLUS') expect(pool.UserPoolAddOns).toEqual({ AdvancedSecurityMode: 'AUDIT' });
    });
  }
});
