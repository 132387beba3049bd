"""A progress bar for management commands: redrawn in place on a terminal, a line per tenth
in a log file (systemd journal, CI), silent with --verbosity 0."""

import sys
import time
from typing import TextIO

WIDTH = 30


class Progress:
    def __init__(self, label: str, total: int, *, stream: TextIO | None = None, verbosity=1):
        self.label, self.total = label, max(total, 0)
        self.stream = stream or sys.stderr
        self.quiet = verbosity == 0
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.done = 0
        self.started = time.perf_counter()
        self._last_tenth = -1

    def advance(self, count: int = 1) -> None:
        self.done = min(self.done + count, self.total) if self.total else self.done + count
        if self.quiet:
            return
        if self.tty:
            self.stream.write("\r" + self._line())
            self.stream.flush()
            return
        tenth = self.done * 10 // self.total if self.total else 0
        if tenth > self._last_tenth:
            self._last_tenth = tenth
            self.stream.write(self._line() + "\n")

    def finish(self) -> float:
        """End the bar; returns the seconds it took."""
        seconds = time.perf_counter() - self.started
        if not self.quiet:
            end = f" {seconds:.1f} s"
            self.stream.write(("\r" if self.tty else "") + self._line() + end + "\n")
        return seconds

    def _line(self) -> str:
        share = self.done / self.total if self.total else 1.0
        bar = "#" * int(share * WIDTH)
        return f"{self.label:<22} [{bar:<{WIDTH}}] {share:4.0%} {self.done:,}/{self.total:,}"
