"""``mcsim run``, ``sweep``, ``mrc`` and ``validate`` as Python functions.

Each runs the command line (command.py), into a temporary folder that is removed afterwards unless
``out=`` names a folder to keep, and returns what the command wrote as records (a list of dicts, one
per row) or, with ``as_frame=True``, a pandas DataFrame. The rule is explicit rather than "a DataFrame
when pandas is installed" so that a script returns the same type on every machine.
"""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator, List, Mapping, Optional, Sequence, Union

from .command import invoke, set_args
from .results import PathLike, load_mrc, load_summary, load_sweep, pandas_if

Sizes = Union[int, float, str, Sequence[Union[int, float, str]]]


@contextmanager
def _folder(out: Optional[PathLike]) -> Iterator[Path]:
    """``out`` itself, or a fresh temporary folder removed on exit."""
    if out is not None:
        yield Path(out)
        return
    with tempfile.TemporaryDirectory(prefix="mcsim-") as tmp:
        yield Path(tmp) / "out"


def _sets(sets: Optional[Mapping[str, Any]], **shorthands: Any) -> List[str]:
    """``--set`` arguments of ``set=`` and of the shorthand keywords (``frames=100`` is ``set={"frames": 100}``)."""
    merged = dict(sets or {})
    for key, value in shorthands.items():
        if value is None:
            continue
        if key in merged:
            raise ValueError(f"{key} is given twice, as {key}= and in set=")
        merged[key] = value
    return set_args(merged)


def _flag(name: str, value: Any) -> List[str]:
    """``--name value`` (``--name`` alone for True, nothing for None or False)."""
    if value is None or value is False:
        return []
    return [f"--{name}"] if value is True else [f"--{name}", str(value)]


def _csv(value: Union[str, int, float, Sequence[Any]]) -> str:
    """A comma-separated option value from a list, or a single value, as the command line takes it."""
    if isinstance(value, (list, tuple)):
        return ",".join(map(str, value))
    return str(value)


def _report(command: str, path: PathLike, args: List[str], out: Optional[PathLike], load: Callable[[Path, bool], Any], as_frame: bool) -> Any:
    """``mcsim <command> <path> <args>`` into ``out`` (or a temporary folder), read back by ``load``."""
    pandas_if(as_frame)
    with _folder(out) as folder:
        invoke([command, os.fspath(path), "--out", str(folder), "--quiet"] + args)
        return load(folder, as_frame)


def run(
    scenario: PathLike,
    set: Optional[Mapping[str, Any]] = None,
    *,
    replications: Optional[int] = None,
    frames: Optional[int] = None,
    seed: Optional[Union[int, str]] = None,
    reference: Optional[str] = None,
    workers: Optional[int] = None,
    per_frame: bool = False,
    max_memory_gb: Optional[float] = None,
    out: Optional[PathLike] = None,
    as_frame: bool = False,
) -> Any:
    """Simulates a scenario (``mcsim run``) and returns its summary: one row per strategy, each metric's
    mean over replications and its 95% bounds (``<m>_lo``, ``<m>_hi``).

    Args:
        scenario: the scenario file (YAML or JSON); a relative path is relative to the working folder.
        set: scenario keys to override, as dotted paths (``{"cachenet.tau": 0.3}``); each is one
            ``--set``. A string value is passed as written (mcsim reads it as YAML); any other value as
            JSON, so lists and mappings work (a mapping replaces the whole block).
        replications, frames, seed: shorthands for the same scenario keys in ``set``.
        reference: ``--reference``: every other strategy's paired differences from this one are added
            as ``<m>_vs_ref`` columns (``mcsim.paired`` lists them).
        workers: ``--workers`` (worker threads; default 1).
        per_frame: ``--per-frame``: also write frames.csv into ``out`` (which must then be given).
        max_memory_gb: ``--max-memory-gb``.
        out: keep every file of the report in this folder (default: a temporary folder, removed).
        as_frame: return a pandas DataFrame instead of a list of dicts.

    Raises:
        McsimError: mcsim refused the scenario or failed; ``str(err)`` is its one-line message.
    """
    if per_frame and out is None:
        raise ValueError("per_frame=True writes frames.csv into out=, so give out= a folder to keep")
    flags = _flag("reference", reference) + _flag("workers", workers) + _flag("per-frame", per_frame) + _flag("max-memory-gb", max_memory_gb)
    return _report("run", scenario, _sets(set, replications=replications, frames=frames, seed=seed) + flags, out, load_summary, as_frame)


