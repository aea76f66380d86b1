"""Starting measured subprocesses: plain wall time, and under a pseudo-terminal."""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import time

from bench.paths import ROOT, child_env

APP = [sys.executable, "-m", "duunikulma_tui"]


def wall_time(args: list[str], *, timeout: float = 120, env: dict[str, str] | None = None) -> float:
    """Seconds from just before the start of `args` to its exit; fails on a non-zero status."""
    began = time.perf_counter()
    done = subprocess.run(args, cwd=ROOT, env=env or child_env(), stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
    elapsed = time.perf_counter() - began
    check(done, args)
    return elapsed


def check(done: subprocess.CompletedProcess, args: list[str]) -> None:
    """Raise with the end of stderr when a command failed."""
    if done.returncode != 0:
        tail = (done.stderr or b"")[-600:].decode(errors="replace")
        raise RuntimeError(f"{' '.join(map(str, args))} exited {done.returncode}: {tail}")


class PtyRun:
    """A program on a fresh pseudo-terminal of columns×lines, its output read continuously.

    The terminal is the program's controlling terminal, like a real one.
    `read(seconds)` returns what arrived meanwhile; `stop()` sends ctrl+q and
    kills the program if it is still running 5 s later.
    """

    def __init__(self, args: list[str], *, env: dict[str, str], columns: int = 80,
                 lines: int = 24) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        env = {**env, "COLUMNS": str(columns), "LINES": str(lines)}
        self.began = time.monotonic()
        self.proc = subprocess.Popen(args, cwd=ROOT, env=env, stdin=slave, stdout=slave,
                                     stderr=slave, start_new_session=True, close_fds=True,
                                     preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0))
        os.close(slave)
        self.log: list[tuple[float, int]] = []  # (seconds after the start, bytes) per read

    def elapsed(self) -> float:
        """Seconds since the program was started."""
        return time.monotonic() - self.began

    def read(self, seconds: float, *, until: bytes | None = None,
             quiet: float | None = None) -> bytes:
        """Everything written in the next `seconds`, or less: until the output
        contains `until`, or until nothing has come for `quiet` seconds."""
        out = bytearray()
        deadline = time.monotonic() + seconds
        last = time.monotonic()
        # Keep reading all the time: a full pty buffer would stall the program.
        while (left := deadline - time.monotonic()) > 0:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the program exited ({self.proc.returncode}): "
                                   f"{bytes(out[-400:])!r}")
            ready, _, _ = select.select([self.master], [], [], min(left, 0.05))
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:  # EIO: the program has closed the terminal
                    self.proc.wait(5)
                    raise RuntimeError(f"the program exited ({self.proc.returncode}): "
                                       f"{bytes(out[-400:])!r}") from None
                out += chunk
                last = time.monotonic()
                self.log.append((self.elapsed(), len(chunk)))
                if until is not None and until in out:
                    break
            elif quiet is not None and time.monotonic() - last >= quiet:
                break
        return bytes(out)

    def stop(self) -> None:
        """ctrl+q, then SIGKILL to the program's group if it has not quit within 5 s."""
        try:
            if self.proc.poll() is None:
                os.write(self.master, b"\x11")
                until = time.monotonic() + 5
                while self.proc.poll() is None and time.monotonic() < until:
                    if select.select([self.master], [], [], 0.05)[0]:
                        try:
                            os.read(self.master, 65536)
                        except OSError:  # EIO: the program closed the terminal
                            break
        finally:
            if self.proc.poll() is None:
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
            os.close(self.master)
