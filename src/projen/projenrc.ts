// The `.projenrc.ts` for a model: what the scaffolder's `--projen` writes, so the project goes on
// under projen with the options the user chose. Pure and free of projen imports: the scaffolder
// runs it without projen installed.
import { modelToOptions, type ProjectModel } from '../core/index.js';
import { tsLiteral, tsString } from '../core/escape.js';

/** The module .projenrc.ts imports AmplifyTokenApp from (this package's `./projen` export). */
export const PROJEN_MODULE = 'create-amplify-token-app/projen';

/**
 * The `auth` options for a model, every one explicit (including those equal to the defaults), so
 * that the project does not change if a later version changes a default.
 */
export function projenrcAuthOptions(model: ProjectModel): Record<string, unknown> {
  const { projectName: _projectName, ...options } = modelToOptions(model);
  return options;
}

/** The complete text of a `.projenrc.ts` that builds the same project as the model. */
export function renderProjenrc(model: ProjectModel): string {
  return [
    `import { AmplifyTokenApp } from ${tsString(PROJEN_MODULE)};`,
    '',
    '// Amplify Gen 2 auth with custom token claims. Change an option, then run `npx projen`:',
    '// it regenerates the managed files under amplify/ (handlers and their tests are yours).',
    'const project = new AmplifyTokenApp({',
    `  name: ${tsString(model.projectName)},`,
    `  auth: ${tsLiteral(projenrcAuthOptions(model), 2)},`,
    '});',
    '',
    'project.synth();',
    '',
  ].join('\n');
}
