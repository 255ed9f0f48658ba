// --dry-run's diffs read like `diff -u`'s: same hunks, removals before additions.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../src/cli/unified-diff.js';
import { ROOT } from './cli-helpers.js';

const WORK = join(ROOT, 'test/.work/unified-diff');
const lines = (count: number, prefix = 'line') => Array.from({ length: count }, (_, index) => `${prefix} ${index + 1}\n`).join('');

/** GNU diff's hunks for the same texts (its header lines carry file times, so they are dropped). */
function gnuHunks(before: string, after: string): string {
  mkdirSync(WORK, { recursive: true });
  writeFileSync(join(WORK, 'before'), before);
  writeFileSync(join(WORK, 'after'), after);
  try {
    execFileSync('diff', ['-u', join(WORK, 'before'), join(WORK, 'after')], { encoding: 'utf8' });
    return '';
  } catch (error) {
    return (error as { stdout: string }).stdout.split('\n').slice(2).join('\n');
  }
}

const cases: [name: string, before: string, after: string][] = [
  ['a line changed in the middle', lines(20), lines(20).replace('line 10\n', 'line ten\n')],
  ['lines added at the end', lines(5), lines(5) + 'extra 1\nextra 2\n'],
  ['lines removed at the start', lines(12), lines(12).split('\n').slice(2).join('\n')],
  ['two changes far apart make two hunks', lines(40), lines(40).replace('line 3\n', 'three\n').replace('line 35\n', 'thirty-five\n')],
];

describe('unifiedDiff', () => {
  for (const [name, before, after] of cases) {
    it(name, () => {
      const ours = unifiedDiff('file.ts', before, after);
      expect(ours.split('\n').slice(0, 2)).toEqual(['--- a/file.ts', '+++ b/file.ts']);
      expect(ours.split('\n').slice(2).join('\n')).toBe(gnuHunks(before, after));
    });
  }

  it('no change, no diff; a new file is diffed against /dev/null', () => {
    expect(unifiedDiff('same.ts', 'a\n', 'a\n')).toBe('');
    expect(unifiedDiff('new.ts', undefined, 'a\nb\n')).toBe('--- /dev/null\n+++ b/new.ts\n@@ -0,0 +1,2 @@\n+a\n+b\n');
  });
});
