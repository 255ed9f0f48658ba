// Generated projects with hostile option values, run as their users run them, against the pinned
// packages (test/.work/deps):
// - canary payloads (code that would create a file if it ever ran: JavaScript in quotes,
//   template literals and backticks, shell command substitution) in attribute names, suppressed
//   claims and scopes, plus names Object.prototype has: every project type-checks, and its own
//   `npm test` passes without running any of them; a claim named "__proto__" is tested for real;
// - the README's shell commands, run in bash with stand-ins for npm, npx and aws, pass each
//   value as one argument and run nothing;
// - the pre token generation handlers' response types: the pinned TypeScript rejects each of
//   the seed article's mistakes in a generated handler, and the generated handler passes.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { execa } from 'execa';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { beforeAll, describe, expect, it } from 'vitest';
import { shellWord } from '../src/core/escape.js';
import { buildModel, type ProjectModel, type RawOptions, renderProject, TRIGGERS } from '../src/core/index.js';
import { sampleAttributeValue } from '../src/core/samples.js';
import { FC_PARAMETERS, hostileString, optionSet } from './property/arbitraries.js';
import { childEnv, DEPS_BIN, DEPS_LOCK_FILE, DEPS_NODE_MODULES, ensureDeps, WORK_DIR } from './verify/deps.js';
import { VARIANTS } from './verify/variants.js';
import { runNpmTest } from './verify/workspace.js';

const SLOW = 600_000;
const HOSTILE_DIR = join(WORK_DIR, 'hostile');
/** Every canary creates an entry whose name starts with this, relative to where it runs. */
const CANARY = 'pwned';

const js = (name: string) => `import('node:fs').then(f=>f.mkdirSync('${CANARY}-${name}'))`;
const CANARY_PROJECTS: { name: string; options: RawOptions }[] = [
  {
    name: 'canary-v2',
    options: {
      triggers: ['preSignUp', 'preTokenGeneration', 'postConfirmation'],
      preTokenVersion: 'V2_0',
      attributes: [
        "o'neil:String",
        '__proto__:String',
        'constructor:Number',
        'toString:Boolean',
        '$(touch${IFS}pwned):String',
        '`touch${IFS}pwnd`:String:immutable',
        'a*/b</script>:String',
        'テナント😀:String',
        'back\\slash"q":String',
      ],
      suppressClaims: [`x'+${js('single')}+'`, `\${${js('template')}}`, `\`;${js('backtick')};\``, 'hasOwnProperty'],
      scopesToAdd: [`s'+${js('scope')}+'`, 'orders/read'],
    },
  },
  {
    name: 'canary-v1',
    options: {
      triggers: ['preTokenGeneration'],
      preTokenVersion: 'V1_0',
      featurePlan: 'LITE',
      attributes: ["'+process.exit(9)+'", '__proto__:String', 'valueOf:Number:0-9'].map((spec, index) => (index === 0 ? `${spec}:String` : spec)),
      suppressClaims: [`'+${js('v1')}+'`, '*/', '${x}'],
    },
  },
  {
    name: 'canary-v3',
    options: {
      triggers: ['preTokenGeneration', 'customMessage'],
      preTokenVersion: 'V3_0',
      attributes: ['__proto__:String:immutable', '`id`;|&<>:String', "');--:Number"],
      accessTokenClaims: ['__proto__', '`id`;|&<>'],
      idTokenClaims: ["');--"],
      scopesToAdd: [`'+${js('v3')}+'`, 'api/$(id)'],
    },
  },
];

interface HostileProject {
  name: string;
  model: ProjectModel;
  dir: string;
}

const HANDLER_TYPES_DIR = 'handler-types';
const variant = (name: string) => VARIANTS.find((candidate) => candidate.name === name)!.options;
const handlerOf = (options: RawOptions) => renderProject(buildModel(options)).get(`amplify/auth/${TRIGGERS.preTokenGeneration.folder}/handler.ts`)!;
/** The handler, answering `answer` before anything else (the generated answer after it is unreachable, no error). */
const answering = (handler: string, answer: string) => {
  const arrow = handler.indexOf('=> ', handler.indexOf('export const handler')) + 3;
  if (handler[arrow] === '{') return `${handler.slice(0, arrow + 1)}\n  return ${answer};${handler.slice(arrow + 1)}`;
  // An expression body, `=> ({ … });`, becomes a block.
  const end = handler.indexOf('\n});\n', arrow);
  return `${handler.slice(0, arrow)}{\n  return ${answer};\n  return ${handler.slice(arrow, end + 3)};\n}${handler.slice(end + 4)}`;
};

