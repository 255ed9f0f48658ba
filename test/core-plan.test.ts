// The planner (src/core/plan.ts) over an in-memory project: what happens to each file, the
// record, the merged .yo-rc.json, and what it refuses before anything is written.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildModel, OptionsError, type RawOptions, renderProject } from '../src/core/index.js';
import { mergeGitignore, mergePackageJson, mergeText } from '../src/core/merge.js';
import { checkPoolChanges, poolReplacingChanges } from '../src/core/pool-changes.js';
import { type PlanInput, planChanges, planProject, planWrites, type ProjectPlan } from '../src/core/plan.js';
import { parseRecordFile, RECORD_FILE, RECORD_KEY } from '../src/core/record.js';
import { Refusal } from '../src/core/refusal.js';
import { FC_PARAMETERS } from './property/arbitraries.js';

const HANDLER = 'amplify/auth/pre-token-generation/handler.ts';
const HANDLER_TEST = 'amplify/auth/pre-token-generation/handler.test.ts';
const BACKEND = 'amplify/backend.ts';

/** A project on disk: path → content. */
type Disk = Map<string, string>;

function plan(disk: Disk, input: Partial<PlanInput> = {}): ProjectPlan {
  return planProject({ projectName: 'app', flags: {}, fresh: false, disk: { read: (path) => disk.get(path) }, force: false, allowReplacePool: false, version: '0.1.0', ...input });
}

/** Carries out a plan on the in-memory disk, as the writer does. */
function apply(disk: Disk, planned: ProjectPlan): Disk {
  const after = new Map(disk);
  for (const change of planChanges(planned)) {
    if (change.content === undefined) after.delete(change.path);
    else after.set(change.path, change.content);
  }
  return after;
}

/** A project as a fresh run with `flags` leaves it. */
function generated(flags: RawOptions = {}): Disk {
  return apply(new Map(), plan(new Map(), { fresh: true, flags }));
}

/** Replaces `from` (which must be there) in a file on the in-memory disk. */
function edit(disk: Disk, path: string, from: string, to: string): void {
  expect(disk.get(path)).toContain(from);
  disk.set(path, disk.get(path)!.replace(from, to));
}

const actions = (planned: ProjectPlan) => Object.fromEntries(planned.files.map((file) => [file.path, file.conflict ? 'conflict' : file.action]));

