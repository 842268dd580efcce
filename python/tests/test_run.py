"""mcsim.run, mcsim.validate and the readers, against what the command line writes."""
import math
import tempfile
import unittest
from pathlib import Path

from _support import REPO, cli, mcsim

TINY = REPO / "test" / "fixtures" / "tiny.yaml"


class RunTest(unittest.TestCase):
    def test_run_returns_one_record_per_strategy_as_summary_csv_has_them(self) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            rows = mcsim.run(TINY, set={"strategies": ["device-only", "cachenet"], "cachenet.tau": 0.2}, frames=120, out=tmp)
            self.assertEqual([r["strategy"] for r in rows], ["device-only", "cachenet"])
            # The same numbers as the CSV mcsim wrote beside summary.json, read independently.
            self.assertEqual(mcsim.results.read_csv(Path(tmp) / "summary.csv"), rows, "summary.json and summary.csv differ")
            self.assertEqual(mcsim.load_summary(tmp), rows)
            self.assertEqual(len(mcsim.load_runs(tmp)), 2 * 2)
            for name in ("report.html", "runs.csv", "scenario.resolved.json"):
                self.assertTrue((Path(tmp) / name).is_file(), name)
        self.assertTrue(all(r["frames"] == 120 and isinstance(r["frames"], int) for r in rows))
        self.assertIsInstance(rows[1]["accuracy"], float)
        # A metric device-only does not have is nan, as summary.csv's empty cell.
        self.assertTrue(math.isnan(rows[0]["hint_cached_rate"]))
        self.assertGreater(rows[1]["hint_cached_rate"], 0)

    def test_set_and_shorthands_reach_the_scenario(self) -> None:
        low = mcsim.run(TINY, {"strategies": ["cachenet"], "cachenet.tau": 0}, frames=100, replications=1)
        high = mcsim.run(TINY, {"strategies": ["cachenet"], "cachenet.tau": 2.5}, frames=100, replications=1)
        self.assertEqual(low[0]["replications"], 1)
        # tau 0 sends every uncertain frame on to the edge; tau 2.5 accepts every partition answer.
        self.assertGreater(high[0]["answered_device"], low[0]["answered_device"])
        with self.assertRaisesRegex(ValueError, "frames is given twice"):
            mcsim.run(TINY, {"frames": 10}, frames=20)

    def test_reference_gives_paired_differences(self) -> None:
        rows = mcsim.run(TINY, frames=100, reference="device-only", set={"strategies": ["device-only", "edge-only"]})
        diffs = {d["metric"]: d for d in mcsim.paired(rows)}
        self.assertEqual({d["strategy"] for d in diffs.values()}, {"edge-only"})
        latency = diffs["latency_mean"]
        self.assertAlmostEqual(latency["difference"], rows[1]["latency_mean"] - rows[0]["latency_mean"], places=12)
        self.assertLessEqual(latency["lo"], latency["difference"])
        self.assertGreaterEqual(latency["hi"], latency["difference"])

    def test_validate_returns_mcsims_line(self) -> None:
        line = mcsim.validate(TINY, {"replications": 3})
        self.assertEqual(line, cli(["validate", str(TINY), "--set", "replications=3"]).stdout.strip())
        self.assertIn("3 replication(s)", line)

    def test_as_frame_needs_pandas(self) -> None:
        try:
            import pandas  # noqa: F401
        except ImportError:
            # Said before mcsim starts: a missing file would be an McsimError otherwise.
            for call in (lambda: mcsim.run("no-such.yaml", as_frame=True), lambda: mcsim.sweep("no-such.yaml", as_frame=True), lambda: mcsim.mrc("no-such.txt", 1, as_frame=True)):
                with self.assertRaisesRegex(ImportError, "as_frame=True needs pandas"):
                    call()
            return
        frame = mcsim.run(TINY, frames=50, set={"strategies": ["device-only", "cachenet"]}, as_frame=True)
        self.assertEqual(list(frame["strategy"]), ["device-only", "cachenet"])


if __name__ == "__main__":
    unittest.main()
