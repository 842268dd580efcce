"""What every test module imports first: this tree's package ahead of any installed one, and MCSIM
pointing at this repository's bin/mcsim.js unless the caller set it."""
import os
import subprocess
import sys
from pathlib import Path
from typing import List

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
sys.path.insert(0, str(REPO / "python"))
os.environ.setdefault("MCSIM", str(REPO / "bin" / "mcsim.js"))

import mcsim  # noqa: E402  (after the path is set)


def cli(args: List[str]) -> subprocess.CompletedProcess:
    """The mcsim command line itself, run from the repository root: what the package must agree with."""
    return subprocess.run(mcsim.find_command() + args, capture_output=True, text=True, cwd=REPO)


TINY_ARGS = [str(REPO / "test" / "fixtures" / "tiny.yaml")]
