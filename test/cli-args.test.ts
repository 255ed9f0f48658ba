// Unit tests of the CLI's pure parts: argument parsing, --config loading and merging, the target
// directory checks and cleanup, package manager detection, --help.
import { mkdirSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCliArgs } from '../src/cli/args.js';
import { checkConfig, loadConfig, mergeOptions } from '../src/cli/config.js';
import { CliError } from '../src/cli/errors.js';
import { SWITCH_FLAGS, VALUE_FLAGS } from '../src/cli/flags.js';
import { helpText } from '../src/cli/help.js';
import { nextSteps } from '../src/cli/next-steps.js';
import { detectPackageManager, runScript } from '../src/cli/package-manager.js';
import { checkTargetDirectory, removeAdded, resolveTarget, snapshotTarget } from '../src/cli/target.js';
import {
  DEFAULTS,
  FEATURE_PLANS,
  OPTION_KEYS,
  OptionsError,
  PRE_TOKEN_VERSIONS,
  THREAT_PROTECTION_MODES,
  TRIGGER_NAMES,
} from '../src/core/index.js';

const WORK = resolve('test/.work/cli/args');

beforeAll(() => {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
});
afterAll(() => rmSync(WORK, { recursive: true, force: true }));

describe('parseCliArgs', () => {
  it('reads the directory and every value flag into RawOptions keys', () => {
    const args = parseCliArgs([
      'my-app',
      '--triggers', 'preSignUp,preTokenGeneration',
      '--pre-token-version', 'v3',
      '--feature-plan', 'PLUS',
      '--threat-protection', 'AUDIT',
      '--attributes', 'tenant_id:String:immutable',
      '--id-token-claims', 'tenant_id',
      '--access-token-claims', 'tenant_id',
      '--suppress-claims', 'email',
      '--scopes-to-add', 'api/read',
      '--tenant-claim', 'tenant_id',
      '--config', 'team.json',
    ]);
    expect(args).toEqual({
      directory: 'my-app',
      flags: {
        triggers: 'preSignUp,preTokenGeneration',
        preTokenVersion: 'v3',
        featurePlan: 'PLUS',
        threatProtection: 'AUDIT',
        attributes: 'tenant_id:String:immutable',
        idTokenClaims: 'tenant_id',
        accessTokenClaims: 'tenant_id',
        suppressClaims: 'email',
        scopesToAdd: 'api/read',
        tenantClaim: 'tenant_id',
      },
      config: 'team.json',
      yes: false,
      skipInstall: false,
      force: false,
      projen: false,
      regenerate: false,
      check: false,
      dryRun: false,
      allowReplacePool: false,
      interactive: false,
      help: false,
      version: false,
    });
  });

  it('reads the regeneration switches', () => {
    const args = parseCliArgs(['--regenerate', 'my-app', '--dry-run', '--allow-replace-pool', '--triggers', 'preSignUp']);
    expect(args).toMatchObject({ directory: 'my-app', regenerate: true, dryRun: true, allowReplacePool: true, flags: { triggers: 'preSignUp' } });
  });

  it('reads switches, -y, and --flag=value', () => {
    const args = parseCliArgs(['-y', '--skip-install', '--force', '--triggers=preSignUp']);
    expect(args).toMatchObject({ yes: true, skipInstall: true, force: true, flags: { triggers: 'preSignUp' } });
    expect(args.directory).toBeUndefined();
    expect(parseCliArgs(['--help']).help).toBe(true);
    expect(parseCliArgs(['-h']).help).toBe(true);
    expect(parseCliArgs(['--version']).version).toBe(true);
  });

  it('takes --advanced-security as --threat-protection, the last one given winning', () => {
    expect(parseCliArgs(['--advanced-security', 'ENFORCED']).flags).toEqual({ threatProtection: 'ENFORCED' });
    expect(parseCliArgs(['--threat-protection', 'AUDIT', '--advanced-security', 'ENFORCED']).flags).toEqual({ threatProtection: 'ENFORCED' });
    expect(parseCliArgs(['--advanced-security', 'ENFORCED', '--threat-protection', 'AUDIT']).flags).toEqual({ threatProtection: 'AUDIT' });
  });

  it('leaves out what is not given', () => {
    expect(parseCliArgs([]).flags).toEqual({});
  });

  it.each([
    [['--bogus'], /^Unknown flag "--bogus"\. Run create-amplify-token-app --help/],
    [['-x'], /^Unknown flag "-x"\./],
    [['--triggers'], /^Flag --triggers needs a value/],
    [['--triggers', '--yes'], /^Flag --triggers needs a value/],
    [['--yes=1'], /^Flag --yes takes no value/],
    [['a', 'b'], /^Expected at most one directory, got 2: "a" "b"/],
    [[''], /directory argument is empty/],
  ])('rejects %j with a clear message', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(CliError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});

describe('--config', () => {
  const write = (name: string, text: string) => {
    writeFileSync(join(WORK, name), text);
    return name;
  };

  it('loads every RawOptions key, lists as arrays or comma strings', () => {
    const config = {
      projectName: 'team-app',
      triggers: ['preSignUp', 'preTokenGeneration'],
      preTokenVersion: 'V1_0',
      featurePlan: 'LITE',
      threatProtection: 'OFF',
      attributes: 'tenant_id:String,plan:String',
      idTokenClaims: ['tenant_id'],
      accessTokenClaims: [],
      suppressClaims: 'email',
      scopesToAdd: [],
      tenantClaim: '',
    };
    expect(Object.keys(config).sort()).toEqual([...OPTION_KEYS].sort());
    expect(loadConfig(write('all.json', JSON.stringify(config)), WORK)).toEqual(config);
  });

  it.each([
    ['missing.json', undefined, 'Config file "missing.json" does not exist.'],
    ['broken.json', '{"triggers": ', 'Config file "broken.json" is not valid JSON'],
    ['array.json', '["preSignUp"]', 'Config file "array.json" must hold a JSON object'],
    ['unknown.json', '{"trigger": "preSignUp"}', 'Config file "unknown.json": unknown key "trigger". Allowed: projectName, triggers'],
    ['number.json', '{"featurePlan": 2}', 'Config file "number.json": "featurePlan" must be a string, not 2.'],
    ['list.json', '{"triggers": [1]}', '"triggers" must be a comma-separated string or an array of strings'],
    ['flag-key.json', '{"skipInstall": true}', 'unknown key "skipInstall"'],
  ])('rejects %s', (name, text, message) => {
    if (text !== undefined) write(name, text);
    expect(() => loadConfig(name, WORK)).toThrow(CliError);
    expect(() => loadConfig(name, WORK)).toThrow(message);
  });

  it('names a hostile file name, key or flag on one line, escaped', () => {
    const messages = [
      () => loadConfig('evil\n\u001b[31mname.json', WORK),
      () => checkConfig({ 'k\ney': 'x' }, 'c.json'),
      () => parseCliArgs(['--bo\ngus']),
      () => parseCliArgs(['a\nb', 'c']),
    ].map((run) => {
      try {
        run();
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('expected a refusal');
    });
    for (const message of messages) expect(message).not.toMatch(/[\n\u001b]/);
    expect(messages[0]).toContain('"evil\\n\\u001b[31mname.json"');
  });

  it('rejects a directory given as the file', () => {
    expect(() => loadConfig('.', WORK)).toThrow('Config file "." is a directory.');
  });

  it('lets flags win key by key', () => {
    const config = checkConfig({ triggers: ['preSignUp'], featurePlan: 'LITE', attributes: 'a:String' }, 'c.json');
    expect(mergeOptions(config, { featurePlan: 'PLUS', suppressClaims: 'email' })).toEqual({
      triggers: ['preSignUp'],
      featurePlan: 'PLUS',
      attributes: 'a:String',
      suppressClaims: 'email',
    });
  });
});

describe('target directory', () => {
  it('names the project after the directory; "." is the current directory', () => {
    expect(resolveTarget('my-app', WORK)).toEqual({ path: join(WORK, 'my-app'), projectName: 'my-app', display: 'my-app' });
    expect(resolveTarget('nested/deeper/app', WORK)).toMatchObject({ projectName: 'app', display: 'nested/deeper/app' });
    const cwd = join(WORK, 'dot-app');
    expect(resolveTarget('.', cwd)).toEqual({ path: cwd, projectName: 'dot-app', display: '.' });
  });

  it('refuses a directory name that is not a package name', () => {
    expect(() => resolveTarget('My_App', WORK)).toThrow(OptionsError);
    expect(() => resolveTarget('My_App', WORK)).toThrow('"My_App" is not a valid npm package name');
  });

  it('refuses a non-empty directory unless --force, ignoring .git', () => {
    const dir = join(WORK, 'taken');
    mkdirSync(join(dir, '.git'), { recursive: true });
    const target = resolveTarget('taken', WORK);
    expect(() => checkTargetDirectory(target, false)).not.toThrow();
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    expect(() => checkTargetDirectory(target, false)).toThrow('Directory taken is not empty (notes.txt). Choose a new directory, or pass --force');
    expect(() => checkTargetDirectory(target, true)).not.toThrow();
    expect(() => checkTargetDirectory(resolveTarget('.', dir), false)).toThrow(`Directory ${dir} (the current directory) is not empty`);
  });

  it('refuses a file', () => {
    writeFileSync(join(WORK, 'a-file'), '');
    expect(() => checkTargetDirectory(resolveTarget('a-file', WORK), true)).toThrow('a-file exists and is not a directory');
  });

  it('removes the outermost directory a run created', () => {
    const path = join(WORK, 'new-parent', 'child', 'app');
    const snapshot = snapshotTarget(path);
    expect(snapshot.createdRoot).toBe(join(WORK, 'new-parent'));
    mkdirSync(path, { recursive: true });
    writeFileSync(join(path, 'package.json'), '{}');
    removeAdded(snapshot);
    expect(existsSync(join(WORK, 'new-parent'))).toBe(false);
  });

  it('removes only what a run added to an existing directory', () => {
    const path = join(WORK, 'existing');
    mkdirSync(join(path, '.git'), { recursive: true });
    writeFileSync(join(path, 'keep.txt'), 'mine');
    const snapshot = snapshotTarget(path);
    expect(snapshot.createdRoot).toBeUndefined();
    mkdirSync(join(path, 'amplify'));
    writeFileSync(join(path, 'package.json'), '{}');
    removeAdded(snapshot);
    expect(readdirSync(path).sort()).toEqual(['.git', 'keep.txt']);
  });
});

describe('package manager', () => {
  it.each([
    [undefined, 'npm'],
    ['', 'npm'],
    ['npm/11.6.2 node/v20.20.2 linux x64 workspaces/false', 'npm'],
    ['pnpm/9.12.0 npm/? node/v20.20.2 linux x64', 'pnpm'],
    ['yarn/1.22.22 npm/? node/v20.20.2 linux x64', 'yarn'],
    ['bun/1.2.0 npm/? node/v20.20.2 linux x64', 'bun'],
    ['cnpm/9 node/v20', 'npm'],
  ])('%j → %s', (agent, pm) => {
    expect(detectPackageManager(agent)).toBe(pm);
  });

  it('runs the test script in the way each manager needs', () => {
    expect(runScript('npm', 'test')).toBe('npm test');
    expect(runScript('pnpm', 'test')).toBe('pnpm test');
    expect(runScript('yarn', 'test')).toBe('yarn test');
    expect(runScript('bun', 'test')).toBe('bun run test');
  });
});

describe('next steps', () => {
  it('cd, install when skipped, test, sandbox', () => {
    const target = resolveTarget('my-app', WORK);
    expect(nextSteps(target, 'pnpm', false)).toContain('  cd my-app\n  pnpm install\n  pnpm test\n  npx ampx sandbox\n');
    expect(nextSteps(target, 'npm', true)).toContain('  cd my-app\n  npm test\n  npx ampx sandbox\n');
    expect(nextSteps(resolveTarget('.', join(WORK, 'here')), 'npm', true)).not.toContain('cd ');
  });
});

describe('--help', () => {
  const help = helpText();

  it('lists every flag, the alias and the short forms', () => {
    for (const flag of VALUE_FLAGS) {
      expect(help).toContain(`--${flag.flag} ${flag.value}`);
      if (flag.alias) expect(help).toContain(`--${flag.alias}`);
    }
    for (const flag of SWITCH_FLAGS) {
      expect(help).toContain(`--${flag.flag}`);
      if (flag.short) expect(help).toContain(`-${flag.short}, --${flag.flag}`);
    }
    expect(help).toContain('--config <file.json>');
  });

  it('gives the defaults and allowed values from the core', () => {
    for (const values of [TRIGGER_NAMES, PRE_TOKEN_VERSIONS, FEATURE_PLANS, THREAT_PROTECTION_MODES]) {
      expect(help).toContain(values.join(', '));
    }
    expect(help).toContain(`default: ${DEFAULTS.triggers.join(',')}`);
    expect(help).toContain(`default: ${DEFAULTS.preTokenVersion}`);
    expect(help).toContain(`default: ${DEFAULTS.attributes.join(',')}`);
    expect(help).toContain(`default: ${DEFAULTS.projectName}`);
    expect(help).toContain(OPTION_KEYS.join(', '));
  });
});
