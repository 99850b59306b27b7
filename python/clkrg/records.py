# SPDX-License-Identifier: LGPL-2.1-or-later
"""What the module answers, as dataclasses. Field names are those of the
ABI structures (<clkrg/lkrg.h>); the values come from the library's view
of each structure (_abi.decode), enumerations as the names libclkrg gives
them (the names lkrg-cli prints and its JSON carries). Reserved bytes and
the size, flags and count bookkeeping of the ABI are left out.

A field that a later ABI version appends is typed ``X | None`` here and is
None when the module (or an event's writer) did not send it."""

from __future__ import annotations

import ctypes
import datetime
import uuid
from dataclasses import dataclass, field, fields
from typing import Any, Callable, ClassVar, TypeVar

from . import _abi
from ._lib import lib

T = TypeVar("T")


def _names(set_name: str) -> Callable[[int], str]:
    return lambda v: _abi.name_of(set_name, v)


def _build(cls: type[T], decoded: dict[str, Any],
           convert: dict[str, Callable[[Any], Any]], **extra: Any) -> T:
    """@cls from a decoded structure: each dataclass field from the field
    of that name (converted), None when the library has no such field or
    the module did not send it."""
    args: dict[str, Any] = {}
    for f in fields(cls):
        if f.name in extra:
            args[f.name] = extra[f.name]
        elif not f.init:
            continue
        else:
            value = decoded.get(f.name)
            if value is not None and f.name in convert:
                value = convert[f.name](value)
            args[f.name] = value
    return cls(**args)


def _time(ns: int) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(ns / 1e9, datetime.timezone.utc)


@dataclass(frozen=True)
class Status:
    """LKRG_IOC_GET_STATUS (lkrg-cli status)."""

    module_version: str
    api_version: int
    schema_version: int
    instance_uuid: uuid.UUID
    generation: int
    loaded_real_ns: int
    checks: int
    last_check_id: int
    last_check_real_ns: int
    last_check_duration_ns: int
    last_check_violations: int
    block_modules: str          # off, on, lock
    events_produced: int        # the sequence number of the next event
    events_oldest: int
    violations_total: int
    shutting_down: bool
    interval_s: int
    events_suppressed: int
    objects: int
    tasks: int
    locked: bool

    CONVERT: ClassVar[dict[str, Callable[[Any], Any]]] = {"block_modules": _names("BLOCK"), "shutting_down": bool,
               "locked": bool}

    @classmethod
    def _from(cls, d: dict[str, Any]) -> Status:
        return _build(cls, d, cls.CONVERT)


@dataclass(frozen=True)
class Check:
    """A check's result (LKRG_IOC_FORCE_RUN)."""

    check_id: int
    start_ns: int
    duration_ns: int
    regions: int
    bytes: int
    violations: int
    trigger: str                # manual, timer, ...
    generation: int
    start_real_ns: int
    tasks: int
    tasks_ns: int

    CONVERT: ClassVar[dict[str, Callable[[Any], Any]]] = {"trigger": _names("TRIGGER")}

    @property
    def clean(self) -> bool:
        return self.violations == 0

    @classmethod
    def _from(cls, d: dict[str, Any]) -> Check:
        return _build(cls, d, cls.CONVERT)


@dataclass(frozen=True)
class Knob:
    """One policy knob, with its range and description."""

    name: str
    value: int
    min: int
    max: int
    allowed: int                # enum knobs: bit v set when v is allowed
    flags: int                  # LKRG_KNOB_F_*
    names: int                  # LKRG_KNOB_NAMES_*: which names its values have
    desc: str
    raw: bytes = field(repr=False, compare=False, default=b"")

    @classmethod
    def _from(cls, d: dict[str, Any], raw: bytes) -> Knob:
        return _build(cls, d, {}, raw=raw)

    def _call(self, fn: Any, *args: Any) -> Any:
        buf = ctypes.create_string_buffer(self.raw, len(self.raw))
        return fn(buf, len(self.raw), *args)

    @property
    def enum(self) -> bool:
        return bool(self.flags & _abi.const("LKRG_KNOB_F_ENUM"))

    @property
    def load_only(self) -> bool:
        return bool(self.flags & _abi.const("LKRG_KNOB_F_LOAD_ONLY"))

    def value_name(self, value: int | None = None) -> str | None:
        """The name of @value (default: the knob's), None when it has
        none."""
        name = self._call(lib().clkrg_knob_value_name_sized,
                          self.value if value is None else value)
        return name.decode() if name else None

    def allows(self, value: int) -> bool:
        """The module's range and allowed-set rule, for @value alone."""
        return bool(self._call(lib().clkrg_knob_allows_sized, value))

    def parse(self, text: str | int) -> int:
        """A value of this knob from a number or one of its names
        ("log_only"); ValueError when it is neither."""
        if isinstance(text, int):
            return text
        names = self._call(lib().clkrg_knob_name_set_sized)
        out = ctypes.c_int64()
        if lib().clkrg_parse_value(names, str(text).encode(),
                                   ctypes.byref(out)):
            raise ValueError(f"{text!r} is not a value of {self.name}")
        return out.value


@dataclass(frozen=True)
class StatsRow:
    """Check counters of one trigger (LKRG_IOC_STATS)."""

    name: str
    id: int                     # LKRG_TRIGGER_*
    fired: int
    started: int
    coalesced: int
    violations: int
    last_fired_ns: int
    total_ns: int
    max_ns: int

    @classmethod
    def _from(cls, d: dict[str, Any]) -> StatsRow:
        return _build(cls, d, {})


