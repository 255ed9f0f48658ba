// doctor and preview at the command line, without synthesis: help, argument errors, how the
// report reads with and without colour. (Synthesis-backed runs: doctor-fixtures and verify.)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { BIN, ensureBuilt, ROOT } from './cli-helpers.js';
import type { Finding } from '../src/core/doctor/index.js';
import type { CliIo } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import { formatDoctor, styleFor, wantsColour } from '../src/cli/inspect-output.js';

function capture(env: NodeJS.ProcessEnv = {}): { io: CliIo; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    io: {
      cwd: process.cwd(),
      env,
      stdinIsTTY: false,
      stdout: (text) => (out += text),
      stderr: (text) => (err += text),
      exit: (code) => {
        throw new Error(`exit ${code}`);
      },
    },
    out: () => out,
    err: () => err,
  };
}

const finding: Finding = {
  id: 'trigger-permission-missing',
  severity: 'error',
  resource: 'pretokengenerationlambda99F76340',
  problem: 'no permission',
  fix: 'addTrigger',
};

describe('doctor / preview command line', () => {
  it.each(['doctor', 'preview'])('%s --help describes the command and its exit codes', async (command) => {
    const { io, out } = capture();
    expect(await main([command, '--help'], io)).toBe(0);
    expect(out()).toContain(`Usage: create-amplify-token-app ${command} [directory]`);
    expect(out()).toMatch(/Exit codes: 0 .*2 cannot inspect/);
  });

  it('the main help lists both commands', async () => {
    const { io, out } = capture();
    await main(['--help'], io);
    expect(out()).toMatch(/doctor \[directory\] \[--json\]/);
    expect(out()).toMatch(/preview \[directory\] \[--user k=v\]/);
  });

  it('bad arguments: exit 2, naming the value', async () => {
    const cases: [string[], RegExp][] = [
      [['doctor', 'a', 'b'], /doctor takes at most one directory, got "a" "b"/],
      [['doctor', '--user', 'x=y'], /unknown flag or missing value: --user/],
      [['preview', '--trigger-source'], /--trigger-source/],
      [['preview', '--user', '=acme'], /--user "=acme" is not key=value/],
    ];
    for (const [argv, message] of cases) {
      const { io, err } = capture();
      expect(await main(argv, io), argv.join(' ')).toBe(2);
      expect(err()).toMatch(message);
    }
  });

  it('doctor loads no Yeoman: every module the built bin imports is recorded, none is yeoman', { timeout: 60_000 }, async () => {
    await ensureBuilt();
    const dir = join(ROOT, 'test', '.work', 'cli-inspect');
    mkdirSync(dir, { recursive: true });
    // A resolve hook (module.register) that prints every specifier resolved, then the bin.
    writeFileSync(
      join(dir, 'hooks.mjs'),
      "export async function resolve(specifier, context, next) { process._rawDebug('resolved ' + specifier); return next(specifier, context); }\n",
    );
    writeFileSync(
      join(dir, 'register.mjs'),
      `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});\n`,
    );
    const run = await execa(process.execPath, ['--import', pathToFileURL(join(dir, 'register.mjs')).href, BIN, 'doctor', dir], { reject: false, all: true });
    expect(run.exitCode, run.all).toBe(2); // no amplify/backend.ts there: the command ran to its end
    expect(run.all).toMatch(/cannot doctor .* has no amplify\/backend\.ts/);
    expect(run.all).toMatch(/resolved .*dist\/bundle\/cli\.js/); // the hook saw the bundle load
    expect(run.all).not.toMatch(/resolved [^\n]*yeoman/i);
  });

  it('colour only on a terminal, without NO_COLOR, and never in JSON', () => {
    expect(wantsColour(true, {}, false)).toBe(true);
    expect(wantsColour(false, {}, false)).toBe(false);
    expect(wantsColour(true, { NO_COLOR: '1' }, false)).toBe(false);
    expect(wantsColour(true, {}, true)).toBe(false);
    const report = { stack: 'auth.nested.template.json', findings: [finding], notChecked: [] };
    expect(formatDoctor(report, '.', styleFor(true))).toContain('\u001b[31merror');
    const plain = formatDoctor(report, '.', styleFor(false));
    expect(plain).not.toContain('\u001b[');
    expect(plain).toContain('error   trigger-permission-missing  pretokengenerationlambda99F76340\n  no permission\n  fix: addTrigger');
    expect(plain).toMatch(/1 error, 0 warnings\.\n$/);
  });
});