const v1 = handlerOf(variant('v1-lite'));
const v2 = handlerOf(variant('v2-essentials'));
const v3 = handlerOf(variant('v3-plus-enforced'));
/**
 * Generated pre token generation handlers, as generated and each answering with one of the seed
 * article's mistakes: file → the error the pinned tsc must report in it (undefined: it compiles).
 */
const HANDLER_CASES: Record<string, { source: string; error?: RegExp }> = {
  'v1-as-generated': { source: v1 },
  'v2-as-generated': { source: v2 },
  'v3-as-generated': { source: v3 },
  'v2-answers-in-the-v1-shape': {
    source: answering(v2, "{ ...event, response: { claimsOverrideDetails: { claimsToAddOrOverride: { tenant_id: 'acme' } } } }"),
    error: /'claimsOverrideDetails' does not exist in type 'ClaimsAndScopeOverrideResponse'/,
  },
  'v3-answers-in-the-v1-shape': {
    source: answering(v3, '{ ...event, response: { claimsOverrideDetails: {} } }'),
    error: /'claimsOverrideDetails' does not exist in type 'ClaimsAndScopeOverrideResponse'/,
  },
  'v2-misspells-the-response-key': {
    source: answering(v2, '{ ...event, response: { claimsAndScopeOverideDetails: {} } }'),
    error: /'claimsAndScopeOverideDetails' does not exist/,
  },
  'v2-misspells-a-nested-key': {
    source: answering(v2, "{ ...event, response: { claimsAndScopeOverrideDetails: { accessTokenGeneration: { claimsToAddOrOveride: { a: 'b' } } } } }"),
    error: /'claimsToAddOrOveride' does not exist/,
  },
  'v2-claim-value-cognito-cannot-take': {
    source: answering(v2, '{ ...event, response: { claimsAndScopeOverrideDetails: { idTokenGeneration: { claimsToAddOrOverride: { at: new Date() } } } } }'),
    error: /Type 'Date' is not assignable to type 'ClaimValue'/,
  },
  'v2-typed-claim-values-cognito-takes': {
    source: answering(
      v2,
      "{ ...event, response: { claimsAndScopeOverrideDetails: { accessTokenGeneration: { claimsToAddOrOverride: { n: 1, b: true, roles: ['a'], org: { id: 7, tags: ['x', null] } }, scopesToSuppress: ['profile'] }, groupOverrideDetails: { groupsToOverride: ['readers'] } } } }",
    ),
  },
  'v1-answers-in-the-v2-shape': {
    source: answering(v1, "{ ...event, response: { claimsAndScopeOverrideDetails: { idTokenGeneration: { claimsToAddOrOverride: { tenant_id: 'acme' } } } } }"),
    error: /'claimsAndScopeOverrideDetails' does not exist in type 'ClaimsOverrideResponse'/,
  },
  'v1-misspells-the-response-key': {
    source: answering(v1, '{ ...event, response: { claimsOverideDetails: {} } }'),
    error: /'claimsOverideDetails' does not exist/,
  },
  'v1-number-claim-value': {
    source: answering(v1, '{ ...event, response: { claimsOverrideDetails: { claimsToAddOrOverride: { seats: 12 } } } }'),
    error: /Type 'number' is not assignable to type 'string'/,
  },
  // Why the types exist: typed the @types/aws-lambda way, the article's fourth mistake compiles.
  'control-v2-v1-shape-with-aws-lambda-handler-type': {
    source: [
      "import type { PreTokenGenerationV2TriggerHandler } from 'aws-lambda';",
      '',
      "export const handler: PreTokenGenerationV2TriggerHandler = async (event) => ({ ...event, response: { claimsOverrideDetails: { claimsToAddOrOverride: { tenant_id: 'acme' } } } });",
      '',
    ].join('\n'),
  },
};

let projects: HostileProject[] = [];
/** tsc's error lines for the hostile projects and the handler cases: one program, started in beforeAll. */
let typecheck: Promise<string[]>;