@dataclass(frozen=True)
class HookRow:
    """A kernel function the module probes (LKRG_IOC_HOOKS)."""

    symbol: str
    role: str
    hits: int
    violations: int
    denied: int
    active: bool

    @classmethod
    def _from(cls, d: dict[str, Any]) -> HookRow:
        return _build(cls, d, {"active": bool})


@dataclass(frozen=True)
class UmhEntry:
    """A path on the usermode helper allow-list."""

    path: str
    allowed: int                # helpers started from it

    @classmethod
    def _from(cls, d: dict[str, Any]) -> UmhEntry:
        return _build(cls, d, {})


@dataclass(frozen=True)
class HookOwner:
    """An owner allowed to redirect kernel functions ("NAME", "bpf:NAME",
    "kernel:SYMBOL", optionally ending in '*')."""

    owner: str
    allowed: int                # redirecting hooks it let pass

    @classmethod
    def _from(cls, d: dict[str, Any]) -> HookOwner:
        return _build(cls, d, {})


@dataclass(frozen=True)
class EventValue:
    """What differs: a field with its expected and actual value."""

    field: str
    expected: int
    actual: int


def _record_call(raw: bytes, fn: Any, size: int) -> str:
    rec = ctypes.create_string_buffer(raw, len(raw))
    out = ctypes.create_string_buffer(size)
    n = fn(rec, out, size)
    if n < 0:
        raise ValueError("malformed event record")
    return out.value.decode()


class _Record:
    """JSON and text of a record, as lkrg-cli prints them."""

    raw: bytes

    def json(self) -> str:
        """The record as one JSON object (lkrg-cli --json events)."""
        return _record_call(self.raw, lib().clkrg_event_to_json,
                            _abi.const("CLKRG_JSON_MAX"))

    def text(self) -> str:
        """The record as one line of text (lkrg-cli events)."""
        return _record_call(self.raw, lib().clkrg_event_to_text,
                            _abi.const("CLKRG_JSON_MAX"))


@dataclass(frozen=True)
class Event(_Record):
    """A VIOLATION, ADMIN, BLOCK or INFO record."""

    seq: int
    type: str                   # violation, admin, block, info
    schema: int
    mono_ns: int
    real_ns: int
    cpu: int
    flags: int                  # LKRG_EVF_*
    severity: str               # alert, warn, notice, info
    category: str
    object: str                 # ktext, module, task_cred, ...
    action: str
    trigger: str
    check_id: int
    generation: int
    instance_uuid: uuid.UUID
    event_uuid: uuid.UUID
    pid: int                    # -1: no task
    tgid: int
    uid: int
    euid: int
    ns_mnt: int
    ns_pid: int
    ns_net: int
    ns_user: int
    comm: str
    name: str
    location: str
    address: int                # 0 when redacted or not applicable
    length: int
    count: int
    suppressed: int
    values: list[EventValue]
    raw: bytes = field(repr=False, compare=False, default=b"")

    CONVERT: ClassVar[dict[str, Callable[[Any], Any]]] = {
        "type": _names("TYPE"), "severity": _names("SEVERITY"),
        "category": _names("CATEGORY"), "object": _names("OBJECT"),
        "action": _names("ACTION"), "trigger": _names("TRIGGER"),
    }

    @property
    def redacted(self) -> bool:
        return bool(self.flags & _abi.const("LKRG_EVF_REDACTED"))

    @property
    def time(self) -> datetime.datetime:
        return _time(self.real_ns)

    @classmethod
    def _from(cls, hdr: dict[str, Any], detail: dict[str, Any],
              raw: bytes) -> Event:
        merged = {**detail, **hdr}
        nvalues = detail.get("nvalues") or 0
        values = [EventValue(v["field"], v["expected"], v["actual"])
                  for v in (detail.get("values") or [])[:nvalues]]
        return _build(cls, merged, cls.CONVERT, values=values, raw=raw)


@dataclass(frozen=True)
class Lost(_Record):
    """The reader missed records first_seq .. first_seq + count - 1 (the
    ring overwrote them); never silent."""

    seq: int                    # 0: made for this reader
    type: str                   # "lost"
    schema: int
    mono_ns: int
    real_ns: int
    cpu: int
    flags: int
    first_seq: int
    count: int
    raw: bytes = field(repr=False, compare=False, default=b"")

    @classmethod
    def _from(cls, hdr: dict[str, Any], lost: dict[str, Any],
              raw: bytes) -> Lost:
        return _build(cls, {**lost, **hdr}, {"type": _names("TYPE")},
                      raw=raw)


@dataclass(frozen=True)
class Cursor:
    """Where an event stream stands: the module load (instance) and the
    next sequence number. str() is the line lkrg-cli keeps in its cursor
    file ("<instance-uuid> <next-seq>"), parse() reads it back."""

    instance_uuid: uuid.UUID
    seq: int

    def __str__(self) -> str:
        return f"{self.instance_uuid} {self.seq}"

    @classmethod
    def parse(cls, text: str) -> Cursor:
        parts = text.split()
        if len(parts) != 2 or not parts[1].isdigit():
            raise ValueError(f"not a cursor: {text!r}")
        return cls(uuid.UUID(parts[0]), int(parts[1]))
