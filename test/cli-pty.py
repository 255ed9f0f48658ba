"""Runs a command in a pseudo-terminal and answers its prompts, for test/cli-interactive.test.ts.

Usage: python3 cli-pty.py STEPS_JSON -- command args...
STEPS_JSON is a list of [pattern, keys]: wait until the terminal output (ANSI codes stripped)
after the previous match matches the regular expression `pattern`, then type `keys`.
Prints the whole transcript (ANSI stripped) and exits with the command's exit code
(128 + n when killed by signal n); 97 when a pattern did not appear in time.
"""
import json
import os
import pty
import re
import select
import struct
import sys
import termios
import fcntl
import time

ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]")
TIMEOUT = float(os.environ.get("PTY_TIMEOUT", "30"))


def main():
    separator = sys.argv.index("--")
    steps = json.loads(sys.argv[1])
    command = sys.argv[separator + 1:]
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))
        os.execvp(command[0], command)
    raw = b""
    position = 0
    deadline = time.monotonic() + TIMEOUT
    step = 0
    alive = True
    while alive:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                chunk = b""
            if not chunk:
                alive = False
            raw += chunk
        text = ANSI.sub("", raw.decode("utf-8", "replace"))
        if step < len(steps):
            pattern, keys = steps[step]
            match = re.compile(pattern).search(text, position)
            if match:
                position = match.end()
                step += 1
                time.sleep(0.15)  # let the prompt finish drawing and take the keys
                os.write(fd, keys.encode("utf-8"))
            elif time.monotonic() > deadline:
                sys.stdout.write(text)
                sys.stdout.write(f"\n[cli-pty] timed out waiting for step {step}: {pattern!r}\n")
                os.kill(pid, 9)
                os.waitpid(pid, 0)
                sys.exit(97)
        elif time.monotonic() > deadline:
            sys.stdout.write(text + "\n[cli-pty] timed out waiting for the command to exit\n")
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            sys.exit(97)
    _, status = os.waitpid(pid, 0)
    sys.stdout.write(ANSI.sub("", raw.decode("utf-8", "replace")))
    if step < len(steps):
        sys.stdout.write(f"\n[cli-pty] the command exited before step {step}: {steps[step][0]!r}\n")
        sys.exit(97)
    code = os.waitstatus_to_exitcode(status)
    sys.exit(128 - code if code < 0 else code)


main()
