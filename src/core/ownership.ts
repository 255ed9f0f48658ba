// Who owns each file renderProject writes. Front ends that regenerate (projen, a second run of the
// scaffolder) need to know which files follow the options and which are the user's to edit.

/**
 * - `options`: follows from the options alone; regenerate it whenever they change, remove it
 *   when they no longer produce it (backend.ts, resource.ts files, amplify/ configuration).
 * - `user`: a starting point the user is expected to edit (trigger handlers and their tests,
 *   the data model, the test configuration); write it once, never overwrite it.
 * - `project`: a project-level file that other tools and people also write to (package.json,
 *   README.md, .gitignore); a front end merges into it or hands it to its own mechanism.
 */
export type FileOwner = 'options' | 'user' | 'project';

const PROJECT_FILES = new Set(['package.json', 'README.md', '.gitignore']);
const OPTION_FILES = new Set([
  'amplify/backend.ts',
  'amplify/auth/resource.ts',
  'amplify/package.json',
  'amplify/tsconfig.json',
]);
/** A starting data model and test configuration: the user adds their own models and settings. */
const USER_FILES = new Set(['amplify/data/resource.ts', 'vitest.config.ts']);
/** amplify/auth/<trigger folder>/<file>: the function definition follows the options, the code is the user's. */
const TRIGGER_FILE = /^amplify\/auth\/[a-z0-9-]+\/(resource\.ts|handler\.ts|handler\.test\.ts)$/;

/**
 * The owner of a path renderProject produces. Throws for a path it does not know, so that a new
 * template cannot be added without deciding who owns its file (the tests render every variant).
 */
export function fileOwner(path: string): FileOwner {
  if (PROJECT_FILES.has(path)) return 'project';
  if (OPTION_FILES.has(path)) return 'options';
  if (USER_FILES.has(path)) return 'user';
  const trigger = TRIGGER_FILE.exec(path);
  if (trigger) return trigger[1] === 'resource.ts' ? 'options' : 'user';
  throw new Error(`create-amplify-token-app: no owner defined for generated file ${path} (src/core/ownership.ts)`);
}
