"""The data of the tau sweep's accuracy chart, from Python.

`mcsim sweep scenarios/tau-sweep.yaml` draws charts/latency-accuracy-vs-cachenet-tau.svg: CacheNet's
accuracy (and mean latency) against the entropy threshold tau, one line per replacement policy. This
script runs the same sweep through the mcsim package and writes the lines' points as a CSV: policy,
tau, accuracy with its 95% bounds, latency in ms with its bounds. At the sweep's own size (3,000 frames,
3 replications) it is the chart's data; --frames and --replications give a quicker, noisier version.

    PYTHONPATH=python python3 python/examples/tau_sweep_accuracy.py --frames 600 --out tau.csv
"""
from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path
from typing import Any, Dict, List, TextIO

import mcsim

SWEEP = Path(__file__).resolve().parents[2] / "scenarios" / "tau-sweep.yaml"
COLUMNS = ["policy", "tau", "accuracy", "accuracy_lo", "accuracy_hi", "latency_ms", "latency_ms_lo", "latency_ms_hi"]


def accuracy_lines(frames: int | None = None, replications: int | None = None, workers: int | None = None) -> List[Dict[str, Any]]:
    """CacheNet's points of the chart, in the sweep's order (policy, then tau)."""
    rows = mcsim.sweep(SWEEP, frames=frames, replications=replications, workers=workers)
    return [
        {
            "policy": r["cachenet.policy"],
            "tau": r["cachenet.tau"],
            **{k: r[k] for k in ("accuracy", "accuracy_lo", "accuracy_hi")},
            **{f"latency_ms{s}": r[f"latency_mean{s}"] * 1000 for s in ("", "_lo", "_hi")},
        }
        for r in rows
        if r["strategy"] == "cachenet"
    ]


def write_csv(points: List[Dict[str, Any]], out: TextIO) -> None:
    writer = csv.DictWriter(out, COLUMNS)
    writer.writeheader()
    writer.writerows(points)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--frames", type=int, help="frames per replication (the sweep's own: 3000; at least 301 for its 300 warm-up frames)")
    parser.add_argument("--replications", type=int, help="replications (the sweep's own: 3)")
    parser.add_argument("--workers", type=int, help="worker threads (default: all cores)")
    parser.add_argument("--out", help="write the CSV here (default: standard output)")
    args = parser.parse_args()
    try:
        points = accuracy_lines(args.frames, args.replications, args.workers)
    except mcsim.McsimError as err:
        sys.exit(f"mcsim: {err}")
    if args.out is None:
        write_csv(points, sys.stdout)
        return
    with open(args.out, "w", newline="", encoding="utf-8") as f:
        write_csv(points, f)


if __name__ == "__main__":
    main()
