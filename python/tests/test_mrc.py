"""mcsim.mrc on a ten-request trace whose miss counts are worked out by hand."""
import tempfile
import unittest
from pathlib import Path

from _support import FIXTURES, mcsim

TRACE = FIXTURES / "trace.txt"  # 1 2 3 1 2 4 1 2 3 4


class MrcTest(unittest.TestCase):
    def test_miss_counts_per_policy_and_size(self) -> None:
        rows = mcsim.mrc(TRACE, [2, 3], policy=["lru", "fifo", "belady"])
        self.assertEqual(
            [(r["policy"], r["size"], r["misses"]) for r in rows],
            # size 3: LRU evicts 3 for 4 and 4 for 3 (6 misses); FIFO evicts in arrival order from the 4th
            # object on (8); Belady evicts 3 first, then one of 1 and 2, never used again (5).
            # size 2: LRU and FIFO miss every time (each id returns after two others); Belady hits 1 twice
            # and 4 once (7).
            [("lru", 2, 10), ("lru", 3, 6), ("fifo", 2, 10), ("fifo", 3, 8), ("belady", 2, 7), ("belady", 3, 5)],
        )
        self.assertEqual({r["requests"] for r in rows}, {10})
        self.assertAlmostEqual(rows[1]["miss_ratio"], 0.6)

    def test_out_keeps_the_lru_curve(self) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            prefix = Path(tmp) / "t"
            rows = mcsim.mrc(TRACE, "50%,100%", policy="lru", out=prefix)
            self.assertEqual([r["size"] for r in rows], [2, 4])
            curve = mcsim.load_lru_curve(prefix)
        self.assertEqual([(p["size"], p["misses"]) for p in curve], [(1, 10), (3, 6), (4, 4)])


if __name__ == "__main__":
    unittest.main()
