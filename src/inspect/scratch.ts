// Scratch directories, removed however the work ends (done, failed, timed out or cancelled:
// cancelling ends the work, and the work's end removes it). One per doctor or preview run holds
// the synthesis output, synthesis' own temporary files and, in one of its own, the handler
// runner's files.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `parent`: where it goes (default the system temporary directory); `prefix` starts its name. */
export async function withScratch<T>(parent: string | undefined, prefix: string, work: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(parent ?? tmpdir(), prefix));
  try {
    return await work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
