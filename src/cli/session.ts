// What the CLI hands the generator, and what the generator tells the CLI back (for Ctrl-C).
import type { RawOptions } from '../core/index.js';
import type { PackageManager } from './package-manager.js';
import type { Target, TargetSnapshot } from './target.js';

export interface Session {
  /** Options from flags and --config, flags winning; projectName only from --config. */
  given: RawOptions;
  /** The project directory when known before asking (argument given, or not interactive). */
  target?: Target;
  interactive: boolean;
  force: boolean;
  skipInstall: boolean;
  packageManager: PackageManager;
  cwd: string;
  /** Set by the generator right before it puts anything on disk. */
  snapshot?: TargetSnapshot;
  /** Set by the generator while the install runs. */
  install?: Promise<unknown> & { kill: (signal?: NodeJS.Signals) => boolean };
  /** Set by the CLI on Ctrl-C: it stops the install, cleans up and exits by itself. */
  cancelling?: boolean;
  /** Set once the project is written: the directory to mention in messages. */
  written?: Target;
  /** The error that stopped the generator: the CLI reports it (Yeoman would log its own line). */
  failure?: unknown;
}

/** Name of the generator option that carries the session. */
export const SESSION_OPTION = 'createAmplifyTokenAppSession';
