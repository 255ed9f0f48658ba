// From a source checkout, a generated project links the checkout instead of pinning a version the
// registry does not have yet; an installed copy keeps the pin.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel, renderProject } from '../src/core/index.js';
import { linkCheckout, sourceCheckout } from '../src/cli/checkout-link.js';
import { ROOT } from './cli-helpers.js';

const files = renderProject(buildModel({ projectName: 'app' }));
const devDependencies = (map: Map<string, string>) =>
  (JSON.parse(map.get('package.json')!) as { devDependencies: Record<string, string> }).devDependencies;

describe('linkCheckout', () => {
  it('this repository is a source checkout', () => {
    expect(sourceCheckout()).toBe(ROOT);
  });

  it('links the checkout by a relative path, and changes nothing else', () => {
    const linked = linkCheckout(files, join(ROOT, 'examples', 'app'), ROOT);
    expect(devDependencies(linked)['create-amplify-token-app']).toBe('file:../..');
    expect(devDependencies(files)['create-amplify-token-app']).toMatch(/^\d+\.\d+\.\d+/);
    for (const [path, content] of files) if (path !== 'package.json') expect(linked.get(path), path).toBe(content);
    // Only the one value differs: same keys, same formatting.
    expect(linked.get('package.json')!.split('\n').length).toBe(files.get('package.json')!.split('\n').length);
  });

  it('an installed copy (no checkout) keeps the pinned version', () => {
    expect(linkCheckout(files, '/somewhere/app', null)).toBe(files);
  });
});
