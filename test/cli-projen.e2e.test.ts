// --projen through the built bin: .projenrc.ts with the chosen options, then projen's first
// synthesis (a stand-in npm and npx on PATH record the calls: no network).
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel, PROJEN_DEPENDENCY } from '../src/core/index.js';
import { renderProjenrc } from '../src/projen/index.js';
import { ensureBuilt, ROOT, runBin } from './cli-helpers.js';

const WORK = join(ROOT, 'test/.work/cli-projen');
let counter = 0;
function workDir(): string {
  const dir = join(WORK, `run-${++counter}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** npm and npx that log their arguments and working directory. */
function standIns(dir: string, log: string): Record<string, string> {
  const bin = join(dir, 'fake-bin');
  mkdirSync(bin, { recursive: true });
  for (const name of ['npm', 'npx']) {
    writeFileSync(join(bin, name), `#!/bin/sh\necho "${name} $* in $(pwd)" >> ${log}\n`);
    chmodSync(join(bin, name), 0o755);
  }
  return { PATH: `${bin}:${process.env.PATH}` };
}

beforeAll(async () => {
  rmSync(WORK, { recursive: true, force: true });
  await ensureBuilt();
});

describe('--projen', () => {
  it('with --skip-install writes .projenrc.ts holding the chosen options and says what to run', async () => {
    const cwd = workDir();
    const result = await runBin(['projen-app', '--yes', '--skip-install', '--projen', '--pre-token-version', 'V3_0', '--attributes', 'org:String'], { cwd });
    expect(result.exitCode, result.stderr).toBe(0);
    const expected = renderProjenrc(buildModel({ projectName: 'projen-app', preTokenVersion: 'V3_0', attributes: 'org:String' }));
    expect(readFileSync(join(cwd, 'projen-app', '.projenrc.ts'), 'utf8')).toBe(expected);
    expect(result.stdout).toContain(`npm install -D projen@${PROJEN_DEPENDENCY.projen}`);
    expect(result.stdout).toContain(`projen@${PROJEN_DEPENDENCY.projen}`);
    expect(result.stdout).toContain('npx tsx .projenrc.ts');
  });

  it('after the install, adds projen and runs the first synthesis in the project', async () => {
    const cwd = workDir();
    const log = join(cwd, 'calls.txt');
    const result = await runBin(['handed-app', '--yes', '--projen'], { cwd, env: standIns(cwd, log) });
    expect(result.exitCode, result.stderr).toBe(0);
    const dir = join(cwd, 'handed-app');
    const calls = readFileSync(log, 'utf8').trim().split('\n');
    expect(calls[0]).toBe(`npm install in ${dir}`);
    expect(calls[1]).toMatch(new RegExp(`^npm install -D projen@${PROJEN_DEPENDENCY.projen} in ${dir}$`));
    expect(calls[2]).toBe(`npx tsx .projenrc.ts in ${dir}`);
    expect(result.stdout).toContain('continues under projen');
  });

  it('is refused with --regenerate', async () => {
    const result = await runBin(['--regenerate', '--projen'], { cwd: workDir() });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('--projen is for a new project');
  });
});
