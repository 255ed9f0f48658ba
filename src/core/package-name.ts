// npm's rules for the name of a new package (those of validate-npm-package-name for new
// packages, without depending on it), plus one of ours: no leading "-", which every command
// that takes the name (npm, the shell, this CLI) would read as a flag.
import { builtinModules } from 'node:module';
import { quoted } from './escape.js';
import { OptionsError } from './options.js';

const MAX_LENGTH = 214;
/** `@scope/name` or `name`. */
const SCOPED = /^@([^/]+)\/([^/]+)$/;
/** What is left of URL-safe characters once capitals and the special characters `~'!()*` are refused. */
const ALLOWED_CHARACTERS = /^[a-z0-9._-]+$/;
const EXCLUDED_NAMES = new Set(['node_modules', 'favicon.ico']);

export function checkPackageName(name: string): void {
  const problem = packageNameProblem(name);
  if (problem) {
    throw new OptionsError(
      `${quoted(name)} is not a valid npm package name (${problem}), and the project directory's name becomes the package name. Use lowercase letters, digits, "-", "." and "_", starting with a letter or digit, at most ${MAX_LENGTH} characters (e.g. my-token-app).`,
    );
  }
}

function packageNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'it is empty';
  if (name.length > MAX_LENGTH) return `it is ${name.length} characters long`;
  if (EXCLUDED_NAMES.has(name)) return 'npm reserves it';
  if (builtinModules.includes(name)) return 'it is the name of a Node.js built-in module';
  const scoped = SCOPED.exec(name);
  for (const part of scoped ? [scoped[1]!, scoped[2]!] : [name]) {
    if (part !== part.toLowerCase()) return 'it has capital letters';
    if (!ALLOWED_CHARACTERS.test(part)) return 'it has characters other than lowercase letters, digits, "-", "." and "_"';
    if (/^[._-]/.test(part)) return `it starts with "${part[0]}"`;
  }
  return undefined;
}
