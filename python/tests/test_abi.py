# SPDX-License-Identifier: GPL-2.0
"""No copy of the structures by hand: the dataclasses follow the library's
table of the ABI (a field added to a header fails here until it is
exposed), what the package decodes with the library's offsets is what the
library's own compiled code reads (its JSON), and against a library built
with a grown ABI the package follows that library's sizes."""

from __future__ import annotations

import ctypes
import dataclasses
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import clkrg
from clkrg import _abi
from clkrg._lib import lib

from conftest import TOP

RESERVED = re.compile(r"reserved\d*$")

# dataclass -> the structures it shows and what it leaves out of them
SHOWN = [
    (clkrg.Status, ["lkrg_status"], {"size", "flags"}),
    (clkrg.Check, ["lkrg_check"], {"size", "flags"}),
    (clkrg.Knob, ["lkrg_knob"], set()),
    (clkrg.StatsRow, ["lkrg_stats_row"], set()),
    (clkrg.HookRow, ["lkrg_hook_row"], set()),
    (clkrg.UmhEntry, ["lkrg_umh_entry"], set()),
    (clkrg.HookOwner, ["lkrg_hook_allow_entry"], set()),
    (clkrg.EventValue, ["lkrg_event_value"], set()),
    (clkrg.Event, ["lkrg_event_hdr", "lkrg_event_detail"],
     {"len", "size", "nvalues"}),
    (clkrg.Lost, ["lkrg_event_hdr", "lkrg_event_lost"], {"len", "size"}),
    (clkrg.Cursor, ["clkrg_cursor"], {"size", "flags"}),
]


@pytest.mark.parametrize("cls,structs,hidden", SHOWN,
                         ids=[c.__name__ for c, _, _ in SHOWN])
def test_dataclass_follows_the_table(cls, structs, hidden) -> None:
    table = {f.name for s in structs for f in _abi.layout(s).fields
             if not RESERVED.match(f.name)} - hidden
    mine = {f.name for f in dataclasses.fields(cls)} - {"raw"}
    assert mine == table


def raw_of(fill, struct: str, *args) -> bytes:
    size = _abi.sizeof(struct)
    buf = ctypes.create_string_buffer(size)
    assert fill(*args, buf, size) == 0
    return buf.raw


def lib_json(fn, raw: bytes) -> dict:
    out = ctypes.create_string_buffer(4096)
    n = fn(ctypes.create_string_buffer(raw, len(raw)), len(raw), out, 4096)
    assert n > 0
    return json.loads(out.value)


def same(decoded: dict, js: dict, renamed: dict[str, str] = {}) -> None:
    """Every field of the library's JSON equals the decoded one."""
    for key, value in js.items():
        mine = decoded[renamed.get(key, key)]
        if isinstance(mine, bool) or isinstance(value, bool):
            assert bool(mine) == value, key
        elif key in ("instance", "event_uuid"):
            assert str(mine) == value, key
        else:
            assert mine == value, key