beforeAll(async () => {
  await ensureDeps();
  rmSync(HOSTILE_DIR, { recursive: true, force: true });
  mkdirSync(HOSTILE_DIR, { recursive: true });
  // A few more from the property test's generator, fixed seed: whatever it makes that is valid.
  const sampled = fc
    .sample(optionSet(), { seed: FC_PARAMETERS.seed, numRuns: 60 })
    .flatMap((options) => {
      try {
        const model = buildModel(options);
        return model.preTokenVersion && model.claimAttributes.length > 0 ? [options] : [];
      } catch {
        return [];
      }
    })
    .slice(0, 2)
    .map((options, index) => ({ name: `sampled-${index}`, options }));
  projects = [...CANARY_PROJECTS, ...sampled].map(({ name, options }) => {
    const model = buildModel({ ...options, projectName: name });
    const dir = join(HOSTILE_DIR, name);
    for (const [path, content] of renderProject(model)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    copyFileSync(DEPS_LOCK_FILE, join(dir, 'package-lock.json'));
    symlinkSync(relative(dir, DEPS_NODE_MODULES), join(dir, 'node_modules'), 'dir');
    return { name, model, dir };
  });
  // The handler cases, outside any project: their type declarations come from this link.
  symlinkSync(relative(HOSTILE_DIR, DEPS_NODE_MODULES), join(HOSTILE_DIR, 'node_modules'), 'dir');
  mkdirSync(join(HOSTILE_DIR, HANDLER_TYPES_DIR));
  for (const [name, { source }] of Object.entries(HANDLER_CASES)) writeFileSync(join(HOSTILE_DIR, HANDLER_TYPES_DIR, `${name}.ts`), source);
  typecheck = typecheckAll();
  typecheck.catch(() => undefined); // awaited by the tests
}, SLOW);

/** One tsc program over every hostile project and the handler cases, with the generated projects' compiler options. */
async function typecheckAll(): Promise<string[]> {
  const config = {
    compilerOptions: { ...projectCompilerOptions(projects[0]!.dir), noEmit: true, typeRoots: [join(DEPS_NODE_MODULES, '@types')] },
    include: [...projects.flatMap(({ name }) => [`${name}/amplify/**/*.ts`, `${name}/vitest.config.ts`]), `${HANDLER_TYPES_DIR}/*.ts`],
  };
  writeFileSync(join(HOSTILE_DIR, 'tsconfig.json'), JSON.stringify(config, null, 2));
  const result = await execa(join(DEPS_BIN, 'tsc'), ['-p', join(HOSTILE_DIR, 'tsconfig.json'), '--pretty', 'false'], {
    cwd: HOSTILE_DIR,
    reject: false,
    all: true,
    extendEnv: false,
    env: childEnv(),
  });
  const lines = String(result.all).split('\n');
  // Errors start a line with the file name; tsc reports some of them on more lines (the "  Type …" details).
  if (result.exitCode !== 0 && !lines.some((line) => / error TS\d+/.test(line))) throw new Error(`tsc failed:\n${result.all}`);
  return lines.filter((line) => / error TS\d+/.test(line));
}

/** Files and directories a canary made, anywhere under the hostile projects (node_modules left out). */
function canaries(dir = HOSTILE_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules') return [];
    const path = join(dir, entry.name);
    const own = entry.name.startsWith(CANARY) || entry.name === 'pwnd' ? [relative(HOSTILE_DIR, path)] : [];
    return [...own, ...(entry.isDirectory() ? canaries(path) : [])];
  });
}

describe('hostile option values in generated projects', () => {
  it('every project type-checks with the pinned TypeScript', { timeout: SLOW }, async () => {
    const errors = await typecheck;
    expect(errors.filter((line) => !line.startsWith(`${HANDLER_TYPES_DIR}/`))).toEqual([]);
  });

  it("each project's own npm test passes and runs no option value", { timeout: SLOW }, async () => {
    for (const project of projects) {
      const result = await runNpmTest(project.dir);
      expect(result.exitCode, `${project.name}:\n${result.output.slice(-3000)}`).toBe(0);
      expect(result.report?.numFailedTests, project.name).toBe(0);
      const preToken = `amplify/auth/${TRIGGERS.preTokenGeneration.folder}/handler.test.ts`;
      expect(result.report?.testResults.map((file) => relative(project.dir, file.name)), project.name).toContain(preToken);
    }
    expect(canaries()).toEqual([]);
  });

  it('a claim named __proto__ is expected, and produced, as an own property', () => {
    const test = readFileSync(join(HOSTILE_DIR, 'canary-v2', `amplify/auth/${TRIGGERS.preTokenGeneration.folder}/handler.test.ts`), 'utf8');
    expect(test).toContain("['__proto__']: 'acme-corp',");
  });
});

