"""mcsim.sweep: the rows of sweep.json, including a grid over a policy plugin."""
import tempfile
import unittest
from pathlib import Path

from _support import FIXTURES, REPO, mcsim

PLUGIN = REPO / "test" / "fixtures" / "plugins" / "window-lfu.ts"


class SweepTest(unittest.TestCase):
    def test_sweep_returns_a_row_per_point_and_strategy(self) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            rows = mcsim.sweep(FIXTURES / "sweep.yaml", workers=1, out=tmp)
            self.assertEqual(mcsim.results.read_csv(Path(tmp) / "sweep.csv"), rows, "sweep.json and sweep.csv differ")
        points = [(r["cachenet.policy"], r["cachenet.tau"]) for r in rows if r["strategy"] == "cachenet"]
        self.assertEqual(points, [("lru", 0), ("lru", 0.2), ("fifo", 0), ("fifo", 0.2)])
        self.assertEqual([r["point"] for r in rows], [0, 0, 1, 1, 2, 2, 3, 3])
        self.assertTrue(all(r["frames"] == 100 for r in rows))
        # device-only does not depend on the grid: the same numbers at every point.
        device = [r["latency_mean"] for r in rows if r["strategy"] == "device-only"]
        self.assertEqual(len(set(device)), 1)

    def test_set_overrides_the_base_scenario(self) -> None:
        rows = mcsim.sweep(FIXTURES / "sweep.yaml", {"strategies": ["cachenet"]}, frames=60, replications=1, workers=1)
        self.assertEqual({(r["strategy"], r["frames"], r["replications"]) for r in rows}, {("cachenet", 60, 1)})

    def test_a_plugin_policy_sweeps_like_a_built_in_one_on_any_number_of_workers(self) -> None:
        one = mcsim.sweep(FIXTURES / "plugin-sweep.yaml", workers=1)
        two = mcsim.sweep(FIXTURES / "plugin-sweep.yaml", workers=2)
        self.assertEqual(one, two, "a plugin policy gave other numbers on 2 workers")
        by_policy = {str(r["cachenet.policy"]): r for r in one}
        self.assertEqual(len(by_policy), 2)
        # The rows name the plugin by the name it declares (or its path).
        plugin = next(r for p, r in by_policy.items() if "window-lfu" in p)
        self.assertGreater(plugin["hint_cached_rate"], 0)
        self.assertNotEqual(plugin["hint_cached_rate"], by_policy["lru"]["hint_cached_rate"], "the plugin ran as LRU")


if __name__ == "__main__":
    unittest.main()
