"""Finding the mcsim command (MCSIM, PATH, node_modules/.bin walking up) and reading its failures."""
import os
import stat
import tempfile
import unittest
from pathlib import Path
from unittest import mock

from _support import REPO, mcsim


def fake_mcsim(path: Path, stderr: str = "", code: int = 0) -> Path:
    """An executable that prints `stderr` to stderr and exits with `code`, standing in for mcsim."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!/bin/sh\nprintf '%b' '{stderr}' >&2\nexit {code}\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


class FindTest(unittest.TestCase):
    def setUp(self) -> None:
        self.tmp = Path(tempfile.mkdtemp())
        self.addCleanup(lambda: __import__("shutil").rmtree(self.tmp))
        # No mcsim on PATH (node stays findable for .js files).
        self.env = mock.patch.dict(os.environ, {"PATH": str(Path(os.__file__).parent)})
        self.env.start()
        self.addCleanup(self.env.stop)
        os.environ.pop("MCSIM", None)

    def test_mcsim_env_names_a_js_file_run_with_node_or_an_executable(self) -> None:
        with mock.patch.dict(os.environ, {"MCSIM": str(REPO / "bin" / "mcsim.js")}), mock.patch("shutil.which", lambda name: "/usr/bin/node" if name == "node" else None):
            self.assertEqual(mcsim.find_command(), ["/usr/bin/node", str(REPO / "bin" / "mcsim.js")])
        exe = fake_mcsim(self.tmp / "bin" / "my-mcsim")
        with mock.patch.dict(os.environ, {"MCSIM": str(exe)}):
            self.assertEqual(mcsim.find_command(), [str(exe)])

    def test_a_wrong_mcsim_env_says_so(self) -> None:
        with mock.patch.dict(os.environ, {"MCSIM": str(self.tmp / "nope")}):
            with self.assertRaisesRegex(mcsim.McsimError, r"^MCSIM=\S+nope: no such file; set MCSIM to"):
                mcsim.find_command()

    def test_path_then_node_modules_walking_up_from_the_working_folder(self) -> None:
        local = fake_mcsim(self.tmp / "project" / "node_modules" / ".bin" / "mcsim")
        deep = self.tmp / "project" / "notebooks" / "week1"
        deep.mkdir(parents=True)
        self.assertEqual(mcsim.find_command(deep), [str(local)])
        on_path = fake_mcsim(self.tmp / "path" / "mcsim")
        with mock.patch.dict(os.environ, {"PATH": str(on_path.parent)}):
            self.assertEqual(mcsim.find_command(deep), [str(on_path)])

    def test_nothing_found_says_how_to_set_it(self) -> None:
        with self.assertRaisesRegex(mcsim.McsimError, r"^cannot find the mcsim command; set MCSIM to the mcsim executable"):
            mcsim.find_command(self.tmp)

    def test_the_last_mcsim_line_after_help_text_is_the_message(self) -> None:
        exe = fake_mcsim(self.tmp / "mcsim", stderr="mcsim run [scenario]\\n\\nOptions: ...\\n\\nmcsim: Unknown argument: colour\\n", code=2)
        with mock.patch.dict(os.environ, {"MCSIM": str(exe)}):
            with self.assertRaises(mcsim.McsimError) as caught:
                mcsim.validate("x.yaml")
        err = caught.exception
        self.assertEqual((str(err), err.exit_code, err.command), ("Unknown argument: colour", 2, [str(exe), "validate", "x.yaml"]))
        self.assertIn("Options:", err.stderr)

    def test_a_crash_keeps_its_whole_stderr(self) -> None:
        exe = fake_mcsim(self.tmp / "mcsim", stderr="TypeError: x is undefined\\n    at f (main.js:1)\\n", code=1)
        with mock.patch.dict(os.environ, {"MCSIM": str(exe)}):
            with self.assertRaisesRegex(mcsim.McsimError, r"^TypeError: x is undefined\n    at f"):
                mcsim.validate("x.yaml")


if __name__ == "__main__":
    unittest.main()
