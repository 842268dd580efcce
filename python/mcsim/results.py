"""Reading what mcsim writes into records (lists of dicts) or pandas DataFrames.

Every function here reads a folder or file mcsim has written, so results of runs made at the command
line (or merged from cluster shards) read the same way as those ``mcsim.run`` returns.
"""
from __future__ import annotations

import csv
import json
import math
import os
from pathlib import Path
from typing import Any, Dict, Iterable, List, Union

Record = Dict[str, Any]
Records = List[Record]
PathLike = Union[str, "os.PathLike[str]"]

VS_REF = "_vs_ref"


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _uniform(rows: Iterable[Record]) -> Records:
    """Rows with every column of any row, in first-seen order, as summary.csv has them: a metric a row
    lacks (a strategy without partitions has no hit rate) or that is not a finite number (JSON null, an
    empty CSV cell) is ``nan``. A column is ints only when all its numbers are (mcsim writes 1.0 as
    ``1``, so a ratio that happens to be whole is made a float like the rest of its column)."""
    rows = list(rows)
    columns: Dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    table = [{c: (math.nan if row.get(c) is None else row[c]) for c in columns} for row in rows]
    for c in columns:
        values = [row[c] for row in table]
        if any(isinstance(v, float) for v in values) and any(_is_int(v) for v in values):
            for row in table:
                if _is_int(row[c]):
                    row[c] = float(row[c])
    return table


def pandas_if(as_frame: bool) -> Any:
    """The pandas module when ``as_frame`` (ImportError saying so when it is missing), else None; the
    run functions ask before they start mcsim, so a missing pandas does not cost a whole sweep."""
    if not as_frame:
        return None
    try:
        import pandas
    except ImportError as err:
        raise ImportError("as_frame=True needs pandas (pip install pandas); without it, leave as_frame off for a list of dicts") from err
    return pandas


def as_table(rows: Records, as_frame: bool) -> Any:
    """The records themselves, or a pandas DataFrame of them when ``as_frame``."""
    pandas = pandas_if(as_frame)
    return rows if pandas is None else pandas.DataFrame.from_records(rows)


def _number(text: str) -> Any:
    if text == "":
        return None
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def read_csv(path: PathLike) -> Records:
    """A CSV mcsim wrote, cells as ints, floats (an empty cell is ``nan``) or strings."""
    with open(path, newline="", encoding="utf-8") as f:
        return _uniform({k: _number(v) for k, v in row.items()} for row in csv.DictReader(f))


def _json(path: Path) -> Any:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def load_summary(folder: PathLike, as_frame: bool = False) -> Any:
    """The summary of an ``mcsim run`` output folder (its summary.json): one row per strategy with each
    metric's mean over replications and its 95% bounds (``<m>_lo``, ``<m>_hi``), plus paired differences
    (``<m>_vs_ref``...) when the run had a reference."""
    return as_table(_uniform(_json(Path(folder) / "summary.json")["summary"]), as_frame)


def load_runs(folder: PathLike, as_frame: bool = False) -> Any:
    """The per-replication rows of an ``mcsim run`` output folder (strategy, replication, metrics)."""
    return as_table(_uniform(_json(Path(folder) / "summary.json")["runs"]), as_frame)


def load_sweep(folder: PathLike, as_frame: bool = False) -> Any:
    """The rows of an ``mcsim sweep`` (or ``mcsim merge``) output folder (its sweep.json): one per point
    and strategy, with the point's index, its swept values, the strategy and the summary metrics."""
    return as_table(_uniform(_json(Path(folder) / "sweep.json")["rows"]), as_frame)


def load_mrc(prefix: PathLike, as_frame: bool = False) -> Any:
    """The table of an ``mcsim mrc --out <prefix>`` (``<prefix>.csv``): policy, size, requests, misses,
    miss_ratio, byte_miss_ratio."""
    return as_table(read_csv(f"{os.fspath(prefix)}.csv"), as_frame)


def load_lru_curve(prefix: PathLike, as_frame: bool = False) -> Any:
    """LRU's exact miss-ratio curve from ``mcsim mrc --out <prefix>`` (``<prefix>.lru-curve.csv``): size,
    misses, miss_ratio, byte_miss_ratio at every size where the miss count steps."""
    return as_table(read_csv(f"{os.fspath(prefix)}.lru-curve.csv"), as_frame)


def paired(summary: Any) -> Any:
    """The paired differences of a summary or sweep (rows of ``run(..., reference=...)`` or of a sweep
    that compares against a reference) in long form: per row and compared metric, the row's identifying
    columns (those up to and including ``strategy``), ``metric``, ``difference`` (the mean over
    replications of the row's value minus the reference's, in the same replication), ``lo`` and ``hi``
    (its paired 95% interval). The reference's own rows have none, so they are left out. A DataFrame
    gives a DataFrame, records give records."""
    is_frame = hasattr(summary, "to_dict")
    rows: Records = summary.to_dict("records") if is_frame else list(summary)
    out: Records = []
    for row in rows:
        keys = list(row)
        ident = {k: row[k] for k in keys[: keys.index("strategy") + 1]} if "strategy" in row else {}
        for key in keys:
            if not key.endswith(VS_REF):
                continue
            value = row[key]
            if isinstance(value, float) and math.isnan(value):
                continue
            out.append({**ident, "metric": key[: -len(VS_REF)], "difference": value, "lo": row[f"{key}_lo"], "hi": row[f"{key}_hi"]})
    return as_table(out, is_frame)
