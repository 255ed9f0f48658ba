// Writes the variant projects into test/.work/variants/ and runs the whole-project checks on them:
// one type-check program over every variant, and each variant's own `npm test`.
import { copyFileSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { execa } from 'execa';
import { buildModel, type ProjectModel, renderProject } from '../../src/core/index.js';
import { childEnv, DEPS_BIN, DEPS_LOCK_FILE, DEPS_NODE_MODULES, WORK_DIR } from './deps.js';
import type { Variant } from './variants.js';

export const VARIANTS_DIR = join(WORK_DIR, 'variants');
const TYPECHECK_TSCONFIG = join(VARIANTS_DIR, 'tsconfig.json');

export interface PreparedVariant {
  variant: Variant;
  model: ProjectModel;
  dir: string;
  /** Relative paths of the generated files. */
  files: string[];
}

export function variantDir(name: string): string {
  return join(VARIANTS_DIR, name);
}

/**
 * Writes each variant as `renderProject` produces it, plus what `npm install` would leave: a
 * package-lock.json (Amplify's NodejsFunction refuses to bundle without one) and node_modules
 * (a link to the shared install). Starts from an empty directory, so no earlier run leaks in.
 */
export function writeVariants(variants: readonly Variant[]): PreparedVariant[] {
  rmSync(VARIANTS_DIR, { recursive: true, force: true });
  mkdirSync(VARIANTS_DIR, { recursive: true });
  // No vitest configuration above the variants on purpose: vitest looks for one in every directory
  // above a project and would find this repository's, unless the project's own comes first.
  const prepared = variants.map((variant) => {
    const model = buildModel(variant.options);
    const dir = variantDir(variant.name);
    const files = renderProject(model);
    for (const [path, content] of files) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    copyFileSync(DEPS_LOCK_FILE, join(dir, 'package-lock.json'));
    symlinkSync(relative(dir, DEPS_NODE_MODULES), join(dir, 'node_modules'), 'dir');
    return { variant, model, dir, files: [...files.keys()] };
  });
  writeTypecheckConfig(prepared);
  return prepared;
}

/**
 * One tsconfig over every variant's amplify/ sources, with the generated projects' own compiler
 * options (read from a rendered amplify/tsconfig.json, so a template change is followed).
 * `paths` ($amplify/* → .amplify/generated) is dropped: it is relative to one project, and the
 * generated code does not import $amplify (an import would fail to resolve here, not pass).
 * Type declarations come from the shared install only, as in a generated project.
 */
function writeTypecheckConfig(prepared: PreparedVariant[]): void {
  const first = prepared[0];
  if (!first) throw new Error('no variants to type-check');
  const projectConfig = JSON.parse(readFileSync(join(first.dir, 'amplify', 'tsconfig.json'), 'utf8')) as {
    compilerOptions: Record<string, unknown>;
  };
  const { paths: _paths, ...compilerOptions } = projectConfig.compilerOptions;
  const config = {
    compilerOptions: { ...compilerOptions, noEmit: true, typeRoots: [join(DEPS_NODE_MODULES, '@types')] },
    // The project's own type-check covers amplify/; vitest.config.ts is checked here too.
    include: prepared.flatMap((variant) => [`${variant.variant.name}/amplify/**/*.ts`, `${variant.variant.name}/vitest.config.ts`]),
  };
  writeFileSync(TYPECHECK_TSCONFIG, `${JSON.stringify(config, null, 2)}\n`);
}

export interface TypecheckResult {
  exitCode: number;
  /** tsc's error lines ("file(line,col): error TSxxxx: ..."). */
  diagnostics: string[];
  /** Every file in the program (absolute paths). */
  files: Set<string>;
  output: string;
}

/** One tsc program over every variant, with the pinned TypeScript from the shared install. */
export async function typecheckVariants(): Promise<TypecheckResult> {
  const result = await execa(join(DEPS_BIN, 'tsc'), ['-p', TYPECHECK_TSCONFIG, '--listFiles', '--pretty', 'false'], {
    cwd: VARIANTS_DIR,
    reject: false,
    all: true,
    extendEnv: false,
    env: childEnv(),
  });
  const lines = (result.all ?? '').split('\n');
  return {
    exitCode: result.exitCode ?? -1,
    diagnostics: lines.filter((line) => /error TS\d+/.test(line)),
    files: new Set(lines.filter((line) => line.startsWith('/'))),
    output: result.all ?? '',
  };
}

export interface NpmTestResult {
  exitCode: number;
  output: string;
  /** vitest's JSON report, when it wrote one. */
  report?: {
    success: boolean;
    numTotalTests: number;
    numFailedTests: number;
    testResults: { name: string; status: string }[];
  };
}

/**
 * The variant's own `npm test`, as a user runs it: npm puts node_modules/.bin (the shared
 * install's, through the link) on PATH and runs the package.json script. A JSON report is
 * requested on top, so the test can check which test files ran.
 */
export async function runNpmTest(dir: string): Promise<NpmTestResult> {
  // Next to the project, not in it: the project stays as generated.
  const reportFile = `${dir}.vitest-report.json`;
  rmSync(reportFile, { force: true });
  const result = await execa('npm', ['test', '--', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`], {
    cwd: dir,
    reject: false,
    all: true,
    extendEnv: false,
    env: childEnv({ CI: 'true', NO_COLOR: '1' }),
  });
  let report: NpmTestResult['report'];
  try {
    report = JSON.parse(readFileSync(reportFile, 'utf8')) as NpmTestResult['report'];
  } catch {
    report = undefined;
  }
  return { exitCode: result.exitCode ?? -1, output: result.all ?? '', ...(report ? { report } : {}) };
}
