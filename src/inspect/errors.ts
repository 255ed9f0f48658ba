/** The project cannot be inspected (not installed, no backend, synthesis failed): exit code 2. */
export class InspectError extends Error {
  override name = 'InspectError';
}

/** The run was cancelled (Ctrl-C): its child processes are stopped, its scratch files removed. */
export class CancelledError extends Error {
  override name = 'CancelledError';
  constructor() {
    super('cancelled');
  }
}
