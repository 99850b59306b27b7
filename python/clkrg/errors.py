# SPDX-License-Identifier: LGPL-2.1-or-later
"""Exceptions with the meaning of lkrg-cli's exit codes (lkrg-cli(8)):
each class carries the exit code the CLI gives for the same failure, so a
script can exit(e.exit_code) and be read like the CLI."""

from __future__ import annotations

import errno as _errno

from ._lib import strerror


class ClkrgError(Exception):
    """Anything else that failed (lkrg-cli exit 6). ``errno`` is the
    positive errno behind it, when there is one."""

    exit_code = 6

    def __init__(self, message: str, errno: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.errno = errno

    def __str__(self) -> str:
        return self.message


class ViolationsFound(ClkrgError):
    """A check found violations (exit 1): force_run(raise_on_violations=
    True), or wait_clean() timing out after checks that found some."""

    exit_code = 1

    def __init__(self, message: str, check: object = None) -> None:
        super().__init__(message)
        self.check = check


class UsageError(ClkrgError, ValueError):
    """A bad request refused before the module is asked (exit 2): an
    unknown knob, a value that is no value of it, an unknown name."""

    exit_code = 2


class UnknownKnob(UsageError, KeyError):
    """The module has no knob of that name (exit 2, as "lkrg-cli policy
    set nosuch=1"); also a KeyError, as a mapping's."""


class NotLoaded(ClkrgError):
    """No module behind the device, or it is shutting down (exit 3)."""

    exit_code = 3


# Also a PermissionError, whose errno is always an int here.
class PermissionDenied(ClkrgError, PermissionError):  # type: ignore[misc]
    """Opening was denied, the call needs CAP_SYS_ADMIN, or the policy
    lock refused it (exit 4)."""

    exit_code = 4


class AbiMismatch(ClkrgError):
    """The node is no lkrg device, or speaks another API version (exit
    5)."""

    exit_code = 5


def error_for(err: int, what: str, *, opening: bool = False,
              devnode: str | None = None) -> ClkrgError:
    """The exception for libclkrg's negative errno @err from @what, mapped
    as lkrg-cli maps it to an exit code (cli/exit_codes.c): ENOENT is "not
    loaded" only when opening."""
    err = abs(err)
    dev = devnode or "/dev/lkrg"
    if opening and err == _errno.ENOENT:
        return NotLoaded(f"{what}: module not loaded ({dev} missing): run "
                         "'modprobe clkrg'", err)
    if err in (_errno.ENXIO, _errno.ENODEV):
        return NotLoaded(f"{what}: clkrg is not loaded or shutting down "
                         f"({strerror(err)})", err)
    if err in (_errno.EACCES, _errno.EPERM):
        return PermissionDenied(f"{what}: permission denied: "
                                f"{strerror(err)}", err)
    if opening and err == _errno.EPROTO:
        return AbiMismatch(f"{what}: ABI mismatch: {dev} is no lkrg device "
                           "of this API version", err)
    return ClkrgError(f"{what}: {strerror(err)}", err)
