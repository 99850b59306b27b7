# SPDX-License-Identifier: GPL-2.0
"""The README's Python example runs as shown (scenario 82 runs it against
the real module too)."""

from __future__ import annotations

import contextlib
import io
import re

import clkrg  # noqa: F401  (the example imports it)

from conftest import TOP


def readme_example() -> str:
    text = (TOP / "README.md").read_text()
    section = text.split("\n## Python", 1)[1]
    m = re.search(r"```python\n(.*?)```", section, re.S)
    assert m, "no ```python block in the README's Python section"
    return m.group(1)


def test_readme_example(fake) -> None:
    code = readme_example()
    assert len(code.strip().splitlines()) <= 10
    fake.emit("violation", "alert", "ktext", ".text")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {})
    assert out.getvalue().splitlines() == [
        "check #5: 2 violations",
        "1 alert ktext .text ",
        "clean again: True",
    ]
