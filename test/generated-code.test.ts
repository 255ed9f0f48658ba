// Generated code is safe for any option value the model accepts, hostile ones included (quotes,
// backslashes, ${}, backticks, */, </script>, shell metacharacters, unicode, __proto__):
// - every .ts file parses, and has the same code as the project generated from harmless names:
//   the values change the contents of string literals, and of property names written bare
//   (escape.ts's tsKey writes an identifier-shaped key bare, which defines the same property as
//   quoted), and nothing else (comments included); each of those holds its value exactly;
// - every .json file parses; the README's table, heading and commands show the values exactly;
// - the pre token generation handler, run as written, puts every claim in the tokens, names
//   shared with Object.prototype included;
// - for any option set the model refuses, the CLI says so in one line, exits 1, writes nothing.
// Bounded: FC_PARAMETERS (test/property/arbitraries.ts). Running generated projects' own tests
// with hostile values is test/generated-code.e2e.test.ts.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transformSync } from 'esbuild';
import fc from 'fast-check';
import MarkdownIt, { type Token } from 'markdown-it';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import {
  buildModel,
  type ClaimSource,
  formatAttributeSpec,
  modelToOptions,
  OptionsError,
  PRE_TOKEN_VERSION_INFO,
  type ProjectModel,
  type RawOptions,
  renderProject,
  sampleClaimValue,
  sampleEventFor,
  TRIGGERS,
} from '../src/core/index.js';
import { sampleAttributeValue } from '../src/core/samples.js';
import { renderProjenrc } from '../src/projen/projenrc.js';
import { FC_PARAMETERS, optionSet, parseShellWords } from './property/arbitraries.js';

const markdown = new MarkdownIt();
const outcomes = { accepted: 0, refused: 0 };

describe('generated projects, for any option set', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'generated-code-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('accepted: valid code where option values sit only in string literals; refused: nothing written', async () => {
    await fc.assert(
      fc.asyncProperty(optionSet(), async (options) => {
        let model: ProjectModel;
        try {
          model = buildModel(options);
        } catch (error) {
          if (!(error instanceof OptionsError)) throw error;
          outcomes.refused += 1;
          await expectRefusedByCli(options, error.message, scratch);
          return;
        }
        outcomes.accepted += 1;
        const files = withProjenrc(model, renderProject(model));
        expectValidTypeScript(files);
        expectSameCodeAsHarmlessNames(model, files);
        expectValidJson(model, files);
        expectReadmeShowsValues(model, files.get('README.md')!);
        await expectHandlerPutsEveryClaim(model, files);
      }),
      FC_PARAMETERS,
    );
    // Not vacuous: both kinds of option set were tried, often.
    const runs = FC_PARAMETERS.numRuns ?? 100;
    expect(outcomes.accepted).toBeGreaterThanOrEqual(runs * 0.2);
    expect(outcomes.refused).toBeGreaterThanOrEqual(runs * 0.1);
  });
});

function withProjenrc(model: ProjectModel, files: Map<string, string>): Map<string, string> {
  return new Map([...files, ['.projenrc.ts', renderProjenrc(model)]]);
}

const typescriptFiles = (files: Map<string, string>) => [...files].filter(([path]) => path.endsWith('.ts'));

const checkedSyntax = new Set<string>();

/** The TypeScript compiler's syntax diagnostics for every .ts file: one program, no libraries or imports resolved. */
function expectValidTypeScript(files: Map<string, string>): void {
  // Most files come out the same for many option sets: each text is checked once.
  const sources = new Map(typescriptFiles(files).filter(([, text]) => !checkedSyntax.has(text)).map(([path, text]) => [`/project/${path}`, text]));
  for (const text of sources.values()) checkedSyntax.add(text);
  const host: ts.CompilerHost = {
    getSourceFile: (name, target) => (sources.has(name) ? ts.createSourceFile(name, sources.get(name)!, target) : undefined),
    getDefaultLibFileName: () => '/lib.d.ts',
    writeFile: () => undefined,
    getCurrentDirectory: () => '/project',
    getDirectories: () => [],
    fileExists: (name) => sources.has(name),
    readFile: (name) => sources.get(name),
    getCanonicalFileName: (name) => name,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
  };
  const program = ts.createProgram([...sources.keys()], { noLib: true, noResolve: true, types: [], target: ts.ScriptTarget.ES2022 }, host);
  expect(program.getSourceFiles()).toHaveLength(sources.size);
  const diagnostics = program.getSyntacticDiagnostics().map((diagnostic) => `${diagnostic.file?.fileName}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`);
  expect(diagnostics).toEqual([]);
}

