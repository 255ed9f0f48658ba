// This package's root and manifest, found from wherever this code runs: src/ under the tests,
// dist/bundle/ when built, node_modules/create-amplify-token-app/ when installed. templates/ and
// package.json sit at the root in all three.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCAFFOLDER_PACKAGE } from './versions.js';

interface Manifest {
  name: string;
  version: string;
}

let found: { root: string; manifest: Manifest } | undefined;

function find(): { root: string; manifest: Manifest } {
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    const path = join(dir, 'package.json');
    if (existsSync(path)) {
      const manifest = JSON.parse(readFileSync(path, 'utf8')) as Partial<Manifest>;
      if (manifest.name === SCAFFOLDER_PACKAGE && manifest.version) return { root: dir, manifest: manifest as Manifest };
    }
    if (dirname(dir) === dir) throw new Error(`${SCAFFOLDER_PACKAGE}: its package.json was not found above ${start}`);
  }
}

/** The directory holding this package's package.json and templates/. */
export function ownPackageRoot(): string {
  found ??= find();
  return found.root;
}

/** This package's name and version. */
export function ownPackage(): Manifest {
  found ??= find();
  return { name: found.manifest.name, version: found.manifest.version };
}
