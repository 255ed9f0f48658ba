// The --regenerate and --check command line: where the project is, which flags make sense, then regenerate().
import { resolve } from 'node:path';
import { quoted } from '../core/escape.js';
import type { RawOptions } from '../core/index.js';
import type { CliArgs } from './args.js';
import { CliError } from './errors.js';
import type { CliIo } from './io.js';
import { regenerate } from './regenerate.js';
import type { RunState } from './write-project.js';

export async function runRegenerate(args: CliArgs, given: RawOptions, io: CliIo, state: RunState): Promise<number> {
  if (args.projen) throw new CliError('--projen is for a new project; a projen project changes its options in .projenrc.ts and runs npx projen.');
  if (given.projectName !== undefined) {
    throw new CliError(`projectName ${quoted(given.projectName)} cannot change with --regenerate: the package name stays as generated.`);
  }
  if (args.interactive && !io.stdinIsTTY) throw new CliError('--interactive needs a terminal: stdin is not one. Give the changes as flags instead.');
  if (args.interactive && args.check) throw new CliError('--check asks nothing: give the options to check as flags, or none for the stored ones.');
  const dir = resolve(io.cwd, args.directory ?? '.');
  return regenerate({
    dir,
    flags: given,
    force: args.force,
    dryRun: args.dryRun,
    check: args.check,
    allowReplacePool: args.allowReplacePool,
    ...(args.interactive ? { ask: (flags: RawOptions, stored: RawOptions) => askInTerminal(dir, flags, stored, io) } : {}),
    state,
    out: io.stdout,
  });
}

/** The fresh run's questions (src/cli/prompts.ts), starting from the stored options. */
async function askInTerminal(dir: string, flags: RawOptions, stored: RawOptions, io: CliIo): Promise<RawOptions> {
  const [{ TerminalAdapter }, { askOptions }, { ANSWER, toInquirerQuestion }] = await Promise.all([
    import('@yeoman/adapter'),
    import('./prompts.js'),
    import('./inquirer-question.js'),
  ]);
  const adapter = new TerminalAdapter();
  try {
    const target = { path: dir, display: '.', projectName: stored.projectName ?? '' };
    const result = await askOptions(async (question) => ((await adapter.prompt([toInquirerQuestion(question)] as never)) as Record<string, unknown>)[ANSWER], flags, {
      cwd: dir,
      force: true,
      target,
      defaults: stored,
      info: (message) => io.stdout(`${message}\n`),
    });
    return result.options;
  } finally {
    adapter.close();
  }
}