// ---------------------------------------------------------------------------------------------
// The same code as for harmless names

interface Leaf {
  kind: ts.SyntaxKind;
  text: string;
  /** The value of a string literal, or of a property name written bare. */
  value?: string;
}

/**
 * The tokens of a file, comments included (the scanner: fast, and what it reads the same way in
 * both files is the same code; the parser already found the syntax valid). A property name
 * written bare (escape.ts's tsKey does that for identifiers) is data, like a string.
 */
function leaves(text: string): Leaf[] {
  const scanner = ts.createScanner(ts.ScriptTarget.ES2022, false, ts.LanguageVariant.Standard, text);
  const tokens: Leaf[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.WhitespaceTrivia || kind === ts.SyntaxKind.NewLineTrivia) continue;
    // Comments are compared as they are: no value may be in one.
    const literal = kind === ts.SyntaxKind.StringLiteral || kind === ts.SyntaxKind.NoSubstitutionTemplateLiteral;
    tokens.push({ kind, text: literal ? '' : scanner.getTokenText(), ...(literal ? { value: scanner.getTokenValue() } : {}) });
  }
  const code = (from: number, step: 1 | -1) => {
    let index = from + step;
    while (tokens[index] && isComment(tokens[index]!.kind)) index += step;
    return tokens[index]?.kind;
  };
  const isKey = (index: number) =>
    isIdentifierOrKeyword(tokens[index]!.kind) &&
    code(index, 1) === ts.SyntaxKind.ColonToken &&
    (code(index, -1) === ts.SyntaxKind.OpenBraceToken || code(index, -1) === ts.SyntaxKind.CommaToken);
  return (
    tokens
      .map((token, index) => (isKey(index) ? { kind: ts.SyntaxKind.StringLiteral, text: '', value: token.text } : token))
      // A trailing comma depends on whether a literal fit on one line, so on the values' lengths.
      .filter((token, index) => !(token.kind === ts.SyntaxKind.CommaToken && isClosing(code(index, 1))))
  );
}

function isComment(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.SingleLineCommentTrivia || kind === ts.SyntaxKind.MultiLineCommentTrivia;
}

function isIdentifierOrKeyword(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.Identifier || (kind >= ts.SyntaxKind.FirstKeyword && kind <= ts.SyntaxKind.LastKeyword);
}

function isClosing(kind: ts.SyntaxKind | undefined): boolean {
  return kind === ts.SyntaxKind.CloseBracketToken || kind === ts.SyntaxKind.CloseBraceToken || kind === ts.SyntaxKind.CloseParenToken;
}

/**
 * The model's own strings (project name, attribute and claim names, suppressed claims, scopes),
 * each replaced by a harmless one of the same kind for a TypeScript key: an identifier for an
 * identifier, `__proto__` for itself (escape.ts writes it computed), a quoted-key name otherwise.
 */
function harmlessNames(model: ProjectModel): Map<string, string> {
  const values = [model.projectName, ...model.attributes.map((attribute) => attribute.name), ...model.suppressClaims, ...model.scopesToAdd];
  const names = new Map<string, string>();
  for (const value of values) {
    if (names.has(value)) continue;
    const index = names.size;
    names.set(value, value === '__proto__' ? value : /^[A-Za-z_$][\w$]*$/.test(value) ? `zq${index}q` : `zq-${index}q`);
  }
  names.set(model.projectName, `zq-${values.length}q`); // a package name has its own rules: always this one
  return names;
}

function renamed(model: ProjectModel, names: Map<string, string>): RawOptions {
  const options = modelToOptions(model);
  const rename = (value: string) => names.get(value) ?? value;
  return {
    ...options,
    projectName: rename(model.projectName),
    attributes: model.attributes.map((attribute) => formatAttributeSpec({ ...attribute, name: rename(attribute.name) })),
    idTokenClaims: model.idTokenClaims.map((source) => rename(source.claim)),
    accessTokenClaims: model.accessTokenClaims.map((source) => rename(source.claim)),
    suppressClaims: model.suppressClaims.map(rename),
    scopesToAdd: model.scopesToAdd.map(rename),
  };
}

