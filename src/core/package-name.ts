import { OptionsError } from './options.js';

// npm's rules for a new package name (validate-npm-package-name), without its dependency.
const NAME_PATTERN = /^(?:@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;
const MAX_LENGTH = 214;

export function checkPackageName(name: string): void {
  if (name.length === 0 || name.length > MAX_LENGTH || !NAME_PATTERN.test(name) || name === 'node_modules' || name === 'favicon.ico') {
    throw new OptionsError(
      `"${name}" is not a valid npm package name, and the project directory's name becomes the package name. Use lowercase letters, digits, "-", "." and "_", not starting with "." or "_", at most ${MAX_LENGTH} characters (e.g. my-token-app).`,
    );
  }
}
