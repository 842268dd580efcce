"""McsimError: mcsim's own one-line message, its exit code and the command that was run."""
import tempfile
import unittest
from pathlib import Path

from _support import REPO, TINY_ARGS, cli, mcsim


class ErrorTest(unittest.TestCase):
    def assertSameMessageAsTheCli(self, err: mcsim.McsimError, args: list, out: bool = False) -> None:
        """The command line given the same arguments (and `out` a fresh folder) fails the same way."""
        with tempfile.TemporaryDirectory() as tmp:
            direct = cli(args + (["--out", str(Path(tmp) / "out")] if out else []))
        self.assertEqual(err.exit_code, direct.returncode)
        last = direct.stderr.strip().splitlines()[-1]
        self.assertEqual("mcsim: " + str(err), last)
        self.assertNotIn("\n", str(err))

    def test_bad_input_is_mcsims_one_line_with_exit_code_1(self) -> None:
        with self.assertRaises(mcsim.McsimError) as caught:
            mcsim.run(REPO / "test" / "fixtures" / "tiny.yaml", set={"cachenet.tau": "high"})
        err = caught.exception
        self.assertEqual(err.exit_code, 1)
        self.assertRegex(str(err), r"^\S*tiny\.yaml: cachenet\.tau: ")
        self.assertEqual(err.command[-3:], ["--quiet", "--set", "cachenet.tau=high"])
        self.assertSameMessageAsTheCli(err, ["run", *TINY_ARGS, "--set", "cachenet.tau=high"], out=True)

    def test_a_missing_file_and_a_bad_policy(self) -> None:
        with self.assertRaises(mcsim.McsimError) as caught:
            mcsim.validate(REPO / "no-such.yaml")
        self.assertSameMessageAsTheCli(caught.exception, ["validate", str(REPO / "no-such.yaml")])
        trace = str(REPO / "python" / "tests" / "fixtures" / "trace.txt")
        with self.assertRaisesRegex(mcsim.McsimError, r'^--policy: unknown policy "opt"') as caught:
            mcsim.mrc(trace, 2, policy="lru,opt")
        self.assertSameMessageAsTheCli(caught.exception, ["mrc", trace, "--size", "2", "--policy", "lru,opt"], out=True)

    def test_a_bad_option_is_exit_code_2(self) -> None:
        with self.assertRaises(mcsim.McsimError) as caught:
            mcsim.run(REPO / "test" / "fixtures" / "tiny.yaml", workers=999)
        self.assertEqual(caught.exception.exit_code, 2)
        self.assertRegex(str(caught.exception), r"^--workers '999': ")


if __name__ == "__main__":
    unittest.main()
