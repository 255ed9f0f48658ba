// The built bin, run as a user runs it (node bin/create-amplify-token-app.js, stdin not a
// terminal): flags, --config, bad input, the target directory rules, --help, --version, install.
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SWITCH_FLAGS, VALUE_FLAGS } from '../src/cli/flags.js';
import { buildModel, modelToOptions, type RawOptions, renderProject } from '../src/core/index.js';
import { ownPackage } from '../src/core/own-package.js';
import { newRecord, recordFileText } from '../src/core/record.js';
import { linkCheckout } from '../src/cli/checkout-link.js';
import { ensureBuilt, listFiles, readTree, ROOT, runBin } from './cli-helpers.js';

const WORK = join(ROOT, 'test/.work/cli/bin');
let counter = 0;

/** A fresh, empty working directory for one test. */
function workDir(): string {
  const dir = join(WORK, `run-${++counter}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * What the core produces for these options, plus the .yo-rc.json the generator stores; run from
 * this checkout, the project in `dir` links it (test/cli-checkout-link.test.ts).
 */
function expectedTree(options: RawOptions, dir: string): Map<string, string> {
  const model = buildModel(options);
  const files = linkCheckout(renderProject(model), dir);
  files.set('.yo-rc.json', recordFileText({}, newRecord(ownPackage().version, options, modelToOptions(model), linkCheckout(renderProject(model), dir))));
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

function yoRc(dir: string) {
  return JSON.parse(readFileSync(join(dir, '.yo-rc.json'), 'utf8'))['create-amplify-token-app'].options;
}

beforeAll(async () => {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  await ensureBuilt();
}, 120_000);

describe('--help and --version', () => {
  it('--help lists every flag with defaults and allowed values, exit 0', async () => {
    const result = await runBin(['--help'], { cwd: workDir() });
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    for (const flag of VALUE_FLAGS) {
      expect(result.stdout).toContain(`--${flag.flag} ${flag.value}`);
      expect(result.stdout).toContain(`default: ${flag.default}`);
      if (flag.allowed) expect(result.stdout).toContain(`allowed: ${flag.allowed}`);
      if (flag.alias) expect(result.stdout).toContain(`--${flag.alias}`);
    }
    for (const flag of SWITCH_FLAGS) expect(result.stdout).toContain(`--${flag.flag}`);
    expect(result.stdout).toContain('-y, --yes');
    expect(result.stdout).toContain('--config <file.json>');
  });

  it('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const result = await runBin(['--version'], { cwd: workDir() });
    expect(result).toMatchObject({ exitCode: 0, stdout: version, stderr: '' });
  });

  it('--help wins over everything else and writes nothing', async () => {
    const cwd = workDir();
    const result = await runBin(['my-app', '--yes', '--help'], { cwd });
    expect(result.exitCode).toBe(0);
    expect(listFiles(cwd)).toEqual([]);
  });
});

describe('generating with flags', () => {
  it('--yes --skip-install writes exactly the core’s files and .yo-rc.json with the options', async () => {
    const cwd = workDir();
    const result = await runBin(['my-app', '--yes', '--skip-install'], { cwd });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const tree = readTree(join(cwd, 'my-app'));
    expect(tree).toEqual(expectedTree({ projectName: 'my-app' }, join(cwd, 'my-app')));
    expect(yoRc(join(cwd, 'my-app'))).toEqual({
      projectName: 'my-app',
      triggers: ['preSignUp', 'preTokenGeneration'],
      preTokenVersion: 'V2_0',
      featurePlan: 'ESSENTIALS',
      threatProtection: 'OFF',
      attributes: ['tenant_id:String'],
      idTokenClaims: ['tenant_id'],
      accessTokenClaims: ['tenant_id'],
      suppressClaims: [],
      scopesToAdd: [],
    });
    expect(result.stdout).toContain('create my-app/package.json');
    expect(result.stdout).toMatch(/Next steps:\n {2}cd my-app\n {2}npm install\n {2}npm test\n {2}npx ampx sandbox/);
  });

  it('takes every flag, the alias included, and reports the core’s notice', async () => {
    const cwd = workDir();
    const result = await runBin(
      [
        'tenant-app',
        '--yes',
        '--skip-install',
        '--triggers', 'preSignUp,preTokenGeneration,postConfirmation',
        '--pre-token-version', 'v3',
        '--advanced-security', 'AUDIT',
        '--attributes', 'custom:tenant_id:String:immutable:1-64,score:Number:0-100,is_admin:Boolean',
        '--id-token-claims', 'tenant_id,is_admin',
        '--access-token-claims', 'tenant_id',
        '--suppress-claims', 'email',
        '--scopes-to-add', 'api/read',
      ],
      { cwd },
    );
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('Feature plan PLUS chosen: threat protection AUDIT needs it.');
    const options = yoRc(join(cwd, 'tenant-app'));
    expect(options).toEqual({
      projectName: 'tenant-app',
      triggers: ['postConfirmation', 'preSignUp', 'preTokenGeneration'],
      preTokenVersion: 'V3_0',
      featurePlan: 'PLUS',
      threatProtection: 'AUDIT',
      attributes: ['tenant_id:String:immutable:1-64', 'score:Number:0-100', 'is_admin:Boolean'],
      idTokenClaims: ['tenant_id', 'is_admin'],
      accessTokenClaims: ['tenant_id'],
      suppressClaims: ['email'],
      scopesToAdd: ['api/read'],
    });
    // The stored options build the same project again (.yo-rc.json also holds the flags as given).
    const withoutRecord = (tree: Map<string, string>) => new Map([...tree].filter(([path]) => path !== '.yo-rc.json'));
    expect(withoutRecord(readTree(join(cwd, 'tenant-app')))).toEqual(withoutRecord(expectedTree(options, join(cwd, 'tenant-app'))));
  });

  it('without --yes and without a terminal asks nothing and uses the defaults', async () => {
    const cwd = workDir();
    const result = await runBin(['--skip-install'], { cwd });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).not.toContain('?');
    expect(readTree(join(cwd, 'amplify-token-app'))).toEqual(expectedTree({ projectName: 'amplify-token-app' }, join(cwd, 'amplify-token-app')));
  });

  it('"." generates into the current directory, named after it; .git alone does not make it non-empty', async () => {
    const cwd = join(workDir(), 'dot-app');
    mkdirSync(join(cwd, '.git'), { recursive: true });
    writeFileSync(join(cwd, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    const result = await runBin(['.', '--yes', '--skip-install'], { cwd });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(yoRc(cwd).projectName).toBe('dot-app');
    expect(result.stdout).not.toContain('cd ');
    expect(readFileSync(join(cwd, '.git', 'HEAD'), 'utf8')).toBe('ref: refs/heads/main\n');
  });

  it('uses the package manager from npm_config_user_agent in the next steps', async () => {
    const cwd = workDir();
    const result = await runBin(['pnpm-app', '--yes', '--skip-install'], { cwd, env: { npm_config_user_agent: 'pnpm/9.12.0 npm/? node/v20.20.2 linux x64' } });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/ {2}cd pnpm-app\n {2}pnpm install\n {2}pnpm test\n/);
  });
});

describe('--config', () => {
  it('reads the options from the file; flags win over it', async () => {
    const cwd = workDir();
    writeFileSync(
      join(cwd, 'team.json'),
      JSON.stringify({
        triggers: ['preSignUp', 'preTokenGeneration', 'customMessage'],
        preTokenVersion: 'V1_0',
        featurePlan: 'LITE',
        attributes: 'tenant_id:String:immutable,plan:String',
        idTokenClaims: ['tenant_id', 'plan'],
        suppressClaims: ['email'],
      }),
    );
    const result = await runBin(['team-app', '--yes', '--skip-install', '--config', 'team.json', '--feature-plan', 'ESSENTIALS', '--id-token-claims', 'plan'], { cwd });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(yoRc(join(cwd, 'team-app'))).toMatchObject({
      projectName: 'team-app',
      triggers: ['customMessage', 'preSignUp', 'preTokenGeneration'],
      preTokenVersion: 'V1_0',
      featurePlan: 'ESSENTIALS',
      attributes: ['tenant_id:String:immutable', 'plan:String'],
      idTokenClaims: ['plan'],
      accessTokenClaims: [],
      suppressClaims: ['email'],
    });
  });

  it('takes the directory from projectName when no directory is given', async () => {
    const cwd = workDir();
    writeFileSync(join(cwd, 'named.json'), JSON.stringify({ projectName: 'from-config' }));
    const result = await runBin(['--yes', '--skip-install', '--config', 'named.json'], { cwd });
    expect(result.exitCode).toBe(0);
    expect(yoRc(join(cwd, 'from-config')).projectName).toBe('from-config');
  });

  it.each([
    ['a missing file', 'absent.json', undefined, 'Error: Config file "absent.json" does not exist.'],
    ['invalid JSON', 'broken.json', '{ "triggers": [', 'Error: Config file "broken.json" is not valid JSON'],
    ['an unknown key', 'unknown.json', '{ "plan": "PLUS" }', 'Error: Config file "unknown.json": unknown key "plan". Allowed:'],
    ['a bad value in it', 'bad.json', '{ "featurePlan": "GOLD" }', 'Error: Unknown --feature-plan value "GOLD". Allowed: LITE, ESSENTIALS, PLUS.'],
  ])('refuses %s: exit 1, nothing written', async (_name, file, text, message) => {
    const cwd = workDir();
    if (text !== undefined) writeFileSync(join(cwd, file), text);
    const result = await runBin(['config-app', '--yes', '--skip-install', '--config', file], { cwd });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(join(cwd, 'config-app'))).toBe(false);
  });
});

describe('bad input: one line naming the value, exit 1, nothing written', () => {
  it.each<[string, string[], string]>([
    ['unknown flag', ['--colour', 'red'], 'Unknown flag "--colour".'],
    ['flag without its value', ['--triggers'], 'Flag --triggers needs a value'],
    ['unknown trigger', ['--triggers', 'preSignUp,postSignUp'], 'Unknown trigger "postSignUp". Allowed: createAuthChallenge,'],
    ['unknown version', ['--pre-token-version', 'V4'], 'Unknown pre token generation version "V4". Allowed: V1_0, V2_0, V3_0'],
    ['version without preTokenGeneration', ['--triggers', 'preSignUp', '--pre-token-version', 'V2_0'], '--pre-token-version V2_0 needs the preTokenGeneration trigger'],
    ['V2_0 on LITE', ['--feature-plan', 'LITE', '--pre-token-version', 'V2_0'], 'Pre token generation V2_0 needs feature plan ESSENTIALS or PLUS, not LITE'],
    ['threat protection on ESSENTIALS', ['--threat-protection', 'ENFORCED', '--feature-plan', 'ESSENTIALS'], 'Threat protection ENFORCED needs feature plan PLUS, not ESSENTIALS'],
    ['unknown threat protection mode', ['--advanced-security', 'ON'], 'Unknown --threat-protection value "ON". Allowed: OFF, AUDIT, ENFORCED.'],
    ['access-token claims with V1_0', ['--pre-token-version', 'V1_0', '--access-token-claims', 'tenant_id'], 'V1_0 can only change the ID token, so access-token claims (tenant_id) need V2_0 or V3_0'],
    ['attribute name too long', ['--attributes', 'a_very_long_attribute_name:String'], 'Attribute name "a_very_long_attribute_name" is 26 characters long; Cognito allows 1 to 20'],
    ['duplicate attribute', ['--attributes', 'tenant_id:String,custom:tenant_id:Number'], 'Attribute "tenant_id" is given twice'],
    ['unknown attribute type', ['--attributes', 'tenant_id:Text'], 'Attribute "tenant_id" has unknown type "Text". Allowed: String, Number, Boolean, DateTime.'],
    ['min above max', ['--attributes', 'score:Number:10-1'], 'Attribute "score" has range 10-1: min is greater than max.'],
    ['String length over 2048', ['--attributes', 'bio:String:0-4096'], 'Cognito allows String lengths from 0 to 2048'],
    ['more than 50 attributes', ['--attributes', Array.from({ length: 51 }, (_, i) => `a${i}:String`).join(',')], '51 custom attributes given; Cognito allows at most 50.'],
    ['claim that is not an attribute', ['--id-token-claims', 'role'], '--id-token-claims: "role" is not a chosen custom attribute. Allowed: tenant_id.'],
    ['reserved claim added', ['--attributes', 'sub:String', '--id-token-claims', 'sub'], '--id-token-claims: "sub" is a claim Cognito does not let a trigger add or override'],
    ['reserved claim suppressed', ['--suppress-claims', 'cognito:username'], '--suppress-claims: "cognito:username" is a claim Cognito does not let a trigger suppress'],
    ['scope with a space', ['--scopes-to-add', 'api read'], '--scopes-to-add: "api read" is not an OAuth scope'],
    ['tenant claim with V1_0', ['--pre-token-version', 'V1_0', '--tenant-claim', 'tenant_id'], '--tenant-claim tenant_id: the data rules read the claim from the access token'],
    ['tenant claim not in the access token', ['--attributes', 'tenant_id:String,org:String', '--access-token-claims', 'org', '--tenant-claim', 'tenant_id'], '--tenant-claim tenant_id: "tenant_id" is not among the access-token claims; the data rules read the access token. Allowed: org.'],
    ['tenant claim from a Number attribute', ['--attributes', 'seats:Number', '--tenant-claim', 'seats'], '--tenant-claim seats: the attribute is Number'],
  ])('%s', async (_name, flags, message) => {
    const cwd = workDir();
    const result = await runBin(['bad-app', '--yes', '--skip-install', ...flags], { cwd });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toMatch(/^Error: [^\n]+\n?$/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
    expect(listFiles(cwd)).toEqual([]);
    expect(existsSync(join(cwd, 'bad-app'))).toBe(false);
  });

  it('a directory name that is not an npm package name', async () => {
    const cwd = workDir();
    const result = await runBin(['My_App', '--yes'], { cwd });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('"My_App" is not a valid npm package name');
    expect(existsSync(join(cwd, 'My_App'))).toBe(false);
  });
});

describe('target directory', () => {
  it('refuses a non-empty directory without --force, naming it; --force writes into it', async () => {
    const cwd = workDir();
    const dir = join(cwd, 'taken-app');
    mkdirSync(dir);
    writeFileSync(join(dir, 'notes.md'), 'mine\n');
    writeFileSync(join(dir, 'README.md'), 'old readme\n');

    const refused = await runBin(['taken-app', '--yes', '--skip-install'], { cwd });
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('Directory taken-app is not empty');
    expect(refused.stderr).toContain('--force');
    expect(listFiles(dir)).toEqual(['README.md', 'notes.md']);

    const forced = await runBin(['taken-app', '--yes', '--skip-install', '--force'], { cwd });
    expect(forced.stderr).toBe('');
    expect(forced.exitCode).toBe(0);
    const expected = expectedTree({ projectName: 'taken-app' }, dir);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe(expected.get('README.md'));
    expect(readFileSync(join(dir, 'notes.md'), 'utf8')).toBe('mine\n');
    expect(listFiles(dir)).toEqual([...expected.keys(), 'notes.md'].sort());
  });

  it('refuses a file in the way', async () => {
    const cwd = workDir();
    writeFileSync(join(cwd, 'file-app'), '');
    const result = await runBin(['file-app', '--yes', '--force'], { cwd });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('file-app exists and is not a directory');
  });
});

describe('install (a stand-in npm on PATH: no network)', () => {
  function fakeNpm(dir: string, script: string): Record<string, string> {
    const bin = join(dir, 'fake-bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'npm'), `#!/bin/sh\n${script}\n`);
    chmodSync(join(bin, 'npm'), 0o755);
    return { PATH: `${bin}:${process.env.PATH}` };
  }

  it('runs `npm install` in the project directory after writing it', async () => {
    const cwd = workDir();
    const log = join(cwd, 'npm-calls.txt');
    const env = fakeNpm(cwd, `echo "$* in $(pwd) with $(ls package.json)" >> ${log}`);
    const result = await runBin(['installed-app', '--yes'], { cwd, env });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(readFileSync(log, 'utf8')).toBe(`install in ${join(cwd, 'installed-app')} with package.json\n`);
    expect(result.stdout).toMatch(/Next steps:\n {2}cd installed-app\n {2}npm test\n/);
  });

  it('Ctrl-C during the install: exit 130, one line, the directory this run created is removed', async () => {
    const cwd = workDir();
    const started = join(cwd, 'install-started');
    const env = fakeNpm(cwd, `touch ${started}; sleep 10`);
    const run = runBin(['stopped-app', '--yes'], { cwd, env });
    while (!existsSync(started)) await new Promise((resolve) => setTimeout(resolve, 50));
    run.kill('SIGINT');
    const result = await run;
    expect(result.exitCode).toBe(130);
    expect(result.stderr.trim()).toBe(`Cancelled: removed ${join(cwd, 'stopped-app')}, which this run had created.`);
    expect(existsSync(join(cwd, 'stopped-app'))).toBe(false);
  });

  it('a failed install: exit 1, says what to run, keeps the project', async () => {
    const cwd = workDir();
    const env = fakeNpm(cwd, 'exit 7');
    const result = await runBin(['offline-app', '--yes'], { cwd, env });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(`Error: npm install failed (exit code 7). The project is written in ${join(cwd, 'offline-app')}`);
    expect(existsSync(join(cwd, 'offline-app', 'package.json'))).toBe(true);
  });
});
