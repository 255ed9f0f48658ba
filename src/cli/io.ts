// What the command line reads from and writes to: the process's, or a test's stand-in. Its own
// module, so the subcommands main.ts loads lazily can take it without importing main.ts back.
export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdinIsTTY: boolean;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Ctrl-C outside a prompt: ends the process (after cleanup). */
  exit: (code: number) => never;
}

export function processIo(): CliIo {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdinIsTTY: process.stdin.isTTY === true,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    exit: (code) => process.exit(code),
  };
}
