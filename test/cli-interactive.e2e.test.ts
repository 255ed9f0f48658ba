// The bin in a pseudo-terminal (test/cli-pty.py, Python's pty module): answering the prompts with
// Enter gives the --yes project byte for byte; other answers take effect; Ctrl-C exits 130 and
// leaves nothing on disk, at a prompt and during the install.
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, DEFAULT_QUESTIONS, ensureBuilt, readTree, ROOT, runBin } from './cli-helpers.js';

const WORK = join(ROOT, 'test/.work/cli/interactive');
const DRIVER = join(ROOT, 'test/cli-pty.py');
const ENTER = '\r';
const DOWN = '\u001b[B';
const SPACE = ' ';
const CTRL_C = '\u0003';

let counter = 0;
function workDir(): string {
  const dir = join(WORK, `run-${++counter}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Runs the bin in a terminal, typing `keys` once the output matches each pattern in turn. */
async function inTerminal(args: string[], steps: [pattern: string, keys: string][], options: { cwd: string; env?: Record<string, string> }) {
  const env: Record<string, string | undefined> = { ...process.env, npm_config_user_agent: undefined, TERM: 'xterm', ...options.env };
  return execa('python3', [DRIVER, JSON.stringify(steps), '--', process.execPath, BIN, ...args], {
    cwd: options.cwd,
    env,
    extendEnv: false,
    reject: false,
    timeout: 90_000,
  });
}

/** The questions that pressing Enter everywhere meets, in order (no threat protection on ESSENTIALS). */
beforeAll(async () => {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  await ensureBuilt();
}, 120_000);

describe('interactive, in a pseudo-terminal', () => {
  it('Enter at every question gives byte for byte the --yes project (and the same resolved options)', async () => {
    const asked = workDir();
    const session = await inTerminal(['--skip-install'], DEFAULT_QUESTIONS.map((question) => [question, ENTER]), { cwd: asked });
    expect(session.stdout).toContain('Next steps:');
    expect(session.exitCode, session.stdout).toBe(0);

    const yes = workDir();
    const flags = await runBin(['--yes', '--skip-install'], { cwd: yes });
    expect(flags.exitCode).toBe(0);

    const interactiveTree = readTree(join(asked, 'amplify-token-app'));
    expect(interactiveTree.size).toBeGreaterThan(10);
    expect(interactiveTree.has('.yo-rc.json')).toBe(true);
    const yesTree = readTree(join(yes, 'amplify-token-app'));
    // Enter everywhere gives no option: the record too is --yes's, so defaults can still follow
    // later changes (the plan follows threat protection on --regenerate).
    expect(interactiveTree).toEqual(yesTree);
  });

  it('other answers take effect: directory, V3_0, PLUS with AUDIT, an added attribute, claims, a tenant claim', async () => {
    const cwd = workDir();
    const session = await inTerminal(
      ['--skip-install'],
      [
        ['Project directory', `my-plus-app${ENTER}`],
        ['Cognito triggers to generate', ENTER],
        ['Pre token generation version', `${DOWN}${ENTER}`], // V2_0 (default) → V3_0
        ['User pool feature plan', `${DOWN}${ENTER}`], // ESSENTIALS → PLUS
        ['Threat protection', `${DOWN}${ENTER}`], // OFF → AUDIT
        ['Custom attributes', ENTER],
        ['Add a custom attribute\\?', `y${ENTER}`],
        ['Attribute name', `score${ENTER}`],
        ['Type of custom:score', `${DOWN}${ENTER}`], // String → Number
        ['Can custom:score change', `n${ENTER}`],
        ['Value range', `0-100${ENTER}`],
        ['Add another custom attribute\\?', ENTER],
        ['Attributes to copy into ID-token claims', `${DOWN}${SPACE}${ENTER}`], // uncheck score
        ['Attributes to copy into access-token claims', ENTER],
        ['Claims to remove from the tokens', `email${ENTER}`],
        ['Keep Amplify Data apart per tenant', `${DOWN}${ENTER}`], // none → tenant_id (score is a Number: not offered)
      ],
      { cwd },
    );
    expect(session.exitCode, session.stdout).toBe(0);
    const stored = JSON.parse(readTree(join(cwd, 'my-plus-app')).get('.yo-rc.json')!)['create-amplify-token-app'].options;
    expect(stored).toEqual({
      projectName: 'my-plus-app',
      triggers: ['preSignUp', 'preTokenGeneration'],
      preTokenVersion: 'V3_0',
      featurePlan: 'PLUS',
      threatProtection: 'AUDIT',
      attributes: ['tenant_id:String', 'score:Number:immutable:0-100'],
      idTokenClaims: ['tenant_id'],
      accessTokenClaims: ['tenant_id', 'score'],
      suppressClaims: ['email'],
      scopesToAdd: [],
      tenantClaim: 'tenant_id',
    });
    expect(readTree(join(cwd, 'my-plus-app')).get('amplify/data/resource.ts')).toContain(".identityClaim('tenant_id')");
  });

  it('a flag skips its question; a bad answer is refused with the core message and asked again', async () => {
    const cwd = workDir();
    mkdirSync(join(cwd, 'full-app'));
    writeFileSync(join(cwd, 'full-app', 'x.txt'), '');
    const session = await inTerminal(
      ['--triggers', 'preSignUp', '--skip-install'],
      [
        ['Project directory', `full-app${ENTER}`],
        ['Directory full-app is not empty', `\u0015ok-app${ENTER}`], // Ctrl-U clears the line
        ['User pool feature plan', ENTER],
        ['Custom attributes', ENTER],
        ['Add a custom attribute\\?', ENTER],
      ],
      { cwd },
    );
    expect(session.exitCode, session.stdout).toBe(0);
    expect(session.stdout).not.toMatch(/Cognito triggers to generate|Pre token generation version|claims/);
    expect(readdirSync(join(cwd, 'full-app'))).toEqual(['x.txt']);
    expect(existsSync(join(cwd, 'ok-app', '.yo-rc.json'))).toBe(true);
  });

  it('Ctrl-C at the first prompt: exit 130, one line, nothing on disk', async () => {
    const cwd = workDir();
    const session = await inTerminal(['--skip-install'], [['Project directory', CTRL_C]], { cwd });
    expect(session.exitCode, session.stdout).toBe(130);
    expect(session.stdout).toContain('Cancelled: nothing was written.');
    expect(session.stdout).not.toMatch(/\n\s+at |ExitPromptError|An error occured/);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('Ctrl-C during the install: exit 130, the directory this run created is removed', async () => {
    const cwd = workDir();
    const bin = join(cwd, '..', `fake-bin-${counter}`);
    mkdirSync(bin, { recursive: true });
    // A stand-in npm that starts filling node_modules and then takes its time.
    writeFileSync(join(bin, 'npm'), '#!/bin/sh\nmkdir -p node_modules/.package-lock\necho installing...\nsleep 30\n');
    chmodSync(join(bin, 'npm'), 0o755);
    const session = await inTerminal(['nested/slow-app', '--yes'], [['installing\\.\\.\\.', CTRL_C]], {
      cwd,
      env: { PATH: `${bin}:${process.env.PATH}` },
    });
    expect(session.exitCode, session.stdout).toBe(130);
    expect(session.stdout).toContain(`Cancelled: removed ${join(cwd, 'nested')}, which this run had created.`);
    expect(readdirSync(cwd)).toEqual([]);
  });
});
