// Run from a source checkout (this repository, not an installed copy), the version a generated
// project pins is not on the registry yet, so the project's `npm install` would fail on it. Such a
// project links the checkout instead (`file:` and a relative path): its install, `npm run doctor`
// and `npm run preview` work from the first run. Installed copies (under node_modules, as
// `npm create` and `npx` run them) leave the pinned version as rendered.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FileMap, SCAFFOLDER_PACKAGE } from '../core/index.js';

/** This package's root: the nearest directory above this file whose package.json names it. */
function packageRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  const manifest = join(from, 'package.json');
  if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === SCAFFOLDER_PACKAGE) return from;
  const parent = dirname(from);
  if (parent === from) throw new Error(`${SCAFFOLDER_PACKAGE}: its package.json was not found above ${fileURLToPath(import.meta.url)}`);
  return packageRoot(parent);
}

/** The checkout this CLI runs from, or null when it runs as an installed package. */
export function sourceCheckout(): string | null {
  const root = packageRoot();
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
