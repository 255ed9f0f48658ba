// Errors the user caused or chose: shown as one line on stderr, without a stack trace.

/** Bad command line, config file or target directory: exit code 1. */
export class CliError extends Error {
  override name = 'CliError';
}

export const EXIT_OK = 0;
export const EXIT_ERROR = 1;
export const EXIT_CANCELLED = 130;

/** Inquirer rejects a prompt with ExitPromptError when the user presses Ctrl-C (exit code 130). */
export function isPromptCancel(error: unknown): boolean {
  return error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError');
}
