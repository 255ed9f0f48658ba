// The command: arguments → checks → the writer (or, with questions to ask, the generator). Returns the exit code; never throws for the
// user's mistakes (one line on stderr instead).
import { buildModel, checkAnswerable, CHOICE_KEYS, DEFAULTS, OptionsError, type RawOptions } from '../core/index.js';
import { parseCliArgs } from './args.js';
import { loadConfig, mergeOptions } from './config.js';
import { CliError, EXIT_CANCELLED, EXIT_ERROR, EXIT_OK, isPromptCancel } from './errors.js';
import { helpText } from './help.js';
import { type CliIo, processIo } from './io.js';
import { detectPackageManager } from './package-manager.js';
import type { Session } from './session.js';
import { checkTargetDirectory, removeAdded, resolveTarget, type Target } from './target.js';
import { scaffold } from './scaffold.js';
import { ownPackage } from '../core/own-package.js';

export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  // Subcommands that inspect an existing project: their own module, no generator loaded.
  if (argv[0] === 'doctor' || argv[0] === 'preview') {
    const { runInspectCommand } = await import('./inspect-command.js');
    return runInspectCommand(argv[0], argv.slice(1), io);
  }
  let session: Session | undefined;
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
    if (args.regenerate) {
      const { runRegenerate } = await import('./regenerate-command.js');
      return await runRegenerate(args, given, io);
    }
    checkRegenerateOnlyFlags(args);
    const interactive = io.stdinIsTTY && !args.yes;

    let target: Target | undefined;
    const directory = args.directory ?? (interactive ? undefined : (given.projectName ?? DEFAULTS.projectName));
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
      packageManager: detectPackageManager(io.env.npm_config_user_agent),
      cwd: io.cwd,
    };
    const stopListening = onInterrupt(session, io);
    try {
      if (interactive) {
        // Only the questions need Yeoman (its prompts); loading it costs seconds, so only here.
        const { runGenerator } = await import('./run-generator.js');
        await runGenerator(session);
      } else {
        await scaffold(session, io.stdout);
      }
      if (args.projen) {
        const { handOffToProjen } = await import('./projen-handoff.js');
        await handOffToProjen(session, io.stdout);
      }
    } finally {
      stopListening();
    }
    return EXIT_OK;
  } catch (error) {
    if (isPromptCancel(error)) {
      io.stderr(`${cancelMessage(session)}\n`);
      return EXIT_CANCELLED;
    }
    const written = session?.written;
    if (session?.snapshot && !written) removeAdded(session.snapshot);
    io.stderr(`${errorMessage(error)}\n`);
    return EXIT_ERROR;
  }
}

function checkRegenerateOnlyFlags(args: ReturnType<typeof parseCliArgs>): void {
  const flag = args.dryRun ? '--dry-run' : args.allowReplacePool ? '--allow-replace-pool' : args.interactive ? '--interactive' : undefined;
  if (flag) throw new CliError(`${flag} works with --regenerate only.`);
}

function errorMessage(error: unknown): string {
  if (error instanceof CliError || error instanceof OptionsError) return `Error: ${error.message}`;
  if (error instanceof Error) {
    // Unexpected: still one line, the stack only on request.
    return process.env.DEBUG ? `Error: ${error.stack ?? error.message}` : `Error: ${error.message}`;
  }
  return `Error: ${String(error)}`;
}

/** Removes what the run added, if anything, and says so in one line. */
function cancelMessage(session: Session | undefined): string {
  const snapshot = session?.snapshot;
  if (!snapshot) return 'Cancelled: nothing was written.';
  removeAdded(snapshot);
  return snapshot.createdRoot
    ? `Cancelled: removed ${snapshot.createdRoot}, which this run had created.`
    : `Cancelled: removed what this run had added to ${snapshot.path}.`;
}

/**
 * Ctrl-C outside a prompt (a prompt gets it as a key and rejects instead): wait for a running
 * install to stop, remove what this run wrote, exit 130.
 */
function onInterrupt(session: Session, io: CliIo): () => void {
  const handler = () => {
    session.cancelling = true;
    void (async () => {
      if (session.install) {
        session.install.kill('SIGINT'); // a terminal's Ctrl-C reaches it anyway; kill -INT does not
        await Promise.race([session.install.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 5000))]);
      }
      io.stderr(`\n${cancelMessage(session)}\n`);
      io.exit(EXIT_CANCELLED);
    })();
  };
  process.on('SIGINT', handler);
  return () => process.off('SIGINT', handler);
}

