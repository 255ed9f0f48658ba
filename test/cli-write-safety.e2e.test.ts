// The write pipeline's promises, through the built bin, one test per way issue 11 found them
// broken: carry-over, other generators' keys, paths from a record or a config, symbolic links,
// invariants over kept files, .new files, interrupted and failing writes, two runs at once, values
// that must read back, files that are not regular, .gitignore, --check, wrong-typed files.
import { appendFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT, runBin } from './cli-helpers.js';

const WORK = join(ROOT, 'test/.work/cli/write-safety');
const FAULT = 'CREATE_AMPLIFY_TOKEN_APP_TEST_FAULT';
const HANDLER = 'amplify/auth/pre-token-generation/handler.ts';
const BACKEND = 'amplify/backend.ts';
const RECORD_KEY = 'create-amplify-token-app';
let counter = 0;

function workDir(): string {
  const dir = join(WORK, `run-${++counter}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A fresh project (`--yes --skip-install` plus `flags`) in a new working directory. */
async function generate(flags: string[] = []): Promise<string> {
  const cwd = workDir();
  const result = await runBin(['app', '--yes', '--skip-install', ...flags], { cwd });
  expect(result.exitCode, result.stderr).toBe(0);
  return join(cwd, 'app');
}

const regenerate = (dir: string, flags: string[], env?: Record<string, string>) => runBin(['--regenerate', ...flags], { cwd: dir, ...(env ? { env } : {}) });

/** Every entry under `dir` (folders too, links as links): path → content and modification time. */
function tree(dir: string): Map<string, string> {
  const entries = new Map<string, string>();
  const walk = (current: string) => {
    for (const name of readdirSync(current).sort()) {
      const path = join(current, name);
      const stats = lstatSync(path);
      const key = relative(dir, path);
      if (stats.isDirectory()) {
        entries.set(`${key}/`, '');
        walk(path);
      } else {
        entries.set(key, `${stats.isSymbolicLink() ? 'link' : readFileSync(path, 'utf8')}@${stats.mtimeMs}`);
      }
    }
  };
  walk(dir);
  return entries;
}

function editRecord(dir: string, edit: (entries: Record<string, any>) => void): void {
  const path = join(dir, '.yo-rc.json');
  const entries = JSON.parse(readFileSync(path, 'utf8'));
  edit(entries);
  writeFileSync(path, JSON.stringify(entries, null, 2));
}

function replaceIn(dir: string, file: string, from: string, to: string): void {
  const text = readFileSync(join(dir, file), 'utf8');
  expect(text).toContain(from);
  writeFileSync(join(dir, file), text.replace(from, to));
}

beforeAll(async () => {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  await ensureBuilt();
}, 120_000);

describe('carry-over and the record', () => {
  it('a V3_0 project stays V3_0 with --triggers presignup,pretokengeneration', async () => {
    const app = await generate(['--pre-token-version', 'V3_0']);
    appendFileSync(join(app, HANDLER), '\n// mine\n');
    const result = await regenerate(app, ['--triggers', 'presignup,pretokengeneration']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(readFileSync(join(app, BACKEND), 'utf8')).toContain('LambdaVersion.V3_0');
    expect(readFileSync(join(app, HANDLER), 'utf8')).toContain('PreTokenGenerationV3TriggerEvent');
  });

  it('other generators’ keys in .yo-rc.json survive a regeneration; the record stores the version', async () => {
    const app = await generate();
    editRecord(app, (entries) => Object.assign(entries, { 'generator-jhipster': { baseName: 'shop' } }));
    const result = await regenerate(app, ['--threat-protection', 'AUDIT']);
    expect(result.exitCode, result.stderr).toBe(0);
    const entries = JSON.parse(readFileSync(join(app, '.yo-rc.json'), 'utf8'));
    expect(entries['generator-jhipster']).toEqual({ baseName: 'shop' });
    expect(entries[RECORD_KEY].version).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('Number ranges read back identically; one past 2^53 - 1 is refused before anything is written', async () => {
    const app = await generate(['--attributes', 'tenant_id:String,seats:Number:-9007199254740991-9007199254740991']);
    const again = await regenerate(app, []);
    expect(again.stdout).toContain('Nothing to change');
    const cwd = workDir();
    const refused = await runBin(['big', '--yes', '--skip-install', '--attributes', 'seats:Number:1-99999999999999999999999'], { cwd });
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('Attribute "seats" has value range 1-99999999999999999999999; the range must lie within');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('a wrong-typed record or package.json names the file and the key', async () => {
    const app = await generate();
    editRecord(app, (entries) => (entries[RECORD_KEY].options.attributes = { tenant_id: 'String' }));
    const record = await regenerate(app, []);
    expect(record.exitCode).toBe(1);
    expect(record.stderr).toBe('Error: .yo-rc.json: "create-amplify-token-app.options": "attributes" must be a comma-separated string or an array of strings, not {"tenant_id":"String"}.');
    const other = await generate();
    writeFileSync(join(other, 'package.json'), JSON.stringify({ name: 'app', devDependencies: { 'aws-cdk-lib': 2 } }));
    const manifest = await regenerate(other, ['--triggers', 'preSignUp,preTokenGeneration,postConfirmation']);
    expect(manifest.exitCode).toBe(1);
    expect(manifest.stderr).toContain('Error: package.json: "devDependencies" must be an object of names to strings ("aws-cdk-lib" is 2)');
    expect(manifest.stderr).not.toMatch(/TypeError|\n\s+at /);
  });
});

describe('untrusted paths stay in their box', () => {
  it('a record naming ../outside/x deletes and prints nothing outside the project', async () => {
    const app = await generate();
    const outside = join(app, '..', 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'x'), 'not yours\n');
    editRecord(app, (entries) => (entries[RECORD_KEY].files['../outside/x'] = entries[RECORD_KEY].files['README.md']));
    const before = tree(app);
    for (const flags of [['--dry-run', '--force'], ['--force'], ['--triggers', 'preSignUp']]) {
      const result = await regenerate(app, flags);
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toContain('"../outside/x" is not a file inside the project (leaves the project (..)); refusing to touch it.');
      expect(result.stdout).not.toContain('not yours');
    }
    expect(readFileSync(join(outside, 'x'), 'utf8')).toBe('not yours\n');
    expect(tree(app)).toEqual(before);
  });

  it('a --config whose projectName is ../elsewhere writes nothing anywhere', async () => {
    const cwd = workDir();
    mkdirSync(join(cwd, 'here'));
    writeFileSync(join(cwd, 'here', 'team.json'), JSON.stringify({ projectName: '../elsewhere' }));
    const result = await runBin(['--yes', '--skip-install', '--config', 'team.json'], { cwd: join(cwd, 'here') });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('projectName "../elsewhere" (from --config) is a path, not a name');
    expect(readdirSync(cwd)).toEqual(['here']);
  });

  it('a symbolically linked folder is not written through, nor read', async () => {
    const app = await generate();
    const elsewhere = join(app, '..', 'elsewhere');
    mkdirSync(elsewhere);
    rmSync(join(app, 'amplify/auth/pre-sign-up'), { recursive: true });
    symlinkSync(elsewhere, join(app, 'amplify/auth/pre-sign-up'));
    const before = tree(app);
    const result = await regenerate(app, ['--triggers', 'preSignUp,preTokenGeneration,customMessage']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(`Refused: amplify/auth/pre-sign-up is a symbolic link (to ${elsewhere}). This tool does not read or write through links`);
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(tree(app)).toEqual(before);
    const fresh = await runBin(['.', '--yes', '--skip-install', '--force'], { cwd: app });
    expect(fresh.exitCode).toBe(1);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('--config on a FIFO or /dev/zero fails at once with a clear message', async () => {
    const cwd = workDir();
    execFileSync('mkfifo', [join(cwd, 'pipe.json')]);
    const started = Date.now();
    const fifo = await runBin(['app', '--yes', '--skip-install', '--config', 'pipe.json'], { cwd });
    const zero = await runBin(['app', '--yes', '--skip-install', '--config', '/dev/zero'], { cwd });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(fifo).toMatchObject({ exitCode: 1, stderr: 'Error: Config file "pipe.json" is not a regular file (a FIFO).' });
    expect(zero).toMatchObject({ exitCode: 1, stderr: 'Error: Config file "/dev/zero" is not a regular file (a character device).' });
  });
});

describe('invariants over the files a run leaves', () => {
  it('a kept handler and an updated backend that lets the client write its claim source: refused, nothing written', async () => {
    const app = await generate();
    replaceIn(app, HANDLER, "{ claim: 'tenant_id', attribute: 'custom:tenant_id', toClaimValue: String },", "{ claim: 'tenant_id', attribute: 'custom:tenant_id', toClaimValue: (value: string) => value.trim() },");
    const before = tree(app);
    const result = await regenerate(app, ['--id-token-claims', '', '--access-token-claims', '']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('Refused: the project would be unsafe or broken (amplify/auth/pre-token-generation/handler.ts, amplify/backend.ts); nothing was written.');
    expect(result.stderr).toContain('handler.ts reads custom:tenant_id for the tokens, and amplify/backend.ts lets an app client write it');
    expect(tree(app)).toEqual(before);
  });

  it('the reverse: a kept backend and an updated handler that reads an attribute the client may write', async () => {
    const app = await generate(['--attributes', 'tenant_id:String,theme:String', '--id-token-claims', 'tenant_id', '--access-token-claims', 'tenant_id']);
    replaceIn(app, BACKEND, "  'custom:theme',\n", "  'custom:theme', // the settings page writes it\n");
    const before = tree(app);
    const result = await regenerate(app, ['--id-token-claims', 'tenant_id,theme']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('handler.ts reads custom:theme for the tokens, and amplify/backend.ts lets an app client write it');
    expect(tree(app)).toEqual(before);
  });

  it('an existing backend.ts.new is never overwritten', async () => {
    const app = await generate();
    replaceIn(app, BACKEND, "cfnUserPool.userPoolTier = 'ESSENTIALS';", "cfnUserPool.userPoolTier = 'ESSENTIALS'; // reviewed");
    const first = await regenerate(app, ['--threat-protection', 'AUDIT']);
    expect(first.exitCode, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/kept \(yours; conflicts\)\s+amplify\/backend\.ts \(new version: amplify\/backend\.ts\.new\)/);
    const rerun = await regenerate(app, []);
    expect(rerun.stdout).toContain('Nothing to change');
    expect(rerun.stdout).toContain('Still to merge by hand (then delete the .new file): amplify/backend.ts.new');
    const pending = await runBin(['--check'], { cwd: app });
    expect(pending.exitCode).toBe(1);
    expect(pending.stdout).toMatch(/conflict\s+amplify\/backend\.ts \(new version already in amplify\/backend\.ts\.new\)/);
    appendFileSync(join(app, `${BACKEND}.new`), '// half merged by hand\n');
    const before = tree(app);
    const second = await regenerate(app, ['--threat-protection', 'ENFORCED']);
    expect(second.exitCode).toBe(1);
    expect(second.stderr).toContain('Refused: amplify/backend.ts.new exists and this run would change its file; nothing was written.');
    expect(tree(app)).toEqual(before);
  });
});

describe('all or nothing', () => {
  const CHANGE = ['--triggers', 'preSignUp,preTokenGeneration,customMessage,postConfirmation', '--threat-protection', 'AUDIT'];

  it('a write failing at any step (disk full) leaves every file, folder and time as it was: exit 1, what is on disk said', async () => {
    const app = await generate();
    appendFileSync(join(app, HANDLER), '\n// mine\n');
    const before = tree(app);
    let step = 1;
    for (; step < 100; step++) {
      const result = await regenerate(app, CHANGE, { [FAULT]: `fail:${step}` });
      if (result.exitCode === 0) break;
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toMatch(/^Error: Writing the project failed \(ENOSPC: no space left on device \(injected by the test at step \d+, .+\)\): nothing was changed(: the \d+ files? already written (were|was) taken back and the originals restored)?\.$/);
      expect(tree(app), `after a failure at step ${step}`).toEqual(before);
    }
    expect(step).toBeGreaterThan(20); // every step of this change was tried
    expect(readFileSync(join(app, 'amplify/auth/resource.ts'), 'utf8')).toContain('postConfirmation');
  });

  it('a failing fresh run removes the directory it created', async () => {
    const cwd = workDir();
    const result = await runBin(['nested/app', '--yes', '--skip-install'], { cwd, env: { [FAULT]: 'fail:record' } });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(`removed ${join(cwd, 'nested')}, which this run had created.`);
    expect(readdirSync(cwd)).toEqual([]);
  });

  /** Starts a regeneration that stops before step `at` and waits; resolves once it is waiting (wrapped: the run itself is a promise). */
  async function paused(app: string, at: string) {
    const run = regenerate(app, CHANGE, { [FAULT]: `pause:${at}` });
    await new Promise<void>((resolve, reject) => {
      run.stderr!.on('data', (chunk: Buffer) => chunk.toString().includes('test fault: paused') && resolve());
      run.on('exit', () => reject(new Error('exited before pausing')));
    });
    return { run };
  }

  it.each([
    ['SIGINT', 130, '3'],
    ['SIGTERM', 143, '20'],
    ['SIGINT', 130, 'record'],
  ] as const)('%s while writing: exit %i, everything put back (paused before step %s)', async (signal, code, at) => {
    const app = await generate();
    const before = tree(app);
    const { run } = await paused(app, at);
    run.kill(signal);
    const result = await run;
    expect(result.exitCode).toBe(code);
    expect(result.stderr).toMatch(new RegExp(`Cancelled \\(${signal}\\): nothing was changed`));
    expect(tree(app)).toEqual(before);
  });

  it('a run killed outright is undone by the next run; --check says so until then', async () => {
    const app = await generate();
    const before = tree(app);
    const { run } = await paused(app, '20');
    run.kill('SIGKILL');
    await run;
    const check = await runBin(['--check'], { cwd: app });
    expect(check.exitCode).toBe(1);
    expect(check.stdout).toContain('an interrupted run left .create-amplify-token-app.staging');
    const next = await regenerate(app, []);
    expect(next.exitCode, next.stderr).toBe(0);
    expect(next.stdout).toContain('An earlier run was interrupted while writing this project; undone');
    expect(next.stdout).toContain('Nothing to change');
    expect(tree(app)).toEqual(before);
  });

  it('two runs at once: the second refuses while the first writes, and nothing is mixed', async () => {
    const app = await generate();
    const before = tree(app);
    const { run: first } = await paused(app, '5');
    const second = await regenerate(app, ['--threat-protection', 'ENFORCED']);
    expect(second.exitCode).toBe(1);
    expect(second.stderr).toMatch(/Another create-amplify-token-app run \(pid \d+, started [^)]+\) is writing .* Wait for it to finish and run again/);
    const check = await runBin(['--check'], { cwd: app });
    expect(check.exitCode).toBe(1);
    expect(check.stderr).toContain('is writing'); // not a report on half-written files
    first.kill('SIGINT');
    await first;
    expect(tree(app)).toEqual(before);
    // Unpaused and racing: each either writes all of its change or refuses; the result is consistent.
    const results = await Promise.all([regenerate(app, CHANGE), regenerate(app, ['--feature-plan', 'PLUS'])]);
    for (const result of results) expect([0, 1]).toContain(result.exitCode);
    expect(results.some((result) => result.exitCode === 0)).toBe(true);
    const after = await runBin(['--check'], { cwd: app });
    expect(after.exitCode, after.stdout).toBe(0);
    expect(existsSync(join(app, '.create-amplify-token-app.lock'))).toBe(false);
  });
});

describe('.gitignore and --check', () => {
  it('.gitignore is merged, not replaced, into an existing folder and on regeneration', async () => {
    const cwd = workDir();
    const dir = join(cwd, 'existing');
    mkdirSync(dir);
    writeFileSync(join(dir, '.gitignore'), 'dist\nnode_modules\n');
    const fresh = await runBin(['existing', '--yes', '--skip-install', '--force'], { cwd });
    expect(fresh.exitCode, fresh.stderr).toBe(0);
    const merged = readFileSync(join(dir, '.gitignore'), 'utf8');
    expect(merged.startsWith('dist\nnode_modules\n# Amplify (create-amplify-token-app)\n')).toBe(true);
    expect(merged).toContain('\n.amplify\n');
    writeFileSync(join(dir, '.gitignore'), 'dist\n');
    const regenerated = await regenerate(dir, ['--threat-protection', 'AUDIT']);
    expect(regenerated.exitCode, regenerated.stderr).toBe(0);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toMatch(/^dist\n# Amplify \(create-amplify-token-app\)\nnode_modules\n\.amplify\n/);
  });

  it('--check: 0 when the project is what its options generate; 1 with the files listed otherwise; never writes', async () => {
    const app = await generate();
    appendFileSync(join(app, HANDLER), '\n// mine: a change the options do not touch\n');
    const clean = await runBin(['--check'], { cwd: app });
    expect(clean.exitCode, clean.stdout).toBe(0);
    expect(clean.stdout).toMatch(/^Up to date: .* is what its stored options generate with create-amplify-token-app \d/);
    rmSync(join(app, 'amplify/auth/resource.ts'));
    // backend.ts as an earlier version of the templates wrote it: the record holds its hash.
    replaceIn(app, BACKEND, '// Set explicitly:', '// Set explicitly (older wording):');
    const olderBackend = readFileSync(join(app, BACKEND), 'utf8');
    editRecord(app, (entries) => (entries[RECORD_KEY].files[BACKEND] = `sha256-${createHash('sha256').update(olderBackend).digest('hex')}`));
    const before = tree(app);
    const stale = await runBin(['--check', app], { cwd: join(app, '..') });
    expect(stale.exitCode).toBe(1);
    expect(stale.stdout).toMatch(/create\s+amplify\/auth\/resource\.ts/);
    expect(stale.stdout).toMatch(/update\s+amplify\/backend\.ts/);
    expect(stale.stdout).not.toContain(HANDLER);
    expect(tree(app)).toEqual(before);
  });
});
