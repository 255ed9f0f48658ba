// doctor against the article's mistakes and the data-rule ones: each fixture in
// test/fixtures/doctor/ is copied into test/.work/fixtures/, given the verified dependency install
// as node_modules, type-checked with it, and inspected with the built bin as a user runs it
// (`doctor <dir> --json`). Each must be caught with its named finding (a correct one must stay
// clean); two also go through the offline tenant isolation check. Plus the failures doctor must
// explain with exit 2.
import { cpSync, mkdirSync, readdirSync, rmSync, symlinkSync, copyFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../src/core/doctor/index.js';
import { checkTenantIsolation, type TenantIsolationReport } from '../src/inspect/data/index.js';
import { ensureBuilt, ROOT, runBin } from './cli-helpers.js';
import { childEnv, DEPS_BIN, DEPS_LOCK_FILE, DEPS_NODE_MODULES, ensureDeps, WORK_DIR } from './verify/deps.js';
import { createQueue } from './verify/jobs.js';

const SLOW = 600_000;
const SOURCES = join(ROOT, 'test', 'fixtures', 'doctor');
const FIXTURES_DIR = join(WORK_DIR, 'fixtures');

/**
 * Fixture → the finding it exists to produce: an error (exactly that one error, exit 1), a warning
 * (no error, exit 0), or none at all (`id: null`, a correct project that must stay clean).
 */
const EXPECTED: Record<string, { id: Finding['id'] | null; resource?: RegExp; severity?: Finding['severity']; problem?: RegExp }> = {
  'v2-version-without-arn': { id: 'pre-token-config-incomplete', resource: /LambdaConfig\.PreTokenGenerationConfig/ },
  'lambda-config-replaced': { id: 'trigger-not-in-lambda-config', resource: /^presignuplambda/ },
  'v2-outside-define-auth': { id: 'trigger-permission-missing', resource: /^pretokengenerationlambda/ },
  'v2-function-in-function-stack': { id: 'trigger-permission-missing', resource: /^pretokengenerationlambda/ },
  'v1-handler-under-v2': { id: 'handler-response-shape', resource: /^pretokengenerationlambda/ },
  'threat-protection-on-essentials': { id: 'threat-protection-plan', resource: /AdvancedSecurityMode/ },
  'writable-tenant-claim': { id: 'claim-from-writable-attribute', resource: /WriteAttributes/ },
  'data-claim-in-id-token-only': { id: 'data-claim-not-in-access-token', resource: /^data Invoice/, problem: /only the ID token carries tenant_id/ },
  'data-claim-in-no-token': { id: 'data-claim-not-in-access-token', resource: /^data Invoice/, problem: /neither token carries tenantId/ },
  'data-groups-claim-in-id-token-only': {
    id: 'data-claim-not-in-access-token',
    resource: /^data Invoice/,
    problem: /allow\.groupsDefinedIn\('tenantId'\)\.withClaimIn\('tenant_id'\).*only the ID token carries tenant_id/,
  },
  'data-tenant-reassignable': { id: 'data-tenant-reassignable', severity: 'warning', resource: /^data Invoice\.tenantId$/ },
  'data-tenant-rule-correct': { id: null },
};

const queue = createQueue(2);
const doctorRuns = new Map<string, Promise<{ exitCode: number; stdout: string; stderr: string }>>();
let isolation: Promise<TenantIsolationReport> | undefined;
let typecheck: Promise<{ exitCode: number; output: string }>;

beforeAll(async () => {
  await Promise.all([ensureDeps(), ensureBuilt()]);
  rmSync(FIXTURES_DIR, { recursive: true, force: true });
  mkdirSync(FIXTURES_DIR, { recursive: true });
  for (const name of Object.keys(EXPECTED)) {
    const dir = join(FIXTURES_DIR, name);
    cpSync(join(SOURCES, name), dir, { recursive: true });
    // What `npm install` would leave: a lock file (Amplify's bundler needs one) and node_modules.
    copyFileSync(DEPS_LOCK_FILE, join(dir, 'package-lock.json'));
    symlinkSync(relative(dir, DEPS_NODE_MODULES), join(dir, 'node_modules'), 'dir');
  }
  writeFileSync(
    join(FIXTURES_DIR, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { target: 'es2022', module: 'es2022', moduleResolution: 'bundler', strict: true, skipLibCheck: true, noEmit: true, typeRoots: [join(DEPS_NODE_MODULES, '@types')] },
      include: ['*/amplify/**/*.ts'],
    }),
  );
  typecheck = queue.schedule('type-check fixtures', async () => {
    const result = await execa(join(DEPS_BIN, 'tsc'), ['-p', join(FIXTURES_DIR, 'tsconfig.json'), '--pretty', 'false'], {
      cwd: FIXTURES_DIR, reject: false, all: true, extendEnv: false, env: childEnv(),
    });
    return { exitCode: result.exitCode ?? -1, output: result.all ?? '' };
  });
  for (const name of Object.keys(EXPECTED)) {
    doctorRuns.set(
      name,
      queue.schedule(`doctor ${name}`, async () => {
        const result = await runBin(['doctor', name, '--json'], { cwd: FIXTURES_DIR, env: childEnv() });
        return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
      }),
    );
  }
  isolation = queue.schedule('tenant isolation data-tenant-reassignable', () =>
    checkTenantIsolation({
      projectDir: join(FIXTURES_DIR, 'data-tenant-reassignable'),
      model: 'Invoice',
      tenantField: 'tenantId',
      tenantAttribute: 'tenant_id',
      env: childEnv(),
    }),
  );
}, SLOW);

