// The one way this tool reads a file it did not write: --config, .yo-rc.json, the project's files,
// and what the project's synthesis wrote into cdk.out (doctor, preview, the data check).
// Only a regular file of bounded size: a FIFO would block forever and /dev/zero would fill the
// memory, so the file is opened without blocking, checked with fstat, and read up to the limit.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

export const MAX_CONFIG_BYTES = 1024 * 1024;
export const MAX_PROJECT_FILE_BYTES = 4 * 1024 * 1024;

/** The file cannot be read as asked; `message` completes "<label> …". */
export class UnreadableFile extends Error {
  override name = 'UnreadableFile';
  constructor(
    readonly reason: 'missing' | 'not-regular' | 'too-large' | 'link' | 'error',
    message: string,
  ) {
    super(message);
  }
}

export interface ReadOptions {
  maxBytes: number;
  /** Refuse a symbolic link instead of following it (files inside a project). */
  noFollow?: boolean;
}

/** The file's text, or an UnreadableFile whose message says why ("does not exist", "is a FIFO", …). */
export function readBoundedFile(path: string, { maxBytes, noFollow = false }: ReadOptions): string {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | (noFollow ? constants.O_NOFOLLOW : 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UnreadableFile('missing', 'does not exist');
    if (code === 'ELOOP') throw new UnreadableFile('link', 'is a symbolic link');
    if (code === 'EISDIR') throw new UnreadableFile('not-regular', 'is a directory');
    throw new UnreadableFile('error', `cannot be read (${code ?? (error as Error).message})`);
  }
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) throw new UnreadableFile('not-regular', 'is a directory');
    if (!stats.isFile()) throw new UnreadableFile('not-regular', `is not a regular file (${kindOf(stats)})`);
    if (stats.size > maxBytes) throw new UnreadableFile('too-large', `is ${stats.size} bytes; at most ${maxBytes} are read`);
    const buffer = Buffer.alloc(Math.min(maxBytes + 1, stats.size + 1));
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      length += read;
      if (read === 0 || length === buffer.length) break;
    }
    if (length > stats.size) throw new UnreadableFile('error', 'changed while being read');
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

function kindOf(stats: ReturnType<typeof fstatSync>): string {
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}
