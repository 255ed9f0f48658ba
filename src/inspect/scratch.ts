// One scratch directory per doctor or preview run: synthesis output, synthesis' own temporary
// files and the handler runner's files all go under it, and it is removed however the run ends
// (done, failed, timed out or cancelled: cancelling ends the work, and the work's end removes it).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function withScratch<T>(parent: string | undefined, work: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(parent ?? tmpdir(), 'create-amplify-token-app-'));
  try {
    return await work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
