// The package as published: npm pack, then npm exec from the tarball, as `npm create` would run
// it. Catches a bundle that needs a file the tarball leaves out (templates/, package.json).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, expect, it } from 'vitest';
import { buildModel, renderProject } from '../src/core/index.js';
import { ensureBuilt, ROOT } from './cli-helpers.js';

const WORK = join(ROOT, 'test/.work/cli/pack');

beforeAll(async () => {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  await ensureBuilt();
}, 120_000);

it('the packed tarball scaffolds a project with npm exec', async () => {
  // --ignore-scripts: ensureBuilt already built; prepare would build again.
  await execa('npm', ['pack', '--ignore-scripts', '--pack-destination', WORK], { cwd: ROOT });
  const tarball = readdirSync(WORK).find((name) => name.endsWith('.tgz'));
  expect(tarball).toBeDefined();

  // An absolute path: inside this repository npm would resolve ./x.tgz against the repository root.
  // prefer-offline: the dependencies are in npm's cache after `npm ci`, so exec installs them fast.
  const env = { npm_config_user_agent: undefined, npm_config_prefer_offline: 'true' };
  const result = await execa(
    'npm',
    ['exec', '--yes', '--package', join(WORK, tarball!), '--', 'create-amplify-token-app', 'app', '--yes', '--skip-install'],
    { cwd: WORK, env, reject: false, timeout: 240_000 },
  );
  expect(result.stderr).not.toContain('Error:');
  expect(result.exitCode).toBe(0);
  expect(result.stdout).toContain('Next steps:');
  const expected = renderProject(buildModel({ projectName: 'app' }));
  for (const [path, content] of expected) expect(readFileSync(join(WORK, 'app', path), 'utf8')).toBe(content);
  expect(existsSync(join(WORK, 'app', '.yo-rc.json'))).toBe(true);
}, 300_000);
