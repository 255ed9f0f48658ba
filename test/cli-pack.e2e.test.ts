// The package as published: npm pack, then the tarball run as users get it. Catches a bundle that
// needs a file the tarball leaves out (templates/, package.json) or a module it did not bundle.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, expect, it } from 'vitest';
import { buildModel, DEFAULTS, renderProject } from '../src/core/index.js';
import { DEFAULT_QUESTIONS, ensureBuilt, ROOT } from './cli-helpers.js';

const WORK = join(ROOT, 'test/.work/cli/pack');
const INSTALLED = join(WORK, 'installed');
let tarball = '';

beforeAll(async () => {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(INSTALLED, { recursive: true });
  await ensureBuilt();
  // --ignore-scripts: ensureBuilt already built; prepare would build again.
  await execa('npm', ['pack', '--ignore-scripts', '--pack-destination', WORK], { cwd: ROOT });
  tarball = join(WORK, readdirSync(WORK).find((name) => name.endsWith('.tgz'))!);
}, 120_000);

it('the packed tarball scaffolds a project with npm exec', async () => {
  // An absolute path: inside this repository npm would resolve ./x.tgz against the repository root.
  const env = { npm_config_user_agent: undefined, npm_config_prefer_offline: 'true' };
  const result = await execa(
    'npm',
    ['exec', '--yes', '--package', tarball, '--', 'create-amplify-token-app', 'app', '--yes', '--skip-install'],
    { cwd: WORK, env, reject: false, timeout: 240_000 },
  );
  expect(result.stderr).not.toContain('Error:');
  expect(result.exitCode).toBe(0);
  expect(result.stdout).toContain('Next steps:');
  const expected = renderProject(buildModel({ projectName: 'app' }));
  for (const [path, content] of expected) expect(readFileSync(join(WORK, 'app', path), 'utf8')).toBe(content);
  expect(existsSync(join(WORK, 'app', '.yo-rc.json'))).toBe(true);
}, 300_000);

it('installs alone, no dependencies, and its bundled Yeoman asks the questions', async () => {
  writeFileSync(join(INSTALLED, 'package.json'), '{ "name": "installed", "private": true }\n');
  await execa('npm', ['install', '--no-audit', '--no-fund', tarball], { cwd: INSTALLED, env: { npm_config_user_agent: undefined } });
  expect(readdirSync(join(INSTALLED, 'node_modules')).filter((name) => !name.startsWith('.'))).toEqual(['create-amplify-token-app']);
  // The ./data export a --tenant-claim project's test imports loads alone (the simulator comes
  // from the project), and says what is missing instead of failing on an import.
  const data = await execa(
    process.execPath,
    ['--input-type=module', '-e', "const { checkTenantIsolation } = await import('create-amplify-token-app/data'); await checkTenantIsolation({ projectDir: '.', model: 'Invoice', tenantField: 'tenantId', tenantAttribute: 'tenant_id' }).catch((error) => console.log(error.name, error.message));"],
    { cwd: INSTALLED, reject: false },
  );
  expect(data.exitCode, data.stderr).toBe(0);
  expect(data.stdout).toMatch(/^InspectError .*has no amplify\/backend\.ts/);

  // Enter at every question, in a pseudo-terminal: the interactive path loads the Yeoman chunk.
  const bin = join(INSTALLED, 'node_modules/create-amplify-token-app/bin/create-amplify-token-app.js');
  const steps = DEFAULT_QUESTIONS.map((question) => [question, '\r']);
  const session = await execa('python3', [join(ROOT, 'test/cli-pty.py'), JSON.stringify(steps), '--', process.execPath, bin, '--skip-install'], {
    cwd: INSTALLED,
    reject: false,
  });
  expect(session.exitCode, session.stdout).toBe(0);
  expect(session.stdout).toContain('Next steps:');
  const expected = renderProject(buildModel({ projectName: DEFAULTS.projectName }));
  for (const [path, content] of expected) expect(readFileSync(join(INSTALLED, DEFAULTS.projectName, path), 'utf8')).toBe(content);
}, 300_000);
