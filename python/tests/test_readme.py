"""The Python blocks of python/README.md run as written, from the repository's root folder."""
import contextlib
import io
import os
import re
import unittest

from _support import REPO

README = REPO / "python" / "README.md"


class ReadmeTest(unittest.TestCase):
    def test_every_python_block_runs(self) -> None:
        blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
        self.assertGreaterEqual(len(blocks), 4)
        here = os.getcwd()
        os.chdir(REPO)
        self.addCleanup(os.chdir, here)
        for i, block in enumerate(blocks):
            printed = io.StringIO()
            with self.subTest(block=i), contextlib.redirect_stdout(printed):
                exec(compile(block, f"{README}:block{i}", "exec"), {})
            self.assertTrue(printed.getvalue(), f"block {i} printed nothing")


if __name__ == "__main__":
    unittest.main()
