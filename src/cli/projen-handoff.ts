// --projen: the fresh run wrote .projenrc.ts with the project (src/cli/scaffold.ts); this hands the
// project to projen: adds projen as a development dependency (this package already is one: the
// component comes from it) and runs the first synthesis, so the project continues under projen.
// With --skip-install it says what to run instead.
import { execa } from 'execa';
import { PROJEN_DEPENDENCY } from '../core/index.js';
import { CliError } from './errors.js';
import type { PackageManager } from './package-manager.js';
import type { Session } from './session.js';
import { PROJENRC_FILE } from '../projen/projenrc.js';

export function projenCommands(pm: PackageManager): [command: string, args: string[]][] {
  const packages = Object.entries(PROJEN_DEPENDENCY).map(([name, version]) => `${name}@${version}`);
  const add: [string, string[]] = pm === 'npm' ? ['npm', ['install', '-D', ...packages]] : [pm, ['add', '-D', ...packages]];
  // The first synthesis runs .projenrc.ts directly (tsx is a dev dependency); then `npx projen`.
  return [add, ['npx', ['tsx', PROJENRC_FILE]]];
}

export async function handOffToProjen(session: Session, out: (text: string) => void): Promise<void> {
  const target = session.written;
  if (!target) throw new Error('--projen: the project was not written.');
  const commands = projenCommands(session.packageManager);
  const shown = commands.map(([command, args]) => `${command} ${args.join(' ')}`);
  if (session.skipInstall) {
    out(`\nWrote ${PROJENRC_FILE}. To continue under projen, run in ${target.path}:\n${shown.map((line) => `  ${line}\n`).join('')}Then change options in ${PROJENRC_FILE} and run npx projen.\n`);
    return;
  }
  out(`\nWrote ${PROJENRC_FILE}; handing the project to projen.\n`);
  for (const [index, [command, args]] of commands.entries()) {
    out(`${shown[index]}\n`);
    const result = await execa(command, args, { cwd: target.path, stdio: 'inherit', reject: false });
    if (result.exitCode !== 0 || result.failed) {
      throw new CliError(
        `${shown[index]} failed (exit code ${result.exitCode ?? '?'}). The project and ${PROJENRC_FILE} are written in ${target.path}; run there: ${shown.slice(index).join(' && ')}`,
      );
    }
  }
  out(`The project continues under projen: change options in ${PROJENRC_FILE}, then run npx projen.\n`);
}