def sweep(
    sweep: PathLike,
    set: Optional[Mapping[str, Any]] = None,
    *,
    replications: Optional[int] = None,
    frames: Optional[int] = None,
    seed: Optional[Union[int, str]] = None,
    workers: Optional[int] = None,
    shard: Optional[str] = None,
    resume: bool = False,
    max_memory_gb: Optional[float] = None,
    out: Optional[PathLike] = None,
    as_frame: bool = False,
) -> Any:
    """Runs a parameter sweep (``mcsim sweep``) and returns its rows: one per point and strategy, with
    the point's index (``point``), its swept values (one column per grid key, e.g. ``cachenet.tau``),
    the strategy and the summary metrics with their 95% bounds.

    Args:
        sweep: a sweep file (``scenario`` + ``grid``) or a scenario with a ``sweep:`` block.
        set, replications, frames, seed: overrides of the base scenario, as for ``run``.
        workers: ``--workers`` (default: all cores).
        shard: ``--shard i/n``: run only that slice (the rows returned are the slice's).
        resume: ``--resume``: keep the jobs an earlier sweep finished in ``out`` (which must be given).
        max_memory_gb: ``--max-memory-gb``.
        out: keep the sweep's folder (sweep.csv, charts, report.html, jobs) here.
        as_frame: return a pandas DataFrame instead of a list of dicts.

    Raises:
        McsimError: mcsim refused the sweep or failed; ``str(err)`` is its one-line message.
    """
    if resume and out is None:
        raise ValueError("resume=True continues the sweep in out=, so give out= the folder of the earlier sweep")
    flags = _flag("workers", workers) + _flag("shard", shard) + _flag("resume", resume) + _flag("max-memory-gb", max_memory_gb)
    return _report("sweep", sweep, _sets(set, replications=replications, frames=frames, seed=seed) + flags, out, load_sweep, as_frame)


def mrc(
    trace: PathLike,
    size: Sizes,
    *,
    policy: Optional[Union[str, Sequence[str]]] = None,
    format: Optional[str] = None,
    id_col: Optional[Union[int, str]] = None,
    size_col: Optional[Union[int, str]] = None,
    time_col: Optional[Union[int, str]] = None,
    header: bool = False,
    delimiter: Optional[str] = None,
    bytes: bool = False,
    curve: bool = True,
    seed: Optional[str] = None,
    out: Optional[PathLike] = None,
    as_frame: bool = False,
) -> Any:
    """Miss ratios of cache policies on a request trace (``mcsim mrc``): one row per policy and size with
    policy, size, requests, misses, miss_ratio, byte_miss_ratio.

    Args:
        trace: the trace file (one id per line, optionally .gz; CSV; libCacheSim oracleGeneral binary).
        size: cache sizes, a list or a comma-separated string: slots, fractions of the working set
            (``0.1``, ``"10%"``), or bytes with ``bytes=True`` (``"64MiB"``).
        policy: policies, a list or comma-separated string (default: lru, lfu, fifo, belady).
        format, id_col, size_col, time_col, header, delimiter, bytes, seed: the flags of the same
            names (``--id-col`` and so on).
        curve: also compute LRU's exact curve (``--no-curve`` when False); with ``out`` it is in
            ``<out>.lru-curve.csv`` (``mcsim.load_lru_curve(out)``).
        out: keep the files under this path prefix (``<out>.csv``, ``<out>.lru-curve.csv``, the chart).
        as_frame: return a pandas DataFrame instead of a list of dicts.

    Raises:
        McsimError: mcsim refused the trace or an option; ``str(err)`` is its one-line message.
    """
    pandas_if(as_frame)
    with tempfile.TemporaryDirectory(prefix="mcsim-") as tmp:
        prefix = os.fspath(out) if out is not None else os.path.join(tmp, "mrc")
        invoke(
            ["mrc", os.fspath(trace), "--size", _csv(size), "--out", prefix]
            + (["--policy", _csv(policy)] if policy is not None else [])
            + _flag("format", format)
            + _flag("id-col", id_col)
            + _flag("size-col", size_col)
            + _flag("time-col", time_col)
            + _flag("header", header)
            + _flag("delimiter", delimiter)
            + _flag("bytes", bytes)
            + ([] if curve else ["--no-curve"])
            + _flag("seed", seed)
        )
        return load_mrc(prefix, as_frame)


def validate(scenario: PathLike, set: Optional[Mapping[str, Any]] = None, *, max_memory_gb: Optional[float] = None) -> str:
    """Checks a scenario and every file it names without running it (``mcsim validate``); returns mcsim's
    one-line description of it (strategies, devices, frames, replications, classes).

    Raises:
        McsimError: the scenario is not valid; ``str(err)`` names the file, key and what was expected.
    """
    return invoke(["validate", os.fspath(scenario)] + set_args(set) + _flag("max-memory-gb", max_memory_gb)).strip()
