# SPDX-License-Identifier: GPL-2.0
"""Host tests of the clkrg package against the fake module of the unit
tests (tests/unit/fake_mod.c), preloaded in front of libc so that the
tree's unmodified libclkrg.so.1 talks to it: python/Makefile's "check"
sets LD_PRELOAD and CLKRG_LIBRARY. Each test starts with a fresh fake
module (a new instance) and its device path in CLKRG_DEVICE."""

from __future__ import annotations

import ctypes
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

import clkrg
from clkrg import _abi

TOP = Path(__file__).resolve().parents[2]


class FakeModule:
    """Drives the preloaded fake module (fake_preload.c)."""

    def __init__(self) -> None:
        self.lib = ctypes.CDLL(None)
        try:
            self.lib.fake_ctl_path.restype = ctypes.c_char_p
        except AttributeError:
            pytest.fail("the fake module is not preloaded (run 'make -C "
                        "python check')", pytrace=False)
        self.lib.fake_ctl_emit.restype = ctypes.c_ulonglong
        self.lib.fake_ctl_emit.argtypes = [ctypes.c_uint] * 3 + [
            ctypes.c_char_p]
        self.lib.fake_ctl_set.argtypes = [ctypes.c_char_p, ctypes.c_longlong]

    def reset(self, older: bool = False) -> None:
        assert self.lib.fake_ctl_reset(int(older)) == 0

    @property
    def path(self) -> str:
        return self.lib.fake_ctl_path().decode()

    def emit(self, type: str = "violation", severity: str = "alert",
             object: str = "ktext", name: str = ".text") -> int:
        return self.lib.fake_ctl_emit(
            _abi.value_of("TYPE", type), _abi.value_of("SEVERITY", severity),
            _abi.value_of("OBJECT", object), name.encode())

    def set(self, what: str, value: int) -> None:
        assert self.lib.fake_ctl_set(what.encode(), value) == 0, what


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeModule]:
    f = FakeModule()
    f.reset()
    monkeypatch.setenv("CLKRG_DEVICE", f.path)
    yield f


@pytest.fixture
def guard(fake: FakeModule) -> Iterator[clkrg.Guard]:
    with clkrg.Guard() as g:
        yield g


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Adds "<passed> <failed>" to $CLKRG_RESULT (tests/unit/result.txt):
    a skip counts as a failure, every test here must run."""
    path = os.environ.get("CLKRG_RESULT")
    rep = session.config.pluginmanager.get_plugin("terminalreporter")
    if not path or rep is None:
        return
    stats = rep.stats
    passed = len(stats.get("passed", []))
    failed = sum(len(stats.get(k, [])) for k in ("failed", "error",
                                                 "skipped", "xfailed",
                                                 "xpassed"))
    p = f = 0
    if os.path.exists(path):
        p, f = (int(x) for x in Path(path).read_text().split())
    Path(path).write_text(f"{p + passed} {f + failed}\n")
    print(f"\npython: {passed} passed, {failed} failed")
