"""Run mcsim (the caching and offloading simulator) from Python.

    import mcsim
    rows = mcsim.run("scenarios/default.yaml", set={"cachenet.tau": 0.3}, frames=1000)
    table = mcsim.sweep("scenarios/tau-sweep.yaml", frames=500, as_frame=True)   # needs pandas

The functions run the ``mcsim`` command (found from the ``MCSIM`` environment variable, PATH or
``node_modules/.bin``; see ``find_command``) and return its results as lists of dicts, or DataFrames
with ``as_frame=True``. Anything mcsim refuses raises ``McsimError`` with mcsim's one-line message.
"""
from .api import mrc, run, sweep, validate
from .command import find_command
from .errors import McsimError
from .results import load_lru_curve, load_mrc, load_runs, load_summary, load_sweep, paired

__version__ = "0.1.0"

__all__ = [
    "McsimError",
    "find_command",
    "load_lru_curve",
    "load_mrc",
    "load_runs",
    "load_summary",
    "load_sweep",
    "mrc",
    "paired",
    "run",
    "sweep",
    "validate",
]
