// The projen front end against the core: projects synthesized with projen's Testing.synth for a
// few option sets (snapshots of what projen adds), and for every verification variant the
// equality with what the scaffolder writes, file by file.
import { javascript, Testing, typescript } from 'projen';
import { describe, expect, it } from 'vitest';
import { buildModel, DEFAULTS, fileOwner, OptionsError, type RawOptions, renderProject } from '../src/core/index.js';
import {
  AmplifyTokenApp,
  AmplifyTokenAuth,
  type GeneratedPackageJson,
  PROJEN_MARKER_TEXT,
  projenReadme,
  stripMarker,
  withMarker,
} from '../src/projen/index.js';
import { authOptionsFrom, tempOutdir } from './projen/helpers.js';
import { VARIANTS } from './verify/variants.js';

type Snapshot = Record<string, string>;

function synthApp(name: string, raw: RawOptions): Snapshot {
  const project = new AmplifyTokenApp({
    name: raw.projectName ?? DEFAULTS.projectName,
    outdir: tempOutdir(name),
    auth: authOptionsFrom(raw),
  });
  return Testing.synth(project, { parseJson: false }) as Snapshot;
}

/** The project as the scaffolder writes it. */
function core(raw: RawOptions): Map<string, string> {
  return renderProject(buildModel(raw));
}

const projenMarker = (snapshot: Snapshot) => (JSON.parse(snapshot['package.json']!) as { '//': string })['//'];

/** Task name → its steps as short strings (the full tasks.json is mostly projen's boilerplate). */
function tasksOf(snapshot: Snapshot): Record<string, string[]> {
  const { tasks } = JSON.parse(snapshot['.projen/tasks.json']!) as {
    tasks: Record<string, { steps?: { exec?: string; spawn?: string; execArgs?: string[] }[] }>;
  };
  return Object.fromEntries(
    Object.entries(tasks).map(([name, task]) => [
      name,
      (task.steps ?? []).map((step) => step.exec ?? (step.spawn ? `spawn ${step.spawn}` : (step.execArgs ?? []).join(' '))),
    ]),
  );
}

const SNAPSHOT_SETS: { name: string; options: RawOptions }[] = [
  { name: 'defaults', options: {} },
  {
    name: 'v1-lite',
    options: {
      projectName: 'v1-lite',
      triggers: ['preSignUp', 'preTokenGeneration', 'customMessage'],
      preTokenVersion: 'V1_0',
      featurePlan: 'LITE',
      attributes: ['tenant_id:String:immutable:1-64'],
      suppressClaims: ['nickname'],
    },
  },
  {
    name: 'v2-admin-plus',
    options: {
      projectName: 'v2-admin-plus',
      triggers: ['postConfirmation', 'preTokenGeneration'],
      preTokenVersion: 'V2_0',
      threatProtection: 'AUDIT',
      attributes: ['org:String', 'seats:Number:1-500'],
      accessTokenClaims: ['org'],
      scopesToAdd: ['orders/read'],
    },
  },
];

describe.each(SNAPSHOT_SETS)('projen snapshot: $name', ({ name, options }) => {
  const snapshot = synthApp(name, options);
  const coreFiles = core(options);

  it('has the scaffolder files plus projen’s own', () => {
    const kind = (path: string) => {
      if (!coreFiles.has(path)) return 'projen';
      const owner = fileOwner(path);
      return owner === 'options' ? 'managed' : owner === 'user' ? 'sample' : 'project';
    };
    const listing = Object.keys(snapshot)
      .sort()
      .map((path) => `${kind(path).padEnd(8)} ${path}`);
    expect(listing).toMatchSnapshot();
  });

  it('package.json, tasks and .gitignore', () => {
    // The package's own version appears as a devDependency; keep the snapshot independent of it.
    const packageJson = snapshot['package.json']!.replace(/("create-amplify-token-app": )"[^"]+"/, '$1"<version>"');
    expect(packageJson).toMatchSnapshot('package.json');
    expect(tasksOf(snapshot)).toMatchSnapshot('tasks');
    expect(snapshot['.gitignore']).toMatchSnapshot('.gitignore');
  });

  if (name === 'defaults') {
    it('README.md and tsconfig.projen.json', () => {
      expect(snapshot['README.md']).toMatchSnapshot('README.md');
      expect(snapshot['tsconfig.projen.json']).toMatchSnapshot('tsconfig.projen.json');
    });
  }
});

const EQUALITY_SETS = [...SNAPSHOT_SETS, ...VARIANTS.map(({ name, options }) => ({ name, options }))];