def test_decoded_as_the_library_reads(guard: clkrg.Guard, fake) -> None:
    fake.emit("violation", "alert", "ktext", ".text\x1b[31m")
    raw = raw_of(lambda b, s: lib().clkrg_status_sized(guard.handle, b, s),
                 "lkrg_status")
    d = _abi.decode("lkrg_status", raw)
    js = lib_json(lib().clkrg_status_to_json_sized, raw)
    d["block_modules"] = _abi.name_of("BLOCK", d["block_modules"])
    same(d, js, {"instance": "instance_uuid"})
    assert dataclasses.asdict(guard.status()).keys() <= d.keys()

    raw = raw_of(lambda b, s: lib().clkrg_force_run_sized(guard.handle, b,
                                                          s), "lkrg_check")
    d = _abi.decode("lkrg_check", raw)
    d["trigger"] = _abi.name_of("TRIGGER", d["trigger"])
    same(d, lib_json(lib().clkrg_check_to_json_sized, raw))

    for k in guard.knobs():
        js = lib_json(lib().clkrg_knob_to_json_sized, k.raw)
        assert (js["name"], js["value"], js["min"], js["max"]) == (
            k.name, k.value, k.min, k.max)
        assert (js["description"], js["enum"], js["load_only"]) == (
            k.desc, k.enum, k.load_only)
        assert js.get("value_name") == k.value_name()

    ev = next(iter(guard.events()))
    js = json.loads(ev.json())
    assert ev.name == js["name"] == ".text?[31m"   # no escape gets through
    for key in ("seq", "type", "severity", "object", "action", "pid",
                "generation", "comm", "location", "count", "suppressed"):
        assert getattr(ev, key) == js[key], key
    assert str(ev.instance_uuid) == js["instance"]
    assert [(v.field, hex(v.expected), hex(v.actual)) for v in ev.values] == [
        (v["field"], v["expected"], v["actual"]) for v in js["values"]]
    assert ev.ns_mnt == js["ns"]["mnt"]


def test_sizes_come_from_the_library() -> None:
    for name in ("status", "check", "knob", "stats_row", "hook_row",
                 "umh_entry", "event_detail", "event_lost"):
        struct = f"lkrg_{name}"
        assert _abi.sizeof(struct) >= _abi.const(
            f"LKRG_{name.upper()}_SIZE_VER0")
    assert _abi.sizeof("clkrg_cursor") == _abi.const("CLKRG_CURSOR_SIZE_VER0")
    with pytest.raises(KeyError):
        _abi.layout("lkrg_nosuch")


GROWN_PROBE = r"""
import json, ctypes, clkrg
from clkrg import _abi
from clkrg._lib import lib
fake = ctypes.CDLL(None)
fake.fake_ctl_path.restype = ctypes.c_char_p
g = clkrg.Guard(fake.fake_ctl_path().decode())
buf = ctypes.create_string_buffer(_abi.sizeof("lkrg_status"))
assert lib().clkrg_status_sized(g.handle, buf, len(buf)) == 0
size = _abi.decode("lkrg_status", buf.raw)["size"]
st = g.status()
print(json.dumps({"sizeof": _abi.sizeof("lkrg_status"), "answered": size,
                  "grown": _abi.decode("lkrg_status", buf.raw, size)["grown"],
                  "generation": st.generation,
                  "knob": g.policy.knob("interval").max}))
"""


@pytest.mark.parametrize("older", [False, True], ids=["newer", "older"])
def test_grown_abi(older: bool) -> None:
    """With libclkrg built for a grown ABI (tests/unit/compat), the package
    sees that library's sizes, a later module's new field, and an older
    module's absence of it (None), with no change here."""
    compat = TOP / "tests" / "unit" / "obj" / "compat"
    env = dict(os.environ,
               CLKRG_LIBRARY=str(compat / "lib" / "libclkrg.so.1"),
               LD_PRELOAD=str(compat / "fake-grown.so"),
               PYTHONPATH=str(TOP / "python"))
    env.pop("CLKRG_FAKE_OLDER", None)
    if older:
        env["CLKRG_FAKE_OLDER"] = "1"
    out = subprocess.run([sys.executable, "-c", GROWN_PROBE], env=env,
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout)
    base = _abi.sizeof("lkrg_status")
    assert got["sizeof"] == base + 8
    assert got["generation"] == 4 and got["knob"] == 1800
    if older:
        assert (got["answered"], got["grown"]) == (base, None)
    else:
        assert (got["answered"], got["grown"]) == (base + 8, 0x67726f776e)


def test_version_is_the_library_s() -> None:
    header = (TOP / "libclkrg" / "clkrg.h").read_text()
    m = re.search(r'#define CLKRG_VERSION\s+"([^"]+)"', header)
    assert m and clkrg.__version__ == m.group(1)
