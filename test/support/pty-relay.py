"""Run a command on a real pseudo-terminal; relay our stdin to it and its output to our stdout.

Used by tests that drive interactive prompts by keystrokes. Exits with the command's code.
"""

import fcntl
import os
import pty
import select
import struct
import sys
import termios


def main() -> int:
    pid, master = pty.fork()
    if pid == 0:
        os.execvp(sys.argv[1], sys.argv[1:])
    fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    inputs = [master, sys.stdin.fileno()]
    while True:
        readable, _, _ = select.select(inputs, [], [])
        if master in readable:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the child closed its terminal
                data = b""
            if not data:
                break
            os.write(sys.stdout.fileno(), data)
        if sys.stdin.fileno() in readable:
            data = os.read(sys.stdin.fileno(), 65536)
            if data:
                os.write(master, data)
            else:
                inputs.remove(sys.stdin.fileno())
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main())