describe.each(EQUALITY_SETS)('same files as the scaffolder: $name', ({ name, options }) => {
  const snapshot = synthApp(`eq-${name}`, options);
  const coreFiles = core(options);
  const marker = projenMarker(snapshot);

  it('writes exactly the scaffolder’s amplify/ files', () => {
    const amplify = (paths: Iterable<string>) => [...paths].filter((path) => path.startsWith('amplify/')).sort();
    expect(amplify(Object.keys(snapshot))).toEqual(amplify(coreFiles.keys()));
  });

  it('option-owned files: the core’s bytes plus one marker line', () => {
    for (const [path, content] of coreFiles) {
      if (fileOwner(path) !== 'options') continue;
      const written = snapshot[path]!;
      expect(written, path).toBe(withMarker(path, content, marker));
      expect(written.split('\n').length, path).toBe(content.split('\n').length + 1);
      expect(written, path).toContain(PROJEN_MARKER_TEXT);
      expect(stripMarker(path, written), path).toBe(content);
    }
  });

  it('projen tracks the option-owned files (and removes them once not produced), not the handlers', () => {
    const { files } = JSON.parse(snapshot['.projen/files.json']!) as { files: string[] };
    for (const path of coreFiles.keys()) {
      if (fileOwner(path) === 'options') expect(files, path).toContain(path);
      if (fileOwner(path) === 'user') expect(files, path).not.toContain(path);
    }
  });

  it('handlers and their tests: the core’s files as they are', () => {
    for (const [path, content] of coreFiles) {
      if (fileOwner(path) === 'user') expect(snapshot[path], path).toBe(content);
    }
  });

  it('package.json: the scaffolder’s name, version, type, dependencies and scripts through projen', () => {
    const generated = JSON.parse(coreFiles.get('package.json')!) as GeneratedPackageJson;
    const written = JSON.parse(snapshot['package.json']!) as Record<string, Record<string, string>>;
    for (const key of ['name', 'version', 'private', 'type'] as const) expect(written[key], key).toEqual(generated[key]);
    expect(written.dependencies).toEqual(generated.dependencies);
    const { projen: _projen, 'create-amplify-token-app': self, ...devDependencies } = written.devDependencies!;
    const { 'create-amplify-token-app': generatedSelf, ...generatedDevDependencies } = generated.devDependencies ?? {};
    expect(devDependencies).toEqual(generatedDevDependencies);
    // Both pin this package (for npm run doctor), at the version that wrote the files.
    expect(self).toMatch(/^\d+\.\d+\.\d+/);
    expect(self).toBe(generatedSelf);
    // Each script is a projen task running the scaffolder's command; package.json runs the task.
    const tasks = tasksOf(snapshot);
    for (const [script, command] of Object.entries(generated.scripts ?? {})) {
      expect(tasks[script], script).toEqual([command]);
      expect(written.scripts![script], script).toBe(`projen ${script}`);
    }
  });

  it('.gitignore has every entry of the scaffolder’s, README.md is the scaffolder’s with the projen way to change options', () => {
    const lines = snapshot['.gitignore']!.split('\n');
    for (const pattern of coreFiles.get('.gitignore')!.split('\n').filter((line) => line && !line.startsWith('#'))) {
      expect(lines, pattern).toContain(pattern);
    }
    const readme = snapshot['README.md']!;
    expect(readme).toBe(projenReadme(coreFiles.get('README.md')!));
    expect(readme).toContain('`.projenrc.ts`');
    expect(readme).not.toContain('.yo-rc.json');
    const before = (text: string) => text.slice(0, text.indexOf('## Change the options later'));
    expect(before(readme)).toBe(before(coreFiles.get('README.md')!));
  });
});

describe('AmplifyTokenAuth in an existing projen TypeScript project', () => {
  const options: RawOptions = { projectName: 'platform-service', triggers: 'preTokenGeneration', preTokenVersion: 'V3_0' };
  const project = new typescript.TypeScriptProject({
    name: 'platform-service',
    defaultReleaseBranch: 'main',
    outdir: tempOutdir('ts-project'),
    packageManager: javascript.NodePackageManager.NPM,
  });
  const auth = new AmplifyTokenAuth(project, authOptionsFrom(options));
  const snapshot = Testing.synth(project, { parseJson: false }) as Snapshot;
  const coreFiles = core(options);

  it('writes the same amplify/ files, with the same marker projen puts on its own files', () => {
    const marker = projenMarker(snapshot);
    expect(marker).toContain(PROJEN_MARKER_TEXT);
    for (const [path, content] of coreFiles) {
      const owner = fileOwner(path);
      if (owner === 'options') expect(snapshot[path], path).toBe(withMarker(path, content, marker));
      if (owner === 'user') expect(snapshot[path], path).toBe(content);
    }
    expect(auth.model.preTokenVersion).toBe('V3_0');
  });

  it('pins the Amplify toolchain and ignores Amplify’s output, leaving the project’s tasks alone', () => {
    const written = JSON.parse(snapshot['package.json']!) as Record<string, Record<string, string>>;
    expect(written.devDependencies!['aws-cdk-lib']).toBe(auth.packageJson().devDependencies!['aws-cdk-lib']);
    expect(written.devDependencies!['typescript']).toBe(auth.packageJson().devDependencies!['typescript']);
    expect(written.dependencies!['aws-amplify']).toBe(auth.packageJson().dependencies!['aws-amplify']);
    expect(snapshot['.gitignore']!.split('\n')).toEqual(expect.arrayContaining(['.amplify', 'amplify_outputs*', 'cdk.out']));
    expect(Object.keys(tasksOf(snapshot))).not.toContain('sandbox');
    // The project's own README and src/ stay; the scaffolder's README is not forced on it.
    expect(snapshot['README.md']).not.toBe(coreFiles.get('README.md'));
    expect(Object.keys(snapshot)).toContain('src/index.ts');
  });
});

