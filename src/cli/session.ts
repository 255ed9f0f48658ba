// What the CLI hands the generator, and what the generator tells the CLI back (for Ctrl-C).
import type { RawOptions } from '../core/index.js';
import type { PackageManager } from './package-manager.js';
import type { Target, TargetSnapshot } from './target.js';
import type { RunState } from './write-project.js';

export interface Session extends RunState {
  /** Options from flags and --config, flags winning; projectName only from --config. */
  given: RawOptions;
  /** The project directory when known before asking (argument given, or not interactive). */
  target?: Target;
  interactive: boolean;
  /** Every option as answered (the flags included), when questions were asked. */
  answers?: RawOptions;
  force: boolean;
  skipInstall: boolean;
  /** --projen: .projenrc.ts is written with the project. */
  projen: boolean;
  packageManager: PackageManager;
  cwd: string;
  /** Set right before anything is put on disk: what to remove if the install is cancelled. */
  snapshot?: TargetSnapshot;
  /** Set while the install runs. */
  install?: Promise<unknown> & { kill: (signal?: NodeJS.Signals) => boolean };
  /** Set by the CLI on a signal: it stops the install, cleans up and exits by itself. */
  cancelling?: boolean;
  /** Set once the project is written: the directory to mention in messages. */
  written?: Target;
  /** The error that stopped the generator: the CLI reports it (Yeoman would log its own line). */
  failure?: unknown;
}

/** Name of the generator option that carries the session. */
export const SESSION_OPTION = 'createAmplifyTokenAppSession';
