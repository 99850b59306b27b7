# SPDX-License-Identifier: LGPL-2.1-or-later
"""clkrg: the clkrg kernel runtime guard from Python, over libclkrg.

    import clkrg

    with clkrg.Guard() as g:
        check = g.force_run()
        for ev in g.events(types={"violation"}):
            print(ev.seq, ev.object, ev.name, ev.location)

Structures are never copied here: sizes, offsets and constants come from
the loaded libclkrg (clkrg_abi_*), which reports the ABI it was built
with. Exceptions carry lkrg-cli's exit code for the same failure
(clkrg.errors). See libclkrg(3) and the README's Python section.
"""

from .errors import (AbiMismatch, ClkrgError, NotLoaded, PermissionDenied,
                     UnknownKnob, UsageError, ViolationsFound)
from .guard import Guard, HookOwners, Policy, UmhAllowList
from .records import (Check, Cursor, Event, EventValue, HookOwner, HookRow,
                      Knob, Lost, StatsRow, Status, UmhEntry)

__version__ = "0.2.0"

__all__ = [
    "AbiMismatch", "Check", "ClkrgError", "Cursor", "Event", "EventValue",
    "Guard", "HookOwner", "HookOwners", "HookRow", "Knob", "Lost", "NotLoaded", "PermissionDenied",
    "Policy", "StatsRow", "Status", "UmhAllowList", "UmhEntry",
    "UnknownKnob", "UsageError", "ViolationsFound",
]
