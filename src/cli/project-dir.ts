// The project directory as the planner sees it (read-only) and the writer uses it: every path,
// whether from the templates, the stored record or a flag, must be a plain relative path that
// stays inside the project, and is never read or written through a symbolic link (a link could
// point anywhere: a tampered project must not make this tool touch or print files outside it).
import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { quoted } from '../core/escape.js';
import { Refusal } from '../core/refusal.js';
import type { DiskView } from '../core/plan.js';
import { projectPathProblem } from '../core/project-path.js';
import { MAX_PROJECT_FILE_BYTES, readBoundedFile, UnreadableFile } from '../fs/bounded-read.js';

export class ProjectDir implements DiskView {
  /** The directory's real path: containment is checked against it. */
  readonly real: string;

  /** `root` must exist (a fresh run creates it first). */
  constructor(readonly root: string) {
    this.real = realpathSync(root);
  }

  /**
   * The absolute path of `path` inside the project, after checking that it is a plain relative
   * path and that no folder on the way is a symbolic link or a file. Throws a Refusal otherwise.
   */
  resolve(path: string): string {
    const problem = projectPathProblem(path);
    if (problem) throw new Refusal(`Refused: ${quoted(path)} is not a file inside the project (${problem}).`);
    const absolute = join(this.real, path);
    const inside = relative(this.real, absolute);
    if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..') throw new Refusal(`Refused: ${quoted(path)} leaves the project.`);
    const segments = path.split('/');
    for (let depth = 1; depth < segments.length; depth++) {
      const folder = segments.slice(0, depth).join('/');
      const stats = lstatSync(join(this.real, folder), { throwIfNoEntry: false });
      if (!stats) break;
      if (stats.isSymbolicLink()) throw linkRefusal(folder, join(this.real, folder));
      if (!stats.isDirectory()) throw new Refusal(`Refused: ${folder} is a file, where ${path} needs a folder. Move it away, then run again.`);
    }
    return absolute;
  }

  read(path: string): string | undefined {
    const absolute = this.resolve(path);
    try {
      return readBoundedFile(absolute, { maxBytes: MAX_PROJECT_FILE_BYTES, noFollow: true });
    } catch (error) {
      if (!(error instanceof UnreadableFile)) throw error;
      if (error.reason === 'missing') return undefined;
      if (error.reason === 'link') throw linkRefusal(path, absolute);
      throw new Refusal(`Refused: ${path} ${error.message}; this tool reads and writes only regular files in the project. Move it away, then run again.`);
    }
  }

  /** Whether anything (a file, a folder, a link) is at `path`. */
  exists(path: string): boolean {
    return lstatSync(this.resolve(path), { throwIfNoEntry: false }) !== undefined;
  }
}

function linkRefusal(path: string, absolute: string): Refusal {
  let target = '';
  try {
    target = ` (to ${readlinkSync(absolute)})`;
  } catch {
    // gone meanwhile: the message still names it
  }
  return new Refusal(
    `Refused: ${path} is a symbolic link${target}. This tool does not read or write through links: one could reach outside the project. Replace it with the real file or folder, then run again.`,
  );
}