function expectSameCodeAsHarmlessNames(model: ProjectModel, files: Map<string, string>): void {
  const names = harmlessNames(model);
  const harmless = withProjenrc(model, renderProject(buildModel(renamed(model, names))));
  const back = [...names].filter(([value, name]) => value !== name);
  const pattern = back.length > 0 ? new RegExp(back.map(([, name]) => name.replace(/[-]/g, '\\-')).join('|'), 'g') : undefined;
  const original = new Map(back.map(([value, name]) => [name, value]));
  for (const [path, text] of typescriptFiles(files)) {
    if (text === harmless.get(path)) continue; // no value in it
    const actual = leaves(text);
    const expected = leaves(harmless.get(path)!);
    // The code: every token but the strings' contents.
    expect(actual.map(({ kind, text: token }) => [ts.SyntaxKind[kind], token]), path).toEqual(expected.map(({ kind, text: token }) => [ts.SyntaxKind[kind], token]));
    // The strings: the harmless one with the real values put back, exactly.
    const values = expected.map((leaf) => (leaf.value === undefined || !pattern ? leaf.value : leaf.value.replace(pattern, (name) => original.get(name)!)));
    expect(actual.map((leaf) => leaf.value), path).toEqual(values);
  }
}

// ---------------------------------------------------------------------------------------------
// JSON and the README

function expectValidJson(model: ProjectModel, files: Map<string, string>): void {
  for (const [path, text] of files) {
    if (path.endsWith('.json')) expect(() => JSON.parse(text), path).not.toThrow();
  }
  expect(JSON.parse(files.get('package.json')!).name).toBe(model.projectName);
}

function expectReadmeShowsValues(model: ProjectModel, readme: string): void {
  const tokens = markdown.parse(readme, {});
  const inlineText = (token: Token) => (token.children ?? []).map((child) => child.content).join('');
  // The heading is the project name, as text.
  const heading = tokens.findIndex((token) => token.type === 'heading_open' && token.tag === 'h1');
  expect(inlineText(tokens[heading + 1]!)).toBe(model.projectName);
  // The table of choices: one row per option, the values as code spans.
  const rows = new Map<string, string[]>();
  for (let index = 0; index < tokens.length; index++) {
    if (tokens[index]!.type !== 'tr_open') continue;
    const cells = tokens.slice(index).filter((token) => token.type === 'inline').slice(0, 3);
    rows.set(inlineText(cells[0]!), (cells[1]!.children ?? []).filter((child) => child.type === 'code_inline').map((child) => child.content));
  }
  expect(rows.get('custom attributes')).toEqual(model.attributes.map(formatAttributeSpec));
  if (model.preTokenVersion) {
    expect(rows.get('ID token claims')).toEqual(model.idTokenClaims.map((source) => source.claim));
    expect(rows.get('access token claims')).toEqual(model.accessTokenClaims.map((source) => source.claim));
    expect(rows.get('suppressed claims')).toEqual(model.suppressClaims);
    if (model.scopesToAdd.length > 0) expect(rows.get('added scopes')).toEqual(model.scopesToAdd);
  }
  // The commands: one shell word per value, read back exactly.
  const commands = tokens
    .filter((token) => token.type === 'fence' && token.info === 'sh')
    .flatMap((token) => token.content.split('\n'))
    .map((line) => line.trim());
  const preview = commands.find((line) => line.startsWith('npm run preview --'));
  const [previewed] = model.claimAttributes;
  if (model.preTokenVersion && previewed) {
    expect(parseShellWords(preview!)).toEqual(['npm', 'run', 'preview', '--', '--user', `custom:${previewed.name}=${sampleAttributeValue(previewed)}`]);
  } else {
    expect(preview).toBeUndefined();
  }
  const regenerate = commands.find((line) => line.startsWith('npx create-amplify-token-app --regenerate'));
  if (regenerate) {
    const words = parseShellWords(regenerate);
    expect(words.slice(0, 4)).toEqual(['npx', 'create-amplify-token-app', '--regenerate', '--triggers']);
    const triggers = words[4]!.split(',');
    expect(triggers.slice(0, -1)).toEqual(model.triggers.map((trigger) => trigger.name));
    // The example works: the stored options with the new list are a valid project.
    expect(buildModel({ ...modelToOptions(model), triggers }).triggers).toHaveLength(model.triggers.length + 1);
  }
  for (const line of commands.filter((command) => command.startsWith('--user-attributes '))) {
    const [, ...pairs] = parseShellWords(line.replace(/<(value|email)>/g, 'PLACEHOLDER'));
    const names = pairs[0]!.startsWith('[')
      ? (JSON.parse(pairs[0]!) as { Name: string }[]).map((pair) => pair.Name)
      : pairs.map((pair) => /^Name=(.*),Value=PLACEHOLDER$/.exec(pair)![1]!);
    expect(model.claimAttributes.map((attribute) => `custom:${attribute.name}`)).toContain(names.at(-1));
  }
}

