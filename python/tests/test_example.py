"""The tau-sweep example reproduces the data of the chart `mcsim sweep` draws for the same settings."""
import json
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

from _support import REPO, cli, mcsim

EXAMPLE = REPO / "python" / "examples" / "tau_sweep_accuracy.py"
SIZE = ["--frames", "320", "--replications", "2"]  # 20 frames counted after the 300 warm-up frames


class ExampleTest(unittest.TestCase):
    def test_tau_sweep_example_gives_the_charts_numbers(self) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            csv_path = Path(tmp) / "tau.csv"
            env = {**os.environ, "PYTHONPATH": str(REPO / "python")}
            done = subprocess.run([sys.executable, str(EXAMPLE), *SIZE, "--workers", "2", "--out", str(csv_path)], capture_output=True, text=True, env=env)
            self.assertEqual(done.returncode, 0, done.stderr)
            example = mcsim.results.read_csv(csv_path)
            out = Path(tmp) / "cli"
            direct = cli(["sweep", "scenarios/tau-sweep.yaml", "--set", "frames=320", "--set", "replications=2", "--workers", "2", "--quiet", "--out", str(out)])
            self.assertEqual(direct.returncode, 0, direct.stderr)
            chart = json.loads((out / "charts" / "latency-accuracy-vs-cachenet-tau.vl.json").read_text())
            swept = mcsim.results.read_csv(out / "sweep.csv")
        # 4 policies x 24 thresholds, the sweep's whole grid.
        self.assertEqual(len(example), 4 * 24)
        self.assertEqual([(p["policy"], p["tau"]) for p in example], [(r["cachenet.policy"], r["cachenet.tau"]) for r in swept if r["strategy"] == "cachenet"])
        drawn = {(d["series"], d["cachenet.tau"]): d for d in chart["data"]["values"] if d.get("strategy") == "cachenet"}
        self.assertEqual(len(drawn), len(example))
        for p in example:
            d = drawn[(p["policy"], p["tau"])]
            self.assertEqual([p["accuracy"], p["accuracy_lo"], p["accuracy_hi"]], [d["accuracy"], d["accuracy_lo"], d["accuracy_hi"]], p)
            self.assertEqual([p["latency_ms"], p["latency_ms_lo"], p["latency_ms_hi"]], [d["latency_mean"], d["latency_mean_lo"], d["latency_mean_hi"]], p)
        # Twenty frames are few, but the lines are not flat: tau moves frames off the device.
        self.assertGreater(len({p["latency_ms"] for p in example}), 1)


if __name__ == "__main__":
    unittest.main()
