// Errors the user caused or chose: shown as one line on stderr, without a stack trace.

/** Bad command line, config file or target directory: exit code 1. */
export class CliError extends Error {
  override name = 'CliError';
}

/** The write failed or was interrupted: `message` says what is on disk now. */
export class WriteFailed extends Error {
  override name = 'WriteFailed';
  constructor(
    message: string,
    readonly signal?: NodeJS.Signals,
  ) {
    super(message);
  }
}

export const EXIT_OK = 0;
export const EXIT_ERROR = 1;
export const EXIT_CANCELLED = 130;
/** SIGTERM: 128 + 15, as shells report it. */
export const EXIT_TERMINATED = 143;

/** Inquirer rejects a prompt with ExitPromptError when the user presses Ctrl-C (exit code 130). */
export function isPromptCancel(error: unknown): boolean {
  return error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError');
}
