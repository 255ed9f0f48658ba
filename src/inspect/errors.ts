/** The project cannot be inspected (not installed, no backend, synthesis failed): exit code 2. */
export class InspectError extends Error {
  override name = 'InspectError';
}