describe('a fresh run is a regeneration from an empty record', () => {
  it('creates every file and the record (version, given, resolved options, hashes)', () => {
    const planned = plan(new Map(), { fresh: true, flags: { preTokenVersion: 'v3' } });
    expect(new Set(Object.values(actions(planned)))).toEqual(new Set(['create']));
    expect([...renderProject(buildModel({ projectName: 'app', preTokenVersion: 'V3_0' })).keys()].sort()).toEqual(planned.files.map((file) => file.path));
    const { record } = parseRecordFile(planned.recordText!, RECORD_FILE);
    expect(record).toMatchObject({ version: '0.1.0', given: { preTokenVersion: 'v3' }, options: { preTokenVersion: 'V3_0', projectName: 'app' } });
    expect(Object.keys(record!.files)).toEqual(planned.files.map((file) => file.path));
  });

  it('keeps other generators’ keys in an existing .yo-rc.json, and the user’s .gitignore lines', () => {
    const disk: Disk = new Map([
      [RECORD_FILE, JSON.stringify({ 'generator-other': { answer: 42 } })],
      ['.gitignore', 'dist\nnode_modules\n'],
    ]);
    const after = apply(disk, plan(disk, { fresh: true, force: true }));
    expect(JSON.parse(after.get(RECORD_FILE)!)['generator-other']).toEqual({ answer: 42 });
    expect(after.get('.gitignore')).toMatch(/^dist\nnode_modules\n# Amplify \(create-amplify-token-app\)\n\.amplify\n/);
    expect(after.get('.gitignore')!.match(/^node_modules$/gm)).toHaveLength(1);
  });

  it('merges into an existing package.json: the user’s name and entries stay, the tool’s are added', () => {
    const disk: Disk = new Map([['package.json', JSON.stringify({ name: 'mine', scripts: { start: 'node .' } })]]);
    const merged = JSON.parse(apply(disk, plan(disk, { fresh: true, force: true })).get('package.json')!);
    expect(merged.name).toBe('mine');
    expect(merged.scripts).toMatchObject({ start: 'node .', doctor: 'create-amplify-token-app doctor' });
    expect(merged.devDependencies['aws-cdk-lib']).toBeDefined();
  });
});

describe('--regenerate', () => {
  it('writes nothing when neither the options nor the files changed', () => {
    expect(planWrites(plan(generated()))).toBe(false);
  });

  it('V3_0 stays V3_0 with --triggers presignup,pretokengeneration', () => {
    const disk = generated({ preTokenVersion: 'V3_0' });
    const after = apply(disk, plan(disk, { flags: { triggers: 'presignup,pretokengeneration' } }));
    expect(after.get(BACKEND)).toContain('LambdaVersion.V3_0');
  });

  it('keeps other generators’ keys in .yo-rc.json', () => {
    const disk = generated();
    const entries = JSON.parse(disk.get(RECORD_FILE)!);
    disk.set(RECORD_FILE, JSON.stringify({ 'generator-other': { x: 1 }, ...entries }, null, 2));
    const after = apply(disk, plan(disk, { flags: { threatProtection: 'AUDIT' } }));
    expect(Object.keys(JSON.parse(after.get(RECORD_FILE)!))).toEqual(['generator-other', RECORD_KEY]);
  });

  it('merges a user’s edit into the new version when they change different lines', () => {
    const disk = generated();
    disk.set(BACKEND, `${disk.get(BACKEND)}\n// my own override\nexport const mine = true;\n`);
    const planned = plan(disk, { flags: { threatProtection: 'AUDIT' } });
    expect(actions(planned)[BACKEND]).toBe('merge');
    const after = apply(disk, planned).get(BACKEND)!;
    expect(after).toContain("advancedSecurityMode: 'AUDIT'");
    expect(after).toContain('export const mine = true;');
  });

  it('keeps a file the options do not change, whatever the user did to it', () => {
    const disk = generated();
    disk.set(HANDLER, '// entirely mine\n');
    expect(actions(plan(disk, { flags: { threatProtection: 'AUDIT' } }))[HANDLER]).toBe('keep');
  });

  it('a real conflict keeps the user’s file, writes the new version beside it, and keeps the handler’s test with it', () => {
    const disk = generated();
    edit(disk, HANDLER, "const ID_TOKEN_CLAIMS: ClaimName[] = ['tenant_id'];", "const ID_TOKEN_CLAIMS: ClaimName[] = ['tenant_id']; // reviewed");
    const flags = { attributes: 'tenant_id:String,plan:String' };
    const planned = plan(disk, { flags });
    expect(actions(planned)).toMatchObject({ [HANDLER]: 'conflict', [HANDLER_TEST]: 'conflict' });
    const after = apply(disk, planned);
    expect(after.get(HANDLER)).toBe(disk.get(HANDLER));
    expect(after.get(`${HANDLER}.new`)).toBe(renderProject(buildModel({ projectName: 'app', ...flags })).get(HANDLER));
    expect(after.get(`${HANDLER_TEST}.new`)).toBe(renderProject(buildModel({ projectName: 'app', ...flags })).get(HANDLER_TEST));
    expect(after.get(HANDLER_TEST)).toBe(disk.get(HANDLER_TEST));
  });

  it('deletes the files of a removed trigger unless the user changed them', () => {
    const disk = generated({ triggers: 'preSignUp,preTokenGeneration,customMessage' });
    disk.set('amplify/auth/custom-message/handler.ts', '// mine\n');
    expect(actions(plan(disk, { flags: { triggers: 'preSignUp,preTokenGeneration' } }))).toMatchObject({
      'amplify/auth/custom-message/handler.ts': 'keep',
      'amplify/auth/custom-message/handler.test.ts': 'delete',
      'amplify/auth/custom-message/resource.ts': 'delete',
    });
  });

  it('--force overwrites and deletes changed files', () => {
    const disk = generated({ triggers: 'preSignUp,preTokenGeneration,customMessage' });
    disk.set('amplify/auth/custom-message/handler.ts', '// mine\n');
    disk.set(BACKEND, '// mine\n');
    const planned = plan(disk, { flags: { triggers: 'preSignUp,preTokenGeneration' }, force: true });
    expect(planned.files.filter((file) => file.discardsEdit).map((file) => [file.path, file.action])).toEqual([
      ['amplify/auth/custom-message/handler.ts', 'delete'],
      [BACKEND, 'update'],
    ]);
  });
});

describe('refusals: nothing is written', () => {
  it('an existing .new with other content is never overwritten; the same content is left alone', () => {
    const disk = generated();
    edit(disk, BACKEND, "cfnUserPool.userPoolTier = 'ESSENTIALS';", "cfnUserPool.userPoolTier = 'ESSENTIALS'; // reviewed");
    const flags = { threatProtection: 'AUDIT' };
    const first = plan(disk, { flags });
    expect(actions(first)[BACKEND]).toBe('conflict');
    disk.set(`${BACKEND}.new`, 'my half-done merge\n');
    expect(() => plan(disk, { flags })).toThrow(Refusal);
    expect(() => plan(disk, { flags })).toThrow(`${BACKEND}.new exists`);
    disk.set(`${BACKEND}.new`, first.files.find((file) => file.path === BACKEND)!.conflict!.content);
    expect(plan(disk, { flags }).files.find((file) => file.path === BACKEND)!.conflict!.alreadyThere).toBe(true);
  });

  it('a kept handler that reads an attribute the updated backend lets the client write', () => {
    const disk = generated();
    edit(disk, HANDLER, 'const ID_TOKEN_CLAIMS', '// mine: reads custom:tenant_id\nconst ID_TOKEN_CLAIMS');
    edit(disk, HANDLER, "{ claim: 'tenant_id',", "{ /* reviewed */ claim: 'tenant_id',");
    // No claims: the new backend lets the client write custom:tenant_id; the handler still reads it.
    const attempt = () => plan(disk, { flags: { idTokenClaims: '', accessTokenClaims: '' } });
    expect(attempt).toThrow(Refusal);
    expect(attempt).toThrow(/handler\.ts reads custom:tenant_id .* amplify\/backend\.ts lets an app client write it/);
  });

  it('a kept backend that lets the client write an attribute the updated handler reads', () => {
    const disk = generated({ attributes: 'tenant_id:String,theme:String', idTokenClaims: 'tenant_id', accessTokenClaims: 'tenant_id' });
    edit(disk, BACKEND, "  'custom:theme',", "  'custom:theme', // reviewed");
    const attempt = () => plan(disk, { flags: { idTokenClaims: 'tenant_id,theme' } });
    expect(attempt).toThrow(/handler\.ts reads custom:theme for the tokens, and amplify\/backend\.ts lets an app client write it/);
  });

  it('a kept handler in the other version’s shape', () => {
    const disk = generated();
    edit(disk, HANDLER, 'claimsAndScopeOverrideDetails: {', 'claimsAndScopeOverrideDetails: { // mine');
    expect(() => plan(disk, { flags: { preTokenVersion: 'V1_0' } })).toThrow(/attaches pre token generation V1_0, but .*handler\.ts answers with claimsAndScopeOverrideDetails/);
  });

  it('a record written by a newer version, unless --force', () => {
    const disk = generated();
    const entries = JSON.parse(disk.get(RECORD_FILE)!);
    entries[RECORD_KEY].version = '9.0.0';
    disk.set(RECORD_FILE, JSON.stringify(entries));
    expect(() => plan(disk)).toThrow('written by create-amplify-token-app 9.0.0, newer than this 0.1.0');
    expect(() => plan(disk, { force: true })).not.toThrow();
  });

  it('no record: not a generated project', () => {
    expect(() => plan(new Map())).toThrow('No .yo-rc.json here');
  });

  it('a wrong-typed record or package.json: the file and the key, never a TypeError', () => {
    const disk = generated();
    const broken = (change: (entry: Record<string, any>) => void) => {
      const copy = new Map(disk);
      const entries = JSON.parse(copy.get(RECORD_FILE)!);
      change(entries[RECORD_KEY]);
      copy.set(RECORD_FILE, JSON.stringify(entries));
      return () => plan(copy);
    };
    expect(broken((entry) => (entry.files = ['a']))).toThrow('.yo-rc.json: "create-amplify-token-app.files" must be an object');
    expect(broken((entry) => (entry.options.triggers = 7))).toThrow('.yo-rc.json: "create-amplify-token-app.options": "triggers" must be a comma-separated string or an array of strings, not 7');
    expect(broken((entry) => (entry.files['../outside/x'] = entry.files['README.md']))).toThrow('"../outside/x" is not a file inside the project (leaves the project (..))');
    const badPackage = new Map(disk).set('package.json', JSON.stringify({ scripts: ['test'] }));
    expect(() => plan(badPackage, { flags: { threatProtection: 'AUDIT' } })).toThrow('package.json: "scripts" must be an object of names to strings');
  });

  it('any JSON in the record or package.json gives a Refusal or an OptionsError, never an internal error', () => {
    const disk = generated();
    const entries = JSON.parse(disk.get(RECORD_FILE)!);
    fc.assert(
      fc.property(fc.constantFrom('record', 'given', 'options', 'files', 'package'), fc.jsonValue(), (where, value) => {
        const copy = new Map(disk);
        if (where === 'package') copy.set('package.json', JSON.stringify(value));
        else {
          const entry = structuredClone(entries[RECORD_KEY]);
          copy.set(RECORD_FILE, JSON.stringify({ [RECORD_KEY]: where === 'record' ? value : { ...entry, [where]: value } }));
        }
        try {
          plan(copy, { flags: { threatProtection: 'AUDIT' } });
        } catch (error) {
          if (!(error instanceof Refusal || error instanceof OptionsError)) throw error;
        }
      }),
      { ...FC_PARAMETERS, numRuns: Math.max(FC_PARAMETERS.numRuns ?? 0, 300) },
    );
  });
});

describe('merges', () => {
  it('mergeText applies non-overlapping edits from both sides; overlapping ones are a conflict', () => {
    const base = 'a\nb\nc\nd\n';
    expect(mergeText('a\nB\nc\nd\n', base, 'a\nb\nc\nD\n')).toEqual({ clean: true, text: 'a\nB\nc\nD\n' });
    expect(mergeText('a\nX\nc\nd\n', base, 'a\nY\nc\nd\n')).toEqual({ clean: false });
  });

  it('mergeGitignore appends only what is missing, once', () => {
    expect(mergeGitignore('node_modules', 'node_modules\n.amplify\n')).toBe('node_modules\n# Amplify (create-amplify-token-app)\n.amplify\n');
    expect(mergeGitignore('.amplify\nnode_modules\n', '# amplify\nnode_modules\n.amplify\n')).toBe('.amplify\nnode_modules\n');
  });

  it('mergePackageJson updates the managed entries and keeps the user’s own', () => {
    const previous = JSON.stringify({ name: 'app', scripts: { test: 'vitest run' }, devDependencies: { a: '1.0.0', sdk: '3.0.0' } });
    const next = JSON.stringify({ name: 'app', scripts: { test: 'vitest run', doctor: 'doctor' }, devDependencies: { a: '1.1.0' } });
    const user = JSON.stringify({ name: 'renamed', scripts: { test: 'vitest run', deploy: 'my deploy' }, devDependencies: { a: '1.0.0', mine: '2.0.0', sdk: '3.0.0' } });
    const merged = JSON.parse(mergePackageJson(user, previous, next));
    expect(merged.name).toBe('renamed');
    expect(merged.scripts).toEqual({ test: 'vitest run', deploy: 'my deploy', doctor: 'doctor' });
    expect(merged.devDependencies).toEqual({ a: '1.1.0', mine: '2.0.0' });
  });
});

describe('pool-replacing changes', () => {
  const before = buildModel({ attributes: 'tenant_id:String:1-64,seats:Number' });

  it('allows adding an attribute', () => {
    expect(poolReplacingChanges(before, buildModel({ attributes: 'tenant_id:String:1-64,seats:Number,role:String' }))).toEqual([]);
  });

  it('names each removed or changed attribute, and refuses them unless a new pool is accepted', () => {
    const after = buildModel({ attributes: 'tenant_id:Number,role:String' });
    expect(poolReplacingChanges(before, after)).toEqual([
      'custom attribute "tenant_id" changed from tenant_id:String:1-64 to tenant_id:Number',
      'custom attribute "seats" removed (or renamed)',
    ]);
    expect(() => checkPoolChanges(before, after, false)).toThrow(/add a new one instead, or pass --allow-replace-pool/);
    expect(() => checkPoolChanges(before, after, true)).not.toThrow();
  });
});
