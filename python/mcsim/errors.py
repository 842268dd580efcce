"""The one exception the package raises for anything mcsim refuses or cannot do."""
from __future__ import annotations

from typing import Sequence


class McsimError(Exception):
    """mcsim failed, or could not be started.

    ``str(error)`` is mcsim's one-line message without its ``mcsim: `` prefix (for example
    ``scenarios/x.yaml: cachenet.tau: Invalid input: expected number, received string``). When mcsim
    itself crashed (a bug, with a stack trace), it is the whole of stderr.

    Attributes:
        exit_code: mcsim's exit status (1 for bad input, 2 for a bad option; ``None`` when the command
            could not be started at all).
        command: the command line that was run, as a list of strings (empty when none was).
        stderr: everything mcsim wrote to stderr.
    """

    def __init__(self, message: str, exit_code: int | None = None, command: Sequence[str] = (), stderr: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
        self.command = list(command)
        self.stderr = stderr
