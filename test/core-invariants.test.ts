// The invariants a run checks before writing (src/core/invariants.ts), read from file contents:
// every generated variant satisfies them with every fact established; hand-edited files are read
// conservatively (a violation when the facts are clear, "unknown" when the code is not simple).
import { describe, expect, it } from 'vitest';
import { buildModel, renderProject } from '../src/core/index.js';
import { BACKEND_FILE, checkInvariants, PRE_TOKEN_HANDLER_FILE } from '../src/core/invariants.js';
import { VARIANTS } from './verify/variants.js';

const project = (options = {}) => renderProject(buildModel({ projectName: 'app', ...options }));
const check = (files: Map<string, string>) => checkInvariants((path) => files.get(path));
/** A copy of `files` with `path` edited; the edit must change it. */
function edited(files: Map<string, string>, path: string, edit: (text: string) => string): Map<string, string> {
  const text = edit(files.get(path)!);
  expect(text, `the edit of ${path}`).not.toBe(files.get(path));
  return new Map(files).set(path, text);
}

describe('generated projects', () => {
  it.each(VARIANTS.map((variant) => [variant.name, variant.options] as const))('%s: no violation, every fact read', (_name, options) => {
    expect(check(renderProject(buildModel(options)))).toEqual({ violations: [], unknown: [] });
  });
});

describe('hand-edited files', () => {
  const v2 = project();

  it('a claim attribute added to writeAttributes is a violation naming both files', () => {
    const report = check(edited(v2, BACKEND_FILE, (text) => text.replace("  'zoneinfo',\n", "  'zoneinfo',\n  'custom:tenant_id',\n")));
    expect(report.violations).toHaveLength(1);
    expect(report.violations[0]!.files).toEqual([PRE_TOKEN_HANDLER_FILE, BACKEND_FILE]);
    expect(report.violations[0]!.message).toContain('reads custom:tenant_id');
  });

  it('no writeAttributes at all: every attribute counts as writable', () => {
    const report = check(edited(v2, BACKEND_FILE, (text) => text.replace(/cfnUserPoolClient\.writeAttributes = \[[^\]]*\];\n/, '')));
    expect(report.violations[0]!.message).toContain('sets no writeAttributes for the app client');
  });

  it('a commented-out entry is not read as one', () => {
    expect(check(edited(v2, BACKEND_FILE, (text) => text.replace("  'zoneinfo',\n", "  'zoneinfo',\n  // 'custom:tenant_id',\n"))).violations).toEqual([]);
  });

  it('a list built at run time, or a second client without its own list: unknown, not a violation', () => {
    const computed = check(edited(v2, BACKEND_FILE, (text) => text.replace(/writeAttributes = \[/, 'writeAttributes = [...extra, ')));
    expect(computed).toMatchObject({ violations: [], unknown: [{ files: [BACKEND_FILE] }] });
    const secondClient = check(edited(v2, BACKEND_FILE, (text) => `${text}\nbackend.auth.resources.userPool.addClient('native');\n`));
    expect(secondClient.unknown[0]!.message).toContain('2 app clients and 1 writeAttributes list');
  });

  it('a handler that reads attributes by names built at run time, or all at once: unknown', () => {
    const built = check(edited(v2, PRE_TOKEN_HANDLER_FILE, (text) => `${text}\nconst byName = (name: string) => 'custom:' + name;\n`));
    expect(built.unknown[0]!.message).toContain("builds attribute names at run time");
    const templated = check(edited(v2, PRE_TOKEN_HANDLER_FILE, (text) => `${text}\nconst byName = (name: string) => \`custom:\${name}\`;\n`));
    expect(templated.unknown[0]!.message).toContain('template literals');
    const wholesale = check(edited(v2, PRE_TOKEN_HANDLER_FILE, (text) => text.replace('const attributes = event.request.userAttributes;', 'const attributes = { ...event.request.userAttributes };')));
    expect(wholesale.unknown[0]!.message).toContain('as a whole');
  });

  it('an escaped attribute name is read as its value', () => {
    const files = edited(v2, PRE_TOKEN_HANDLER_FILE, (text) => text.replace("'custom:tenant_id'", "'custom:\\u0074heme'"));
    const report = check(edited(files, BACKEND_FILE, (text) => text.replace("  'zoneinfo',\n", "  'zoneinfo',\n  'custom:theme',\n")));
    expect(report.violations[0]!.message).toContain('reads custom:theme');
  });

  it('the version attached and the handler’s shape must agree, whichever way they are written', () => {
    const v1Handler = project({ preTokenVersion: 'V1_0' }).get(PRE_TOKEN_HANDLER_FILE)!;
    expect(check(new Map(v2).set(PRE_TOKEN_HANDLER_FILE, v1Handler)).violations[0]!.message).toContain(
      'attaches pre token generation V2_0, but amplify/auth/pre-token-generation/handler.ts answers with claimsOverrideDetails (V1_0)',
    );
    const override = edited(v2, BACKEND_FILE, (text) => `${text}\ncfnUserPool.addPropertyOverride('LambdaConfig.PreTokenGenerationConfig', { LambdaVersion: 'V3_0' });\n`);
    expect(check(override).unknown[0]!.message).toContain('more than one version (V2_0, V3_0)');
    const indexed = edited(v2, BACKEND_FILE, (text) => text.replace('LambdaVersion.V2_0', "LambdaVersion['V2_0']"));
    expect(check(indexed)).toMatchObject({ violations: [], unknown: [{ files: [BACKEND_FILE] }] });
    const l1 = edited(v2, BACKEND_FILE, (text) => text.replace('LambdaVersion.V2_0', 'LambdaVersion.V3_0'));
    expect(check(l1)).toEqual({ violations: [], unknown: [] });
  });

  it('a handler of a removed trigger, attached nowhere, is not checked', () => {
    const noTrigger = project({ triggers: 'preSignUp' });
    expect(check(new Map(noTrigger).set(PRE_TOKEN_HANDLER_FILE, '// reads custom:anything\nconst x = "custom:theme";\n'))).toEqual({ violations: [], unknown: [] });
  });
});
