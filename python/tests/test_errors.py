# SPDX-License-Identifier: GPL-2.0
"""The exceptions mean what lkrg-cli's exit codes mean: the same failure
gives the same code from the built lkrg-cli and from the package."""

from __future__ import annotations

import errno
import os
import subprocess
from pathlib import Path

import pytest

import clkrg
from clkrg import _abi

from conftest import TOP

CLI = TOP / "cli" / "lkrg-cli"


def cli_exit(devnode: str, *args: str) -> int:
    assert CLI.exists(), "build lkrg-cli first (make)"
    return subprocess.run([str(CLI), "-d", devnode, *args],
                          capture_output=True).returncode


def open_error(devnode: str) -> clkrg.ClkrgError:
    with pytest.raises(clkrg.ClkrgError) as e:
        clkrg.Guard(devnode)
    return e.value


def test_not_loaded(tmp_path: Path) -> None:
    missing = str(tmp_path / "lkrg")
    e = open_error(missing)
    assert isinstance(e, clkrg.NotLoaded) and e.errno == errno.ENOENT
    assert "modprobe clkrg" in str(e)
    assert e.exit_code == cli_exit(missing, "status") == 3


def test_abi_mismatch(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.write_text("")
    for node in (str(plain), os.devnull):
        e = open_error(node)
        assert isinstance(e, clkrg.AbiMismatch)
        assert e.exit_code == cli_exit(node, "status") == 5


def test_open_refused(fake) -> None:
    fake.set("fail_req", _abi.const("LKRG_IOC_HELLO"))
    fake.set("fail_errno", errno.EACCES)
    e = open_error(fake.path)
    assert isinstance(e, clkrg.PermissionDenied) and e.exit_code == 4
    fake.set("fail_req", _abi.const("LKRG_IOC_API_VERSION"))
    fake.set("fail_errno", errno.ENODEV)
    e = open_error(fake.path)
    assert isinstance(e, clkrg.NotLoaded) and e.exit_code == 3


@pytest.mark.parametrize("err,cls,code", [
    (errno.EPERM, clkrg.PermissionDenied, 4),
    (errno.EACCES, clkrg.PermissionDenied, 4),
    (errno.ENODEV, clkrg.NotLoaded, 3),
    (errno.ENOTTY, clkrg.ClkrgError, 6),
    (errno.EINTR, clkrg.ClkrgError, 6),
])
def test_command_errors(guard: clkrg.Guard, fake, err: int, cls: type,
                        code: int) -> None:
    fake.set("fail_req", _abi.const("LKRG_IOC_FORCE_RUN"))
    fake.set("fail_errno", err)
    with pytest.raises(cls) as e:
        guard.force_run()
    assert e.value.exit_code == code and e.value.errno == err
    assert type(e.value) is cls


def test_enoent_after_open_is_no_missing_module(guard: clkrg.Guard,
                                                fake) -> None:
    """ENOENT only means "not loaded" when opening, as in lkrg-cli."""
    fake.set("fail_req", _abi.const("LKRG_IOC_GET_STATUS"))
    fake.set("fail_errno", errno.ENOENT)
    with pytest.raises(clkrg.ClkrgError) as e:
        guard.status()
    assert type(e.value) is clkrg.ClkrgError and e.value.exit_code == 6
