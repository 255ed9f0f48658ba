// renderProjenrc: the .projenrc.ts the scaffolder's --projen writes. It must hold every chosen
// option explicitly, type-check against the package's projen API, and build the same project.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Testing } from 'projen';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { buildModel, type ProjectModel, type RawOptions } from '../src/core/index.js';
import { AmplifyTokenApp, PROJEN_MODULE, projenrcAuthOptions, renderProjenrc } from '../src/projen/index.js';
import { authOptionsFrom, PROJEN_WORK_DIR, ROOT, tempOutdir } from './projen/helpers.js';
import { VARIANTS } from './verify/variants.js';

const SETS: { name: string; options: RawOptions }[] = [
  { name: 'defaults', options: {} },
  ...VARIANTS.map(({ name, options }) => ({ name, options })),
  { name: 'quotes', options: { projectName: 'quotes', attributes: "it's:String", idTokenClaims: "it's", accessTokenClaims: [] } },
];

/** The TypeScript examples of the README's projen section, read from README.md so they cannot drift. */
const README_EXAMPLES = readmeProjenExamples();

function readmeProjenExamples(): Record<'readme-app' | 'readme-component', string> {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## projen\n'));
  const blocks = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);
  const app = blocks.find((block) => block.includes('new AmplifyTokenApp('));
  const component = blocks.find((block) => block.includes('new AmplifyTokenAuth('));
  if (!app || !component) throw new Error('README.md: the projen section lost its examples');
  return { 'readme-app': app, 'readme-component': component };
}

/** The `auth: {...}` object literal of a rendered .projenrc.ts, evaluated. */
function authLiteral(text: string): unknown {
  const match = /\n {2}auth: (\{[\s\S]*?\n {2}\}),\n\}\);/.exec(text);
  if (!match) throw new Error(`no auth literal in:\n${text}`);
  return new Function(`return (${match[1]});`)();
}

const withoutNotices = ({ notices: _notices, ...model }: ProjectModel) => model;

describe('renderProjenrc', () => {
  it('writes a complete .projenrc.ts (defaults)', () => {
    expect(renderProjenrc(buildModel({ projectName: 'my-app' }))).toMatchInlineSnapshot(`
      "import { AmplifyTokenApp } from 'create-amplify-token-app/projen';

      // Amplify Gen 2 auth with custom token claims. Change an option, then run \`npx projen\`:
      // it regenerates the managed files under amplify/ (handlers and their tests are yours).
      const project = new AmplifyTokenApp({
        name: 'my-app',
        auth: {
          triggers: ['preSignUp', 'preTokenGeneration'],
          preTokenVersion: 'V2_0',
          featurePlan: 'ESSENTIALS',
          threatProtection: 'OFF',
          attributes: ['tenant_id:String'],
          idTokenClaims: ['tenant_id'],
          accessTokenClaims: ['tenant_id'],
          suppressClaims: [],
          scopesToAdd: [],
        },
      });

      project.synth();
      "
    `);
  });

  describe.each(SETS)('$name', ({ name, options }) => {
    const model = buildModel(options);
    const text = renderProjenrc(model);

    it('holds every option explicitly, and they build the same model', () => {
      expect(authLiteral(text)).toEqual(projenrcAuthOptions(model));
      const again = buildModel({ projectName: model.projectName, ...(authLiteral(text) as RawOptions) });
      expect(withoutNotices(again)).toEqual(withoutNotices(model));
    });

    it('builds the same projen project as the options it came from', () => {
      const fromOptions = Testing.synth(
        new AmplifyTokenApp({ name: model.projectName, outdir: tempOutdir(`rc-a-${name}`), auth: authOptionsFrom(options) }),
        { parseJson: false },
      );
      const fromProjenrc = Testing.synth(
        new AmplifyTokenApp({ name: model.projectName, outdir: tempOutdir(`rc-b-${name}`), auth: projenrcAuthOptions(model) }),
        { parseJson: false },
      );
      expect(fromProjenrc).toEqual(fromOptions);
    });
  });

  it('the README example’s options are valid', () => {
    expect(() => buildModel({ projectName: 'my-app', ...(authLiteral(README_EXAMPLES['readme-app']) as RawOptions) })).not.toThrow();
  });

  it('every rendered .projenrc.ts type-checks against the package’s projen API (strict, Node ESM)', () => {
    const dir = join(PROJEN_WORK_DIR, `projenrc-typecheck-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    const files = SETS.map(({ name, options }) => {
      const file = join(dir, `${name}.projenrc.ts`);
      writeFileSync(file, renderProjenrc(buildModel(options)));
      return file;
    });
    // The README's examples, as written there.
    for (const [name, text] of Object.entries(README_EXAMPLES)) {
      const file = join(dir, `${name}.projenrc.ts`);
      writeFileSync(file, text);
      files.push(file);
    }
    // A typo in an option must fail too, or the check proves little.
    const typo = join(dir, 'typo.projenrc.ts');
    writeFileSync(typo, renderProjenrc(buildModel({})).replace("preTokenVersion: 'V2_0'", "preTokenVersion: 'V2'"));

    const program = ts.createProgram([...files, typo], {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true,
      skipLibCheck: true,
      noEmit: true,
      types: ['node'],
      // The package as installed exposes ./projen (dist); here, the sources it is built from.
      paths: { [PROJEN_MODULE]: [join(ROOT, 'src/projen/index.ts')] },
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((diagnostic) => ({
      file: diagnostic.file?.fileName.replace(`${dir}/`, ''),
      message: ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'),
    }));
    expect(diagnostics.filter((diagnostic) => diagnostic.file !== 'typo.projenrc.ts')).toEqual([]);
    expect(diagnostics.filter((diagnostic) => diagnostic.file === 'typo.projenrc.ts').map((d) => d.message).join('\n')).toContain(
      `Type '"V2"' is not assignable to type`,
    );
    rmSync(dir, { recursive: true, force: true });
  });
});
