// The command: arguments → checks → the writer (or, with questions to ask, the generator). Returns the exit code; never throws for the
// user's mistakes (one line on stderr instead).
import { buildModel, checkAnswerable, CHOICE_KEYS, DEFAULTS, OptionsError, type RawOptions } from '../core/index.js';
import { quoted } from '../core/escape.js';
import { Refusal } from '../core/refusal.js';
import { parseCliArgs } from './args.js';
import { loadConfig, mergeOptions } from './config.js';
import { CliError, EXIT_CANCELLED, EXIT_ERROR, EXIT_OK, EXIT_TERMINATED, isPromptCancel, WriteFailed } from './errors.js';
import { helpText } from './help.js';
import { type CliIo, processIo } from './io.js';
import { detectPackageManager } from './package-manager.js';
import type { Session } from './session.js';
import { checkTargetDirectory, removeAdded, resolveTarget, type Target } from './target.js';
import { ownPackage } from '../core/own-package.js';
import type { RunState } from './write-project.js';

export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  // Subcommands that inspect an existing project: their own module, no generator loaded.
  if (argv[0] === 'doctor' || argv[0] === 'preview') {
    const { runInspectCommand } = await import('./inspect-command.js');
    return runInspectCommand(argv[0], argv.slice(1), io);
  }
  let session: Session | undefined;
  const state: RunState = {};
  let stopListening = () => {};
  try {
    const args = parseCliArgs(argv);
    if (args.help) {
      io.stdout(helpText());
      return EXIT_OK;
    }
    if (args.version) {
      io.stdout(`${ownPackage().version}\n`);
      return EXIT_OK;
    }
    const config = args.config !== undefined ? loadConfig(args.config, io.cwd) : {};
    const given = mergeOptions(config, args.flags);
    if (args.regenerate || args.check) {
      const { runRegenerate } = await import('./regenerate-command.js');
      stopListening = onSignals(state, io);
      return await runRegenerate(args, given, io, state);
    }
    checkRegenerateOnlyFlags(args);
    const interactive = io.stdinIsTTY && !args.yes;

    let target: Target | undefined;
    const directory = args.directory ?? (interactive ? undefined : nameAsDirectory(given.projectName ?? DEFAULTS.projectName));
    if (directory !== undefined) {
      target = resolveTarget(directory, io.cwd);
      checkTargetDirectory(target, args.force);
    }
    const options: RawOptions = { ...given, ...(target ? { projectName: target.projectName } : {}) };
    if (interactive) {
      // Bad flags fail now, not after the questions; a combination that a later answer can fix does not.
      checkAnswerable(options, CHOICE_KEYS.filter((key) => given[key] === undefined));
    } else {
      buildModel(options);
    }

    session = {
      given,
      ...(target ? { target } : {}),
      interactive,
      force: args.force,
      skipInstall: args.skipInstall,
      projen: args.projen,
      packageManager: detectPackageManager(io.env.npm_config_user_agent),
      cwd: io.cwd,
    };
    stopListening = onSignals(session, io);
    if (interactive) {
      // Only the questions need Yeoman (its prompts); loading it costs seconds, so only here.
      const { runGenerator } = await import('./run-generator.js');
      await runGenerator(session);
    } else {
      // Loaded when needed: --help and --version stay light.
      const { scaffold } = await import('./scaffold.js');
      await scaffold(session, io.stdout);
    }
    if (args.projen) {
      const { handOffToProjen } = await import('./projen-handoff.js');
      await handOffToProjen(session, io.stdout);
    }
    return EXIT_OK;
  } catch (error) {
    if (isPromptCancel(error)) {
      io.stderr(`${cancelMessage(session)}\n`);
      return EXIT_CANCELLED;
    }
    io.stderr(`${errorMessage(error)}\n`);
    if (error instanceof WriteFailed && error.signal) return exitCodeFor(error.signal);
    return EXIT_ERROR;
  } finally {
    stopListening();
  }
}

/** Without a directory argument, --config's projectName names the directory: a name, never a path. */
function nameAsDirectory(name: string): string {
  if (name.includes('/') || name.includes('\\') || name === '.' || name === '..') {
    throw new CliError(
      `projectName ${quoted(name)} (from --config) is a path, not a name, and without a directory argument it names the directory. Give where to write the project as the directory argument instead.`,
    );
  }
  return name;
}

function checkRegenerateOnlyFlags(args: ReturnType<typeof parseCliArgs>): void {
  const flag = args.dryRun ? '--dry-run' : args.allowReplacePool ? '--allow-replace-pool' : args.interactive ? '--interactive' : undefined;
  if (flag) throw new CliError(`${flag} works with --regenerate only.`);
}

function errorMessage(error: unknown): string {
  if (error instanceof WriteFailed && error.signal) return error.message; // "Cancelled (SIGINT): …", as a cancel reads
  if (error instanceof CliError || error instanceof OptionsError || error instanceof Refusal || error instanceof WriteFailed) return `Error: ${error.message}`;
  if (error instanceof Error) {
    // Unexpected: still one line, the stack only on request.
    return process.env.DEBUG ? `Error: ${error.stack ?? error.message}` : `Error: ${error.message}`;
  }
  return `Error: ${String(error)}`;
}

/** Removes what the run added, if anything, and says so in one line. */
function cancelMessage(session: Session | undefined): string {
  const snapshot = session?.snapshot;
  if (!snapshot || !session?.written) return 'Cancelled: nothing was written.';
  removeAdded(snapshot);
  return snapshot.createdRoot
    ? `Cancelled: removed ${snapshot.createdRoot}, which this run had created.`
    : `Cancelled: removed what this run had added to ${snapshot.path}.`;
}

function exitCodeFor(signal: NodeJS.Signals): number {
  return signal === 'SIGTERM' ? EXIT_TERMINATED : EXIT_CANCELLED;
}

/**
 * Ctrl-C (SIGINT) or SIGTERM outside a prompt (a prompt gets Ctrl-C as a key and rejects instead).
 * While the project is being written, the writer undoes what it wrote and the command reports it.
 * During a fresh run's install: stop the install, remove what this run added. Exit 130 or 143.
 */
function onSignals(state: RunState & Partial<Session>, io: CliIo): () => void {
  const handler = (signal: NodeJS.Signals) => {
    if (state.transaction) {
      state.transaction.cancel(signal);
      return;
    }
    if (state.cancelling) return;
    state.cancelling = true;
    void (async () => {
      if (state.install) {
        state.install.kill('SIGINT'); // a terminal's Ctrl-C reaches it anyway; kill -INT does not
        await Promise.race([state.install.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 5000))]);
      }
      io.stderr(`\n${cancelMessage(state.given ? (state as Session) : undefined)}\n`);
      io.exit(exitCodeFor(signal));
    })();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
