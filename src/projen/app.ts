// The ready-made projen project for a standalone Amplify app: the scaffolder's project-level
// files (package.json, README.md, .gitignore) expressed through projen's own mechanisms.
import { javascript, typescript } from 'projen';
import { buildModel, renderProject } from '../core/index.js';
import { ownPackage } from '../core/own-package.js';
import { AmplifyTokenAuth, type AmplifyTokenAuthOptions, toRawOptions } from './auth.js';

/** The projen configuration file this project runs. */
export const PROJENRC_FILE = '.projenrc.ts';

export interface AmplifyTokenAppOptions extends javascript.NodeProjectOptions {
  /** The Amplify auth options (the scaffolder's flags). @default the scaffolder's defaults */
  readonly auth?: AmplifyTokenAuthOptions;
}

/** What the package.json scripts of the scaffolded project do, as projen task descriptions. */
const TASK_DESCRIPTIONS: Record<string, string> = {
  sandbox: 'Deploy a personal cloud sandbox (ampx sandbox; needs AWS credentials)',
  typecheck: 'Type-check amplify/ against the Amplify and CDK types',
  doctor: 'Find Cognito trigger mistakes offline (synthesizes the backend, runs the handlers)',
  preview: 'Show the ID and access token payloads after sign-in',
};

/**
 * A standalone Amplify Gen 2 app whose Cognito tokens carry custom claims, configured in
 * `.projenrc.ts`: the same project `npm create amplify-token-app` writes, kept up to date by
 * `npx projen`.
 *
 * On top of a projen Node project (npm, `"type": "module"`, private) it adds:
 * - AmplifyTokenAuth with `options.auth`: the amplify/ folder (managed files and handlers), the
 *   exact dependency versions the scaffolder pins, the Amplify `.gitignore` entries;
 * - the scaffolder's scripts as projen tasks: `sandbox` (`ampx sandbox`), `typecheck`
 *   (`tsc -p amplify/tsconfig.json`, also run by `compile`, so `npx projen build` checks types)
 *   and `test` (`vitest run`, the handler tests); `npm run <script>` works as before;
 * - the scaffolder's README.md as a sample file (written once), with the "change the options"
 *   section pointing at `.projenrc.ts`;
 * - `.projenrc.ts` run with tsx (a pinned devDependency), and this package as a devDependency.
 *
 * Defaults differ from NodeProject's where an app needs it: npm, no jest (vitest runs the
 * tests), no GitHub workflows, no release, no npm package, no automatic dependency upgrades (the
 * versions are a set verified together; upgrade them by upgrading this package). Every option of
 * NodeProject can still be passed and wins.
 *
 * @example
 * const project = new AmplifyTokenApp({ name: 'my-app', auth: { triggers: ['preTokenGeneration'] } });
 * project.synth();
 */
export class AmplifyTokenApp extends javascript.NodeProject {
  /** The Amplify component (its `model` holds the validated options). */
  public readonly amplify: AmplifyTokenAuth;

  /** @throws OptionsError (the scaffolder's message) when `options.auth` is invalid. */
  constructor(options: AmplifyTokenAppOptions) {
    const { auth = {}, ...projectOptions } = options;
    // Rendered before the project exists: the README is an option of the base class. This also
    // validates, so bad options fail before projen does anything.
    const rendered = renderProject(buildModel(toRawOptions(options.packageName ?? options.name, auth)));
    super({
      packageManager: javascript.NodePackageManager.NPM,
      projenrcJs: false,
      jest: false,
      github: false,
      release: false,
      package: false,
      npmignoreEnabled: false,
      depsUpgrade: false,
      licensed: false,
      entrypoint: '',
      readme: { contents: projenReadme(rendered.get('README.md') ?? '') },
      ...projectOptions,
    });

    const projenrc = new typescript.ProjenrcTs(this, { filename: PROJENRC_FILE, runner: typescript.TypeScriptRunner.tsx() });
    // tsx is one of the pinned devDependencies: run the installed one, offline, rather than
    // through `npx -p tsx` as projen's tsx runner does.
    this.defaultTask?.reset(`tsx ${PROJENRC_FILE}`);
    projenrc.tsconfig.file.addOverride('compilerOptions', PROJENRC_COMPILER_OPTIONS);
    // Only the projen code: amplify/ has its own tsconfig.
    projenrc.tsconfig.file.addOverride('include', [PROJENRC_FILE, 'projenrc/**/*.ts']);

    this.amplify = new AmplifyTokenAuth(this, auth);
    const packageJson = this.amplify.packageJson();
    this.package.addField('private', packageJson.private ?? true);
    if (packageJson.type) this.package.addField('type', packageJson.type);
    this.package.addVersion(packageJson.version);
    // Not published: drop the publishConfig NodePackage writes by default.
    this.package.file.addDeletionOverride('publishConfig');

    for (const [name, command] of Object.entries(packageJson.scripts ?? {})) {
      if (name === 'test') {
        this.testTask.exec(command);
        continue;
      }
      const existing = this.tasks.tryFind(name);
      if (existing) existing.reset(command);
      else this.addTask(name, { exec: command, description: TASK_DESCRIPTIONS[name] ?? `Run ${command}` });
    }
    const typecheck = this.tasks.tryFind('typecheck');
    if (typecheck) this.compileTask.spawn(typecheck);

    const self = ownPackage();
    this.addDevDeps(`${self.name}@${self.version}`);
  }
}

/** For type-checking .projenrc.ts (`npx tsc -p tsconfig.projen.json`): Node ESM, strict. */
const PROJENRC_COMPILER_OPTIONS = {
  target: 'es2022',
  module: 'nodenext',
  moduleResolution: 'nodenext',
  strict: true,
  skipLibCheck: true,
  noEmit: true,
};

const CHANGE_OPTIONS_HEADING = '## Change the options later';

/**
 * The scaffolder's README, with its "change the options later" section (which tells to run the
 * scaffolder again) replaced by the projen way.
 */
export function projenReadme(readme: string): string {
  const start = readme.indexOf(`\n${CHANGE_OPTIONS_HEADING}\n`);
  const section = [
    CHANGE_OPTIONS_HEADING,
    '',
    `The options are in \`${PROJENRC_FILE}\` (\`auth\`). Edit them and run \`npx projen\`: it rewrites the`,
    'files it manages (`amplify/backend.ts`, `amplify/auth/resource.ts`, each trigger\'s `resource.ts`,',
    '`amplify/package.json`, `amplify/tsconfig.json`, `package.json`), removes those of a trigger you',
    'dropped, and installs changed dependencies. Do not edit managed files (they are read-only and say',
    'so in their first line). Handlers, their tests and the data model `amplify/data/resource.ts` are',
    'yours: written once, never overwritten; delete the folder of a trigger you dropped yourself.',
    'Custom attributes cannot be removed, renamed, or changed in type or mutability once the user',
    'pool exists: add a new attribute instead.',
    '',
  ].join('\n');
  if (start === -1) return `${readme.trimEnd()}\n\n${section}`;
  const next = readme.indexOf('\n## ', start + 1);
  return `${readme.slice(0, start + 1)}${section}${next === -1 ? '' : readme.slice(next)}`;
}

