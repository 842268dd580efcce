"""Finding the ``mcsim`` command and running it.

The package never imports mcsim: it runs the same command line a shell would, so a Python run and a
CLI run of the same arguments are the same run.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any, List, Mapping, Optional, Sequence

from .errors import McsimError

ENV_VAR = "MCSIM"
PREFIX = "mcsim: "

HOW_TO_SET = (
    f"set {ENV_VAR} to the mcsim executable or to mcsim's bin/mcsim.js "
    f"(e.g. {ENV_VAR}=node_modules/.bin/mcsim), put mcsim on PATH, or run from a folder whose "
    "node_modules has mcsim (npm install mcsim)"
)


def _node_command(script: Path) -> List[str]:
    node = shutil.which("node")
    if node is None:
        raise McsimError(f"{ENV_VAR}={script} is a JavaScript file, but there is no node on PATH to run it")
    return [node, str(script)]


def find_command(cwd: Optional[os.PathLike[str] | str] = None) -> List[str]:
    """The command line that starts mcsim, as a list (the program and, for a .js file, node before it).

    In this order: the ``MCSIM`` environment variable (an executable, or a ``.js``/``.mjs`` file run with
    the ``node`` on PATH); ``mcsim`` on PATH; ``node_modules/.bin/mcsim`` in ``cwd`` (default: the working
    folder) or the nearest folder above it that has one. Raises McsimError saying how to set it when
    none is found.
    """
    given = os.environ.get(ENV_VAR)
    if given:
        path = Path(given).expanduser()
        if not path.is_file():
            raise McsimError(f"{ENV_VAR}={given}: no such file; {HOW_TO_SET}")
        if path.suffix in (".js", ".mjs"):
            return _node_command(path.resolve())
        if not os.access(path, os.X_OK):
            raise McsimError(f"{ENV_VAR}={given}: not executable (give bin/mcsim.js to run it with node)")
        return [str(path.resolve())]
    on_path = shutil.which("mcsim")
    if on_path is not None:
        return [on_path]
    start = Path(cwd if cwd is not None else os.getcwd()).resolve()
    for folder in (start, *start.parents):
        local = folder / "node_modules" / ".bin" / "mcsim"
        if local.is_file():
            return [str(local)]
    raise McsimError(f"cannot find the mcsim command; {HOW_TO_SET}")


def one_line(stderr: str) -> str:
    """mcsim's message from its stderr: the last line it printed as ``mcsim: <message>`` (help text may
    come before it), or the whole of stderr when there is none (a crash keeps its stack trace)."""
    lines = [line for line in stderr.splitlines() if line.startswith(PREFIX)]
    return lines[-1][len(PREFIX):] if lines else stderr.strip()


def invoke(args: Sequence[str]) -> str:
    """Runs ``mcsim <args>`` and returns its stdout; raises McsimError on a non-zero exit."""
    command = find_command() + list(args)
    try:
        done = subprocess.run(command, capture_output=True, text=True)
    except OSError as err:
        raise McsimError(f"cannot start {command[0]}: {err.strerror}", None, command) from err
    if done.returncode != 0:
        message = one_line(done.stderr) or f"mcsim exited with code {done.returncode} and no message"
        raise McsimError(message, done.returncode, command, done.stderr)
    return done.stdout


def set_value(value: Any) -> str:
    """A ``--set`` value: a string goes as written (mcsim parses it as YAML, as on the command line);
    anything else as JSON, which is YAML (numbers, booleans, null, lists, mappings)."""
    return value if isinstance(value, str) else json.dumps(value)


def set_args(sets: Optional[Mapping[str, Any]]) -> List[str]:
    """``--set key=value`` for each item of a mapping of dotted key paths to values."""
    out: List[str] = []
    for key, value in (sets or {}).items():
        out += ["--set", f"{key}={set_value(value)}"]
    return out
