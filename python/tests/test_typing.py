# SPDX-License-Identifier: GPL-2.0
"""The type hints hold: mypy --strict over the package and the guest's
responder (Debian's mypy; scripts/install-deps.sh installs it)."""

from __future__ import annotations

import subprocess
import sys

from conftest import TOP


def test_mypy_strict() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental",
         "--cache-dir=/dev/null", str(TOP / "python" / "clkrg"),
         str(TOP / "tests" / "guest" / "lkrg_respond.py")],
        capture_output=True, text=True, cwd=TOP / "python")
    assert out.returncode == 0, out.stdout + out.stderr