// ---------------------------------------------------------------------------------------------
// The handler, run

/** Runs the generated handler.ts: its imports are types only, so with types stripped (esbuild) it is plain JavaScript. */
function loadHandler(source: string): (event: unknown) => Promise<any> {
  const { code } = transformSync(source, { loader: 'ts', format: 'cjs', target: 'node20' });
  const module = { exports: {} as { handler: (event: unknown) => Promise<any> } };
  new Function('exports', 'module', 'require', code)(module.exports, module, () => ({}));
  return module.exports.handler;
}

async function expectHandlerPutsEveryClaim(model: ProjectModel, files: Map<string, string>): Promise<void> {
  if (!model.preTokenVersion) return;
  const folder = TRIGGERS.preTokenGeneration.folder;
  const handler = loadHandler(files.get(`amplify/auth/${folder}/handler.ts`)!);
  const { customizesAccessToken, responseKey } = PRE_TOKEN_VERSION_INFO[model.preTokenVersion];
  const event = sampleEventFor(TRIGGERS.preTokenGeneration, model);
  const expected = (sources: ClaimSource[]) =>
    sources.map((source) => [source.claim, sampleClaimValue(source, customizesAccessToken)]).sort(byName);
  const own = (claims: object | undefined) => Object.entries(claims ?? {}).sort(byName);
  const details = (await handler(event)).response[responseKey];
  if (!customizesAccessToken) {
    expect(own(details.claimsToAddOrOverride)).toEqual(expected(model.idTokenClaims));
    if (model.suppressClaims.length > 0) expect(details.claimsToSuppress).toEqual(model.suppressClaims);
    return;
  }
  expect(own(details.idTokenGeneration?.claimsToAddOrOverride)).toEqual(expected(model.idTokenClaims));
  expect(own(details.accessTokenGeneration?.claimsToAddOrOverride)).toEqual(expected(model.accessTokenClaims));
  if (model.suppressClaims.length > 0) expect(details.accessTokenGeneration.claimsToSuppress).toEqual(model.suppressClaims);
  if (model.scopesToAdd.length > 0) expect(details.accessTokenGeneration.scopesToAdd).toEqual(model.scopesToAdd);
}

const byName = (a: unknown[], b: unknown[]) => String(a[0]).localeCompare(String(b[0]));

// ---------------------------------------------------------------------------------------------
// Refused: the CLI

async function expectRefusedByCli(options: RawOptions, message: string, scratch: string): Promise<void> {
  const cwd = mkdtempSync(join(scratch, 'run-'));
  writeFileSync(join(cwd, 'options.json'), JSON.stringify(options));
  // The directory's name becomes the package name: give the project name as the directory when it is one name.
  const name = options.projectName ?? '';
  const directory = /^[^/\\\0]+$/.test(name) && name !== '.' && name !== '..' ? name : 'app';
  const stderr: string[] = [];
  const io: CliIo = {
    cwd,
    env: {},
    stdinIsTTY: false,
    stdout: () => undefined,
    stderr: (text) => stderr.push(text),
    exit: (code) => {
      throw new Error(`exit ${code}`);
    },
  };
  const code = await main([directory, '--yes', '--skip-install', '--config', 'options.json'], io);
  expect(code).toBe(1);
  expect(stderr.join('')).toMatch(/^Error: [^\n]+\n$/);
  // The same message as the model's, unless the argument parser already refused the directory (a flag, blank).
  if (directory === name && !/^-|^\s*$/.test(name)) expect(stderr.join('')).toContain(message);
  expect(readdirSync(cwd)).toEqual(['options.json']);
}