describe('doctor catches the article\'s mistakes (fixtures in test/fixtures/doctor)', () => {
  it('every fixture is in the table, and type-checks against the pinned packages', { timeout: SLOW }, async () => {
    expect(readdirSync(SOURCES).filter((entry) => entry !== 'README.md').sort()).toEqual(Object.keys(EXPECTED).sort());
    const result = await typecheck;
    expect(result.exitCode, `fixtures do not type-check:\n${result.output}`).toBe(0);
  });

  it.each(Object.entries(EXPECTED).map(([name, expected]) => [name, expected.id ?? 'clean', expected] as const))('%s → %s', { timeout: SLOW }, async (name, _id, expected) => {
    const run = await doctorRuns.get(name)!;
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as { findings: Finding[] };
    if (expected.id === null) {
      expect(report.findings, `${name} is correct: no finding`).toEqual([]);
      expect(run.exitCode).toBe(0);
      return;
    }
    const severity = expected.severity ?? 'error';
    // Exactly the one mistake the fixture makes: no noise around it.
    const found = report.findings.filter((finding) => finding.severity === severity);
    expect(found.map((finding) => finding.id), `${name} findings:\n${run.stdout}`).toEqual([expected.id]);
    expect(found[0]!.resource).toMatch(expected.resource!);
    if (expected.problem) expect(found[0]!.problem).toMatch(expected.problem);
    expect(found[0]!.fix.length).toBeGreaterThan(20);
    if (severity === 'warning') {
      expect(report.findings.filter((finding) => finding.severity === 'error'), `${name}: no error`).toEqual([]);
      expect(run.exitCode, 'warnings only exit 0').toBe(0);
    } else {
      expect(run.exitCode, 'an error-level finding exits 1').toBe(1);
    }
  });
});

describe('the offline tenant isolation check on hand-written projects (create-amplify-token-app/data)', () => {
  // The generated projects pass it (test/verify.e2e.test.ts); here it must fail, and only where
  // the rule is wrong: without a field rule an owner may update tenantId, to another tenant or to
  // none at all.
  it('data-tenant-reassignable: the moves out of the tenant go through, nothing else', { timeout: SLOW }, async () => {
    const report = await isolation!;
    expect(report.checks.length).toBe(14);
    const wrong = report.checks.filter((check) => check.outcome !== check.expected);
    expect(wrong.map((check) => check.description), JSON.stringify(wrong, null, 2)).toEqual([
      'the acme-corp user cannot move their Invoice into tenant globex-inc (update tenantId)',
      'the acme-corp user cannot move their Invoice out of every tenant (update tenantId to null)',
    ]);
    expect(wrong[0]!.detail).toMatch(/"tenantId":"globex-inc"/);
  });
});

describe('doctor and preview say why they cannot inspect, exit 2', () => {
  it('a directory without amplify/backend.ts', async () => {
    const result = await runBin(['doctor', ROOT], { cwd: ROOT });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/has no amplify\/backend\.ts/);
  });

  it('a project whose packages are not installed', async () => {
    const result = await runBin(['preview', join(SOURCES, 'writable-tenant-claim')], { cwd: ROOT });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/tsx, aws-cdk-lib, @aws-amplify\/backend are not installed\. Run npm install/);
  });

  it('a backend that does not synthesize: the synthesis error is shown', { timeout: SLOW }, async () => {
    const dir = join(FIXTURES_DIR, 'broken');
    cpSync(join(SOURCES, 'threat-protection-on-essentials'), dir, { recursive: true });
    symlinkSync(relative(dir, DEPS_NODE_MODULES), join(dir, 'node_modules'), 'dir');
    writeFileSync(join(dir, 'amplify', 'backend.ts'), "throw new Error('backend exploded on purpose');\n");
    const result = await runBin(['doctor', dir], { cwd: ROOT, env: childEnv() });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/does not synthesize/);
    expect(result.stderr).toMatch(/backend exploded on purpose/);
  });

  it('bad arguments name the value', async () => {
    const flag = await runBin(['doctor', '--verbose'], { cwd: ROOT });
    expect(flag.exitCode).toBe(2);
    expect(flag.stderr).toMatch(/--verbose/);
    const user = await runBin(['preview', '.', '--user', 'tenant'], { cwd: ROOT });
    expect(user.exitCode).toBe(2);
    expect(user.stderr).toMatch(/--user "tenant" is not key=value/);
  });
});
