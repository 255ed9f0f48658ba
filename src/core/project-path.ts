// What a path inside a generated project may look like, wherever it comes from (the templates, a
// stored record, a flag). A record or a config is untrusted: a path that leaves the project
// (`../outside/x`, `/etc/passwd`) must never be read, printed, written or deleted.

/** Why `path` is not a plain relative path inside the project, or undefined when it is one. */
export function projectPathProblem(path: unknown): string | undefined {
  if (typeof path !== 'string' || path === '') return 'not a path';
  if (path.length > 1024) return 'longer than 1024 characters';
  if (path.includes('\0')) return 'holds a NUL character';
  if (path.includes('\\')) return 'holds a backslash (use / between folders)';
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'absolute';
  const segments = path.split('/');
  if (segments.includes('..')) return 'leaves the project (..)';
  if (segments.some((segment) => segment === '' || segment === '.')) return 'not a plain relative path (empty or . segment)';
  return undefined;
}

export function isProjectPath(path: unknown): path is string {
  return projectPathProblem(path) === undefined;
}
