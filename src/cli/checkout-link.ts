// Run from a source checkout (this repository, not an installed copy), the version a generated
// project pins is not on the registry yet, so the project's `npm install` would fail on it. Such a
// project links the checkout instead (`file:` and a relative path): its install, `npm run doctor`
// and `npm run preview` work from the first run. Installed copies (under node_modules, as
// `npm create` and `npx` run them) leave the pinned version as rendered.
import { relative, sep } from 'node:path';
import { type FileMap, SCAFFOLDER_PACKAGE } from '../core/index.js';
import { ownPackageRoot } from '../core/own-package.js';

/** The checkout this CLI runs from, or null when it runs as an installed package. */
export function sourceCheckout(): string | null {
  const root = ownPackageRoot();
  return root.split(sep).includes('node_modules') ? null : root;
}

/** The files with package.json's pin of this package replaced by a link to `checkout`. */
export function linkCheckout(files: FileMap, projectDir: string, checkout: string | null = sourceCheckout()): FileMap {
  const manifest = files.get('package.json');
  if (checkout === null || manifest === undefined) return files;
  const link = `file:${relative(projectDir, checkout).split(sep).join('/') || '.'}`;
  const pinned = new RegExp(`("${SCAFFOLDER_PACKAGE}": )"[^"]*"`);
  return new Map(files).set('package.json', manifest.replace(pinned, `$1${JSON.stringify(link)}`));
}