describe('bad options fail with the scaffolder’s message', () => {
  const BAD: RawOptions[] = [
    { triggers: ['preSignUp', 'preTokenGenration'] },
    { triggers: ['preSignUp'], preTokenVersion: 'V2_0' },
    { preTokenVersion: 'V2_0', featurePlan: 'LITE' },
    { threatProtection: 'ENFORCED', featurePlan: 'ESSENTIALS' },
    { preTokenVersion: 'V1_0', accessTokenClaims: ['tenant_id'] },
    { attributes: ['tenant_id:Text'] },
    { idTokenClaims: ['plan'] },
    { suppressClaims: ['sub'] },
    { scopesToAdd: ['has space'] },
    { projectName: 'Not A Package Name' },
  ];

  it.each(BAD)('%o', (raw) => {
    let expected: unknown;
    try {
      buildModel(raw);
    } catch (error) {
      expected = error;
    }
    expect(expected).toBeInstanceOf(OptionsError);
    const message = (expected as OptionsError).message;

    const build = () =>
      new AmplifyTokenApp({ name: raw.projectName ?? DEFAULTS.projectName, outdir: tempOutdir('bad'), auth: authOptionsFrom(raw) });
    expect(build).toThrow(OptionsError);
    expect(build).toThrow(expect.objectContaining({ message }));

    const project = new javascript.NodeProject({
      name: raw.projectName ?? DEFAULTS.projectName,
      defaultReleaseBranch: 'main',
      outdir: tempOutdir('bad-node'),
    });
    expect(() => new AmplifyTokenAuth(project, authOptionsFrom(raw))).toThrow(expect.objectContaining({ name: 'OptionsError', message }));
  });
});

describe('file ownership (core)', () => {
  it('every file of every variant has an owner; handlers are the user’s, resource files the options’', () => {
    const owners = new Map<string, string>();
    for (const { options } of EQUALITY_SETS) {
      for (const path of core(options).keys()) owners.set(path.replace(/^amplify\/auth\/[a-z-]+\/(?=(resource|handler))/, 'amplify/auth/<trigger>/'), fileOwner(path));
    }
    expect(Object.fromEntries([...owners].sort())).toMatchInlineSnapshot(`
      {
        ".gitignore": "project",
        "README.md": "project",
        "amplify/auth/<trigger>/handler.test.ts": "user",
        "amplify/auth/<trigger>/handler.ts": "user",
        "amplify/auth/<trigger>/resource.ts": "options",
        "amplify/auth/resource.ts": "options",
        "amplify/backend.ts": "options",
        "amplify/data/resource.ts": "user",
        "amplify/package.json": "options",
        "amplify/tsconfig.json": "options",
        "package.json": "project",
        "vitest.config.ts": "user",
      }
    `);
    expect(() => fileOwner('amplify/auth/pre-sign-up/notes.md')).toThrow(/no owner/);
  });

  it('the projen README says managed for exactly the files projen manages, and yours for the rest', () => {
    const readme = projenReadme(core({}).get('README.md')!);
    const section = readme.slice(readme.indexOf('## Change the options later'));
    const [managedPart, yoursPart] = section.split('Do not edit managed files');
    const paths = (text: string) => [...text.matchAll(/`(amplify\/[\w./-]+|package\.json)`/g)].map((match) => match[1]!);
    expect(paths(managedPart!).map((path) => [path, fileOwner(path)])).toEqual(
      paths(managedPart!).map((path) => [path, path === 'package.json' ? 'project' : 'options']),
    );
    expect(paths(yoursPart!)).toContain('amplify/data/resource.ts');
    expect(fileOwner('amplify/data/resource.ts')).toBe('user');
  });
});
