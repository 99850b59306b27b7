# SPDX-License-Identifier: LGPL-2.1-or-later
"""The ABI as the loaded libclkrg was built: structure sizes, field offsets,
kinds and constants come from clkrg_abi_sizeof(), clkrg_abi_field() and
clkrg_abi_const(), never from this file. Structures are decoded into dicts
by name; a field past the bytes the module (or an event's writer) filled
is None: absent, not zero and not garbage."""

from __future__ import annotations

import ctypes
import functools
import sys
import uuid
from ctypes import byref, c_char_p, c_size_t, c_uint, c_uint64
from dataclasses import dataclass
from typing import Any

from ._lib import lib


@dataclass(frozen=True)
class Field:
    name: str
    kind: int           # CLKRG_FIELD_*
    offset: int
    length: int         # bytes of the whole member
    count: int          # elements: 1, or the array's length
    type: str | None    # element structure of CLKRG_FIELD_STRUCT


@dataclass(frozen=True)
class Layout:
    name: str
    size: int
    fields: tuple[Field, ...]

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.name} has no field {name}")


@functools.lru_cache(maxsize=None)
def const(name: str) -> int:
    """The value of an integer constant of <clkrg/lkrg.h> or <clkrg.h>."""
    value = c_uint64()
    if lib().clkrg_abi_const(name.encode(), byref(value)):
        raise KeyError(f"libclkrg knows no constant {name}")
    return value.value


def has_const(name: str) -> bool:
    try:
        const(name)
    except KeyError:
        return False
    return True


@functools.lru_cache(maxsize=None)
def layout(name: str) -> Layout:
    """Structure @name ("lkrg_status", "clkrg_cursor") as the library has
    it."""
    size = lib().clkrg_abi_sizeof(name.encode())
    if size < 0:
        raise KeyError(f"libclkrg knows no structure {name}")
    fields = []
    fname, etype = c_char_p(), c_char_p()
    kind, off, length, count = c_uint(), c_size_t(), c_size_t(), c_size_t()
    i = 0
    while not lib().clkrg_abi_field(name.encode(), i, byref(fname),
                                    byref(kind), byref(off), byref(length),
                                    byref(count), byref(etype)):
        fields.append(Field((fname.value or b"").decode(), kind.value,
                            off.value,
                            length.value, count.value,
                            etype.value.decode() if etype.value else None))
        i += 1
    return Layout(name, size, tuple(fields))


def sizeof(name: str) -> int:
    return layout(name).size


def clean_str(raw: bytes) -> str:
    """A kernel string as libclkrg shows it: up to the NUL, every byte
    outside printable ASCII replaced by '?' (safe for terminals)."""
    raw = raw.split(b"\0", 1)[0]
    return "".join(chr(b) if 0x20 <= b < 0x7f else "?" for b in raw)


def _scalar(f: Field, data: bytes, at: int) -> Any:
    width = f.length // f.count
    signed = f.kind == const("CLKRG_FIELD_SIGNED")
    return int.from_bytes(data[at:at + width], sys.byteorder, signed=signed)


def _value(f: Field, data: bytes) -> Any:
    raw = data[f.offset:f.offset + f.length]
    if f.kind == const("CLKRG_FIELD_STRING"):
        return clean_str(raw)
    if f.kind == const("CLKRG_FIELD_UUID"):
        return uuid.UUID(bytes=raw)
    if f.kind == const("CLKRG_FIELD_STRUCT"):
        assert f.type is not None
        width = f.length // f.count
        return [decode(f.type, raw[i * width:(i + 1) * width])
                for i in range(f.count)]
    if f.count == 1:
        return _scalar(f, data, f.offset)
    width = f.length // f.count
    return [_scalar(f, data, f.offset + i * width) for i in range(f.count)]


def decode(name: str, data: bytes, valid: int | None = None) -> dict[str, Any]:
    """Every field of structure @name in @data; those not within the first
    @valid bytes (default: all) are None."""
    lay = layout(name)
    if len(data) < lay.size:
        data = data + bytes(lay.size - len(data))
    limit = lay.size if valid is None else valid
    return {f.name: _value(f, data) if f.offset + f.length <= limit else None
            for f in lay.fields}


def encode(name: str, **values: int) -> ctypes.Array[ctypes.c_char]:
    """A zeroed structure @name with integer fields set and ->size (when it
    has one) set to its size, as a ctypes buffer."""
    lay = layout(name)
    buf = ctypes.create_string_buffer(lay.size)
    if any(f.name == "size" for f in lay.fields):
        values.setdefault("size", lay.size)
    for key, value in values.items():
        f = lay.field(key)
        if f.count != 1 or f.kind not in (const("CLKRG_FIELD_UNSIGNED"),
                                          const("CLKRG_FIELD_SIGNED")):
            raise TypeError(f"{name}.{key} is not an integer")
        signed = f.kind == const("CLKRG_FIELD_SIGNED")
        put(buf, f.offset, value.to_bytes(f.length, sys.byteorder,
                                          signed=signed))
    return buf


def put(buf: ctypes.Array[ctypes.c_char], offset: int, data: bytes) -> None:
    """Writes @data into @buf at @offset."""
    if offset + len(data) > len(buf):
        raise ValueError("past the end of the structure")
    ctypes.memmove(ctypes.addressof(buf) + offset, data, len(data))


def name_of(set_name: str, value: int) -> str:
    """clkrg_name(): the stable lower-case name of @value in a set of
    names ("BLOCK", "SEVERITY"...), "unknown" when it has none."""
    text: bytes = lib().clkrg_name(int(const(f"CLKRG_NAMES_{set_name}")),
                                   value)
    return text.decode()


def value_of(set_name: str, name: str) -> int:
    """clkrg_name_value(): the reverse; ValueError when it is no name of
    the set."""
    v = lib().clkrg_name_value(int(const(f"CLKRG_NAMES_{set_name}")),
                               name.encode())
    if v < 0:
        raise ValueError(f"{name!r} is not a name of {set_name.lower()}")
    return int(v)
