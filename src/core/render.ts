// Model → files. Which files a project has is decided here; what each file says is decided by
// its template in templates/, which mirrors the tree it produces.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ejs from 'ejs';
import {
  DEFINE_AUTH_PRE_TOKEN_VERSION,
  FEATURE_PLAN_INFO,
  type FeaturePlan,
  PLAN_FOR_THREAT_PROTECTION,
  PRE_TOKEN_VERSION_INFO,
  type PreTokenVersion,
  THREAT_PROTECTION_INFO,
  type ThreatProtectionMode,
} from './cognito.js';
import { type CustomAttribute, formatAttributeSpec } from './attributes.js';
import { hasTrigger, type ProjectModel, protectsCustomAuth } from './model.js';
import { clientCredentialsEvent, type TriggerInfo } from './triggers.js';
import { clampToRange, fitLength, sampleAttributeValue, sampleClaimValue, sampleEventFor, sampleUserAttributes } from './samples.js';
import { ADMIN_SDK_DEPENDENCY, APP_DEPENDENCIES, APP_DEV_DEPENDENCIES, DATA_SIMULATOR_DEPENDENCIES, SCAFFOLDER_PACKAGE } from './versions.js';
import { TENANT_DATA } from './data/tenant.js';
import { Escaped, jsonText, mdCellCode, mdCode, mdText, templateOutput, tsKey, tsLiteral, tsString } from './escape.js';
import { readmeCommands } from './readme-commands.js';
import { ownPackage, ownPackageRoot } from './own-package.js';

/** templates/ at the package root; generated projects pin this package's own version. */
export const TEMPLATES_DIR = join(ownPackageRoot(), 'templates') + '/';
const SCAFFOLDER_VERSION = ownPackage().version;

/** Relative path → file content, in a stable order. */
export type FileMap = Map<string, string>;

/** Template path (under templates/) → output path, for files every project has. */
const PROJECT_FILES: [template: string, output: string][] = [
  ['package.json.ejs', 'package.json'],
  ['README.md.ejs', 'README.md'],
  // npm drops files named .gitignore from published packages, so the template has another name.
  ['_gitignore.ejs', '.gitignore'],
  ['vitest.config.ts.ejs', 'vitest.config.ts'],
  ['amplify/package.json.ejs', 'amplify/package.json'],
  ['amplify/tsconfig.json.ejs', 'amplify/tsconfig.json'],
  ['amplify/backend.ts.ejs', 'amplify/backend.ts'],
  ['amplify/auth/resource.ts.ejs', 'amplify/auth/resource.ts'],
  ['amplify/data/resource.ts.ejs', 'amplify/data/resource.ts'],
];

/** With --tenant-claim: the offline check that each tenant's records stay its own. */
const TENANT_ISOLATION_TEST = 'amplify/data/tenant-isolation.test.ts';

/** Every trigger's resource.ts has the same shape; handlers and their tests are per trigger. */
const TRIGGER_RESOURCE_TEMPLATE = 'amplify/auth/_trigger/resource.ts.ejs';
const TRIGGER_FILES = ['handler.ts', 'handler.test.ts'];

export function renderProject(model: ProjectModel): FileMap {
  const view = createView(model);
  const files: FileMap = new Map();
  for (const [template, output] of PROJECT_FILES) {
    files.set(output, renderTemplate(template, view));
  }
  if (model.tenantClaim) files.set(TENANT_ISOLATION_TEST, renderTemplate(`${TENANT_ISOLATION_TEST}.ejs`, view));
  for (const trigger of model.triggers) {
    const triggerView = { ...view, trigger };
    const dir = `amplify/auth/${trigger.folder}`;
    files.set(`${dir}/resource.ts`, renderTemplate(TRIGGER_RESOURCE_TEMPLATE, triggerView));
    for (const file of TRIGGER_FILES) {
      files.set(`${dir}/${file}`, renderTemplate(`${dir}/${file}.ejs`, triggerView));
    }
  }
  return files;
}

/**
 * Everything a template may use: the model, facts about the choices, and the escaping helpers.
 * Option values reach the output only through the helpers (each returns Escaped text for its
 * target); `<%= %>` refuses any other string that is not inert (escape.ts).
 */
