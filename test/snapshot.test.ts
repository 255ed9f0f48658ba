// The whole generated tree of each variant, one snapshot file per generated file
// (test/__snapshots__/tree/<variant>/<path>.snap), so a change to a template shows as a readable
// diff of the files users get. Update with `npx vitest run test/snapshot -u`, then read the diff.
import { describe, expect, it } from 'vitest';
import { buildModel, renderProject } from '../src/core/index.js';
import { VARIANTS } from './verify/variants.js';

const variants = [{ name: 'defaults', options: {} }, ...VARIANTS];

describe.each(variants)('generated tree: $name', ({ name, options }) => {
  const files = renderProject(buildModel(options));

  it('has the expected files', () => {
    expect([...files.keys()].sort()).toMatchSnapshot();
  });

  it.each([...files.keys()])('%s', async (path) => {
    await expect(files.get(path)).toMatchFileSnapshot(`__snapshots__/tree/${name}/${path}.snap`);
  });

  it('is formatted consistently: no trailing spaces, tabs or double blank lines; one final newline', () => {
    for (const [path, content] of files) {
      expect(content, path).not.toMatch(/[ \t]+$/m);
      expect(content, path).not.toMatch(/\t/);
      expect(content, path).not.toMatch(/\n\n\n/);
      expect(content, path).toMatch(/[^\n]\n$/);
    }
  });
});