describe("the generated README's commands, in bash", () => {
  const markdown = new MarkdownIt();
  /** Stand-ins that print each argument, NUL-terminated, one command per line of output. */
  const STAND_INS = ['npm', 'npx', 'aws'].map((command) => `${command}() { printf '%s\\0' ${command} "$@"; printf '\\n'; }`).join('\n');
  const PLACEHOLDERS: Record<string, string> = { '<pool id>': 'POOL', '<user>': 'USER', '<email>': 'EMAIL', '<value>': 'VALUE' };

  it('pass every value as one argument and run nothing', { timeout: SLOW }, async () => {
    for (const project of projects) {
      const readme = readFileSync(join(project.dir, 'README.md'), 'utf8');
      const script = markdown
        .parse(readme, {})
        .filter((token) => token.type === 'fence' && token.info === 'sh')
        .map((token) => token.content.replace(/<pool id>|<user>|<email>|<value>/g, (placeholder) => PLACEHOLDERS[placeholder]!))
        .join('\n');
      const cwd = join(project.dir, '.readme-run');
      mkdirSync(cwd, { recursive: true });
      const result = await execa('bash', ['--noprofile', '--norc', '-c', `${STAND_INS}\n${script}`], { cwd, reject: false, extendEnv: false, env: childEnv() });
      expect(result.exitCode, `${project.name}: ${result.stderr}`).toBe(0);
      const commands = String(result.stdout)
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split('\0').slice(0, -1));
      const [previewed] = project.model.claimAttributes;
      expect(commands, project.name).toContainEqual(['npm', 'run', 'preview', '--', '--user', `custom:${previewed!.name}=${sampleAttributeValue(previewed!)}`]);
      const regenerate = commands.find((words) => words[2] === '--regenerate');
      expect(regenerate?.slice(0, 4)).toEqual(['npx', 'create-amplify-token-app', '--regenerate', '--triggers']);
      expect(regenerate?.[4]?.split(',').slice(0, -1)).toEqual(project.model.triggers.map((trigger) => trigger.name));
      for (const aws of commands.filter((words) => words[0] === 'aws')) {
        const attributes = aws.slice(aws.indexOf('--user-attributes') + 1);
        const names = attributes[0]!.startsWith('[')
          ? (JSON.parse(attributes[0]!) as { Name: string }[]).map((pair) => pair.Name)
          : attributes.map((pair) => /^Name=(.*),Value=(VALUE|EMAIL)$/.exec(pair)![1]);
        expect(project.model.claimAttributes.map((attribute) => `custom:${attribute.name}`), project.name).toContain(names.at(-1));
      }
      rmSync(cwd, { recursive: true, force: true });
    }
    expect(canaries()).toEqual([]);
  });

  it('shellWord: bash reads back exactly the value, for any value', { timeout: SLOW }, async () => {
    const values = fc.sample(
      fc.oneof(hostileString(), fc.string({ unit: 'grapheme', maxLength: 12 })).filter((value) => !value.includes('\0') && !/\p{Cs}/u.test(value)),
      { seed: FC_PARAMETERS.seed, numRuns: 300 },
    );
    const script = values.map((value) => `printf '%s\\0' ${shellWord(value)}`).join('\n');
    const cwd = join(HOSTILE_DIR, '.shell-words');
    mkdirSync(cwd, { recursive: true });
    const result = await execa('bash', ['--noprofile', '--norc', '-c', script], { cwd, reject: false, extendEnv: false, env: childEnv(), stripFinalNewline: false });
    expect(result.stderr).toBe('');
    expect(String(result.stdout).split('\0').slice(0, -1)).toEqual(values);
    expect(canaries()).toEqual([]);
  });
});

describe('pre token generation response types, with the pinned TypeScript', () => {
  it('reject each mistake in its own file, and accept the generated handlers and correct answers', { timeout: SLOW }, async () => {
    const errors = await typecheck;
    const own = (name: string) => errors.filter((line) => line.startsWith(`${HANDLER_TYPES_DIR}/${name}.ts(`));
    for (const [name, { error }] of Object.entries(HANDLER_CASES)) {
      if (error) expect(own(name).join('\n'), name).toMatch(error);
      else expect(own(name), name).toEqual([]);
    }
  });
});

/** The generated amplify/tsconfig.json's compiler options, less `paths` (relative to one project). */
function projectCompilerOptions(dir: string): Record<string, unknown> {
  const { paths: _paths, ...options } = JSON.parse(readFileSync(join(dir, 'amplify', 'tsconfig.json'), 'utf8')).compilerOptions;
  return options;
}
