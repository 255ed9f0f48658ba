// What a path inside a generated project may look like, wherever it comes from (the templates, a
// stored record, a flag). A record or a config is untrusted: a path that leaves the project
// (`../outside/x`, `/etc/passwd`) must never be read, printed, written or deleted.

/** The names of this tool's own working files in a project (its lock, its staging folder) start with this. */
export const WORK_FILE_PREFIX = '.create-amplify-token-app.';

/**
 * Why `path` is not a plain relative path inside the project that this tool may write, or
 * undefined when it is one. Git's and npm's folders and the tool's own working files are out of
 * bounds even inside the project.
 */
export function projectPathProblem(path: unknown): string | undefined {
  if (typeof path !== 'string' || path === '') return 'not a path';
  if (path.length > 1024) return 'longer than 1024 characters';
  if (path.includes('\0')) return 'holds a NUL character';
  if (path.includes('\\')) return 'holds a backslash (use / between folders)';
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'absolute';
  const segments = path.split('/');
  if (segments.includes('..')) return 'leaves the project (..)';
  if (segments.some((segment) => segment === '' || segment === '.')) return 'not a plain relative path (empty or . segment)';
  if (segments[0] === '.git' || segments.includes('node_modules')) return "inside .git or node_modules, which this tool never writes";
  if (segments[0]!.startsWith(WORK_FILE_PREFIX)) return "one of this tool's own working files";
  return undefined;
}
