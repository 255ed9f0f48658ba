// The published path, for real: the packed tarball is published to a local registry (verdaccio,
// a devDependency, listening on loopback and proxying every other package to the registry npm is
// configured with), then used exactly as users will: `npm create amplify-token-app@latest` and
// `npx create-amplify-token-app doctor` in a hand-written project that does not depend on it.
// Under npx the command runs in npm exec's environment (npm_config_package=…), which a stand-in
// that runs the bin directly does not reproduce.
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel, renderProject } from '../src/core/index.js';
import { ownPackage } from '../src/core/own-package.js';
import { CORPUS_DIR } from './doctor-corpus/corpus.js';
import { ensureBuilt, ROOT } from './cli-helpers.js';
import { childEnv, DEPS_LOCK_FILE, DEPS_NODE_MODULES, ensureDeps, WORK_DIR } from './verify/deps.js';

const SLOW = 300_000;
const WORK = join(WORK_DIR, 'published');
const VERDACCIO = join(ROOT, 'node_modules', 'verdaccio', 'bin', 'verdaccio');
const PACKAGE = ownPackage().name;

let registry = '';
let server: ResultPromise | undefined;
/** The environment of a user's shell pointed at the local registry, with an npm cache of its own. */
let userEnv: Record<string, string> = {};

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** The registry npm is configured with on this machine: verdaccio's uplink for everything else. */
async function configuredRegistry(): Promise<string> {
  const result = await execa('npm', ['config', 'get', 'registry'], { extendEnv: false, env: childEnv() });
  return String(result.stdout).trim();
}

async function startRegistry(): Promise<void> {
  const port = await freePort();
  registry = `http://127.0.0.1:${port}/`;
  const config = join(WORK, 'verdaccio.yaml');
  writeFileSync(
    config,
    [
      `storage: ${join(WORK, 'storage')}`,
      'auth:',
      '  htpasswd:',
      `    file: ${join(WORK, 'htpasswd')}`,
      'uplinks:',
      '  upstream:',
      `    url: ${await configuredRegistry()}`,
      'packages:',
      // Ours only from here: never mixed with a package of the same name upstream.
      `  '${PACKAGE}':`,
      '    access: $all',
      '    publish: $authenticated',
      "  '**':",
      '    access: $all',
      '    proxy: upstream',
      'log: { type: stdout, format: pretty, level: warn }',
      '',
    ].join('\n'),
  );
  server = execa(process.execPath, [VERDACCIO, '--config', config, '--listen', `127.0.0.1:${port}`], {
    cwd: WORK,
    reject: false,
    all: true,
    extendEnv: false,
    env: childEnv(),
  });
  for (let waited = 0; ; waited += 200) {
    const ping = await fetch(`${registry}-/ping`).catch(() => undefined);
    if (ping?.ok) return;
    if (server.exitCode !== null || waited > 60_000) throw new Error(`verdaccio did not start: ${server.exitCode}`);
    await sleep(200);
  }
}

/** A user on the local registry (what `npm adduser` does), for npm publish. */
async function addUser(): Promise<string> {
  const response = await fetch(`${registry}-/user/org.couchdb.user:publisher`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'publisher', password: 'publisher-password-1', email: 'publisher@example.com' }),
  });
  const body = (await response.json()) as { token?: string };
  if (!body.token) throw new Error(`verdaccio gave no token: ${JSON.stringify(body)}`);
  return body.token;
}

/** A shell command as a user runs it, in cwd. */
function user(command: string, args: string[], cwd: string) {
  return execa(command, args, { cwd, reject: false, all: true, extendEnv: false, env: userEnv, timeout: SLOW, input: '' });
}

beforeAll(async () => {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  await Promise.all([ensureBuilt(), ensureDeps(), startRegistry()]);
  const token = await addUser();
  const npmrc = join(WORK, 'npmrc');
  writeFileSync(npmrc, `//${registry.replace(/^http:\/\//, '')}:_authToken=${token}\n`);
  userEnv = childEnv({
    npm_config_registry: registry,
    npm_config_userconfig: npmrc,
    // A cache of its own: npx must fetch the package just published, not one cached by an earlier run.
    npm_config_cache: join(WORK, 'npm-cache'),
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
  });
  // --ignore-scripts: ensureBuilt already built; prepare would build again.
  await execa('npm', ['pack', '--ignore-scripts', '--pack-destination', WORK], { cwd: ROOT, extendEnv: false, env: childEnv() });
  const tarball = join(WORK, readdirSync(WORK).find((name) => name.endsWith('.tgz'))!);
  const publish = await user('npm', ['publish', tarball, '--tag', 'latest'], WORK);
  if (publish.exitCode !== 0) throw new Error(`npm publish to ${registry} failed:\n${publish.all}`);
}, SLOW);

afterAll(async () => {
  if (server?.pid !== undefined) {
    server.kill('SIGTERM');
    await server;
  }
});

describe(`the published package, from a local registry (verdaccio)`, () => {
  it('npm create amplify-token-app@latest writes the project, pinned to the published version', { timeout: SLOW }, async () => {
    const dir = join(WORK, 'create');
    mkdirSync(dir, { recursive: true });
    const result = await user('npm', ['create', `${PACKAGE.replace(/^create-/, '')}@latest`, 'my-app', '--', '--yes', '--skip-install'], dir);
    expect(result.exitCode, result.all).toBe(0);
    expect(result.all).toContain('Next steps:');
    const expected = renderProject(buildModel({ projectName: 'my-app' }));
    for (const [path] of expected) expect(existsSync(join(dir, 'my-app', path)), path).toBe(true);
    // Run from the registry, not a checkout: the project pins the version it came from.
    const packageJson = JSON.parse(readFileSync(join(dir, 'my-app', 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    expect(packageJson.devDependencies[PACKAGE]).toBe(ownPackage().version);
  });

  /** A hand-written project of the corpus, installed, that does not depend on this package. */
  function handWritten(name: string): string {
    const dir = join(WORK, name);
    cpSync(join(CORPUS_DIR, 'docs-override-token'), dir, { recursive: true, filter: (path) => !path.endsWith('expected.json') });
    copyFileSync(DEPS_LOCK_FILE, join(dir, 'package-lock.json'));
    symlinkSync(relative(dir, DEPS_NODE_MODULES), join(dir, 'node_modules'), 'dir');
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).not.toContain(PACKAGE);
    return dir;
  }

  it('npx create-amplify-token-app doctor in a hand-written project that does not depend on it', { timeout: SLOW }, async () => {
    const result = await user('npx', [PACKAGE, 'doctor'], handWritten('npx-doctor'));
    expect(result.all).not.toMatch(/npx --no-install esbuild|could not determine executable/);
    expect(result.exitCode, result.all).toBe(0);
    expect(result.all).toContain('No problems found: LambdaConfig, invoke permissions, feature plan, handler response, claim sources and data rules are as Cognito and AppSync need them.');
  });

  it('npx -p create-amplify-token-app create-amplify-token-app doctor --json', { timeout: SLOW }, async () => {
    const result = await user('npx', ['-p', PACKAGE, PACKAGE, 'doctor', '--json'], handWritten('npx-p-doctor'));
    expect(result.exitCode, result.all).toBe(0);
    expect(JSON.parse(String(result.stdout))).toMatchObject({ findings: [], notChecked: [] });
  });
});