function createView(model: ProjectModel) {
  const version = model.preTokenVersion ? PRE_TOKEN_VERSION_INFO[model.preTokenVersion] : undefined;
  const usesConfigVersion = model.preTokenVersion !== undefined && model.preTokenVersion !== DEFINE_AUTH_PRE_TOKEN_VERSION;
  const claimSources = uniqueBy([...model.idTokenClaims, ...model.accessTokenClaims], (source) => source.claim);
  const setsProtectedAttributes = model.postConfirmationSets.length > 0;
  const escaped =
    <T extends unknown[]>(write: (...args: T) => string) =>
    (...args: T) =>
      new Escaped(write(...args));
  return {
    model,
    /** The pre token generation version's facts (cognito.ts), when the trigger is chosen. */
    version,
    /** Triggers attached through defineAuth; V2_0/V3_0 pre token generation is attached in backend.ts. */
    authTriggers: model.triggers.filter((trigger) => !(usesConfigVersion && trigger.name === 'preTokenGeneration')),
    usesConfigVersion,
    onPlus: model.featurePlan === PLAN_FOR_THREAT_PROTECTION,
    protectsCustomAuth: protectsCustomAuth(model),
    claimSources,
    setsProtectedAttributes,
    startingValue: escaped(startingValue),
    dependencies: APP_DEPENDENCIES,
    testScript: model.triggers.length > 0 ? 'vitest run' : 'vitest run --passWithNoTests',
    devDependencies: sortKeys({
      ...APP_DEV_DEPENDENCIES,
      ...(setsProtectedAttributes ? ADMIN_SDK_DEPENDENCY : {}),
      ...(model.tenantClaim ? DATA_SIMULATOR_DEPENDENCIES : {}),
      [SCAFFOLDER_PACKAGE]: SCAFFOLDER_VERSION,
    }),
    /** The --tenant-claim data model's names (constants). */
    tenant: TENANT_DATA,
    /** This package's own descriptions of the choices: constant text, safe in comments and Markdown. */
    fact: {
      customizes: (value: PreTokenVersion) => new Escaped(PRE_TOKEN_VERSION_INFO[value].customizes),
      unlocks: (value: FeaturePlan) => new Escaped(FEATURE_PLAN_INFO[value].unlocks),
      means: (value: ThreatProtectionMode) => new Escaped(THREAT_PROTECTION_INFO[value].means),
    },
    commands: readmeCommands(model),
    sampleUserAttributes: sampleUserAttributes(model),
    sampleEventFor: (trigger: TriggerInfo) => sampleEventFor(trigger, model),
    clientCredentialsEvent,
    sampleAttributeValue,
    sampleClaimValue,
    formatAttributeSpec,
    hasTrigger: (name: Parameters<typeof hasTrigger>[1]) => hasTrigger(model, name),
    /** Escaped text joined with a separator that is itself constant text. */
    join: (items: unknown[], separator: string) => new Escaped(items.map(templateOutput).join(separator)),
    // TypeScript
    str: escaped(tsString),
    key: escaped(tsKey),
    ts: escaped(tsLiteral),
    // JSON
    json: escaped(jsonText),
    // Markdown: inline text, a code span, a code span inside a table cell
    md: escaped(mdText),
    code: escaped(mdCode),
    cellCode: escaped(mdCellCode),
    // Shell commands come whole from readme-commands.ts (`commands`), each value one shellWord.
  };
}

/**
 * A TypeScript expression for the value postConfirmation gives a new user: a placeholder that
 * satisfies the attribute's type and constraints, so the first deployment works as generated.
 */
function startingValue(attribute: CustomAttribute): string {
  switch (attribute.type) {
    case 'String':
      return tsString(fitLength('unassigned', attribute, '_'));
    case 'Number':
      return tsString(String(clampToRange(0, attribute)));
    case 'Boolean':
      return tsString('false');
    case 'DateTime':
      return 'new Date().toISOString()';
  }
}

const compiled = new Map<string, ejs.TemplateFunction>();

function renderTemplate(template: string, view: object): string {
  let render = compiled.get(template);
  if (!render) {
    const filename = TEMPLATES_DIR + template;
    const source = readFileSync(filename, 'utf8');
    // Output is code and Markdown, not HTML: `<%= %>` takes only what the view's helpers escaped
    // for their target, and inert names (escape.ts). Templates do not use `<%- %>` (a test checks).
    // EJS also passes the file name through `escape` when it reports an error in the template.
    const escape = (value: unknown) => (value === filename ? filename : templateOutput(value));
    render = ejs.compile(source, { filename, escape, strict: true, localsName: 'it' });
    compiled.set(template, render);
  }
  return render(view);
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(key(item)) && seen.add(key(item)));
}

function sortKeys<T extends Record<string, string>>(record: T): T {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b))) as T;
}
