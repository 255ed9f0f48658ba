// The --regenerate command line: where the project is, which flags make sense, then regenerate().
import { resolve } from 'node:path';
import type { RawOptions } from '../core/index.js';
import type { CliArgs } from './args.js';
import { CliError, EXIT_OK } from './errors.js';
import type { CliIo } from './main.js';
import { regenerate } from './regenerate.js';

export async function runRegenerate(args: CliArgs, given: RawOptions, io: CliIo): Promise<number> {
  if (args.projen) throw new CliError('--projen is for a new project; a projen project changes its options in .projenrc.ts and runs npx projen.');
  if (given.projectName !== undefined) {
    throw new CliError(`projectName "${given.projectName}" cannot change with --regenerate: the package name stays as generated.`);
  }
  await regenerate({
    dir: resolve(io.cwd, args.directory ?? '.'),
    flags: given,
    force: args.force,
    dryRun: args.dryRun,
    allowReplacePool: args.allowReplacePool,
    out: io.stdout,
  });
  return EXIT_OK;
}
