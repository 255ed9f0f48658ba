// A line diff in unified format for --dry-run. Generated files are small (hundreds of lines), so
// a plain LCS table is fast enough and saves a dependency.

const CONTEXT = 3;

type Op = { kind: ' ' | '-' | '+'; line: string; oldNo: number; newNo: number };

export function unifiedDiff(path: string, before: string | undefined, after: string | undefined): string {
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = diffLines(a, b);
  const hunks: string[] = [];
  let index = 0;
  while (index < ops.length) {
    while (index < ops.length && ops[index]!.kind === ' ') index++;
    if (index >= ops.length) break;
    const start = Math.max(0, index - CONTEXT);
    let end = index;
    // Extend the hunk while changes are closer than two contexts apart.
    for (let next = index; next < ops.length; next++) {
      if (ops[next]!.kind !== ' ') end = next;
      else if (next - end > 2 * CONTEXT) break;
    }
    const stop = Math.min(ops.length, end + CONTEXT + 1);
    const slice = ops.slice(start, stop);
    const oldCount = slice.filter((op) => op.kind !== '+').length;
    const newCount = slice.filter((op) => op.kind !== '-').length;
    const oldStart = oldCount === 0 ? slice[0]!.oldNo : slice.find((op) => op.kind !== '+')!.oldNo;
    const newStart = newCount === 0 ? slice[0]!.newNo : slice.find((op) => op.kind !== '-')!.newNo;
    hunks.push(`@@ -${oldStart},${oldCount} +${newStart},${newCount} @@`);
    for (const op of slice) hunks.push(`${op.kind}${op.line}`);
    index = stop;
  }
  if (hunks.length === 0) return '';
  const from = before === undefined ? '/dev/null' : `a/${path}`;
  const to = after === undefined ? '/dev/null' : `b/${path}`;
  return [`--- ${from}`, `+++ ${to}`, ...hunks].join('\n') + '\n';
}

function splitLines(text: string | undefined): string[] {
  if (text === undefined || text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function diffLines(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      ops.push({ kind: ' ', line: a[i]!, oldNo: i + 1, newNo: j + 1 });
      i++;
      j++;
    } else if (i < n && (j >= m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      // Removals before additions where either order is a shortest diff, as diff and git print them.
      ops.push({ kind: '-', line: a[i]!, oldNo: i + 1, newNo: j });
      i++;
    } else {
      ops.push({ kind: '+', line: b[j]!, oldNo: i, newNo: j + 1 });
      j++;
    }
  }
  return ops;
}
