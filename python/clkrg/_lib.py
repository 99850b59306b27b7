# SPDX-License-Identifier: LGPL-2.1-or-later
"""libclkrg through ctypes: the library, loaded once, and the prototypes of
the calls this package makes. Only the sized calls (CLKRG_1.3) are used
for structures, with sizes the library itself reports (_abi.py)."""

from __future__ import annotations

import ctypes
import os
import threading
from ctypes import (POINTER, c_char_p, c_int, c_int64, c_long, c_size_t,
                    c_uint, c_uint32, c_uint64, c_void_p)
from typing import Any

#: The soname; CLKRG_LIBRARY in the environment names another file.
SONAME = "libclkrg.so.1"

_P = c_void_p
_PROTOTYPES: dict[str, tuple[Any, list[Any]]] = {
    "clkrg_open": (c_int, [c_char_p, POINTER(_P)]),
    "clkrg_close": (None, [_P]),
    "clkrg_fd": (c_int, [_P]),
    "clkrg_hello_info": (_P, [_P]),
    "clkrg_has_ioctl": (ctypes.c_bool, [_P, c_uint]),
    "clkrg_force_run_sized": (c_int, [_P, _P, c_size_t]),
    "clkrg_rebaseline": (c_int, [_P, c_uint64, POINTER(c_uint64)]),
    "clkrg_block_modules_get": (c_int, [_P, POINTER(c_uint32),
                                        POINTER(c_uint64)]),
    "clkrg_block_modules_set": (c_int, [_P, c_uint32]),
    "clkrg_status_sized": (c_int, [_P, _P, c_size_t]),
    "clkrg_shutdown": (c_int, [_P]),
    "clkrg_policy_list_sized": (c_int, [_P, POINTER(_P), POINTER(c_size_t),
                                        c_size_t]),
    "clkrg_knobs_free": (None, [_P]),
    "clkrg_policy_set": (c_int, [_P, c_char_p, c_int64, POINTER(c_int64)]),
    "clkrg_stats_sized": (c_int, [_P, POINTER(_P), POINTER(c_size_t),
                                  c_size_t]),
    "clkrg_stats_free": (None, [_P]),
    "clkrg_hooks_sized": (c_int, [_P, POINTER(_P), POINTER(c_size_t),
                                  c_size_t]),
    "clkrg_hooks_free": (None, [_P]),
    "clkrg_umh_list_sized": (c_int, [_P, POINTER(_P), POINTER(c_size_t),
                                     c_size_t, POINTER(c_uint64),
                                     POINTER(c_uint64)]),
    "clkrg_umh_free": (None, [_P]),
    "clkrg_umh_add": (c_int, [_P, c_char_p, POINTER(c_uint32),
                              POINTER(c_uint64)]),
    "clkrg_umh_del": (c_int, [_P, c_char_p, POINTER(c_uint32),
                              POINTER(c_uint64)]),
    "clkrg_hook_allow_list_sized": (c_int, [_P, POINTER(_P),
                                            POINTER(c_size_t), c_size_t,
                                            POINTER(c_uint64),
                                            POINTER(c_uint64),
                                            POINTER(c_uint64)]),
    "clkrg_hook_allow_free": (None, [_P]),
    "clkrg_hook_allow": (c_int, [_P, c_char_p, POINTER(c_uint32),
                                 POINTER(c_uint64)]),
    "clkrg_hook_deny": (c_int, [_P, c_char_p, POINTER(c_uint32),
                                POINTER(c_uint64)]),
    "clkrg_event_next": (c_int, [_P, c_int, POINTER(_P)]),
    "clkrg_event_seek": (c_int, [_P, c_uint64]),
    "clkrg_event_tell": (c_int, [_P, _P]),
    "clkrg_event_resume": (c_int, [_P, _P]),
    "clkrg_event_filter": (c_int, [_P, _P]),
    "clkrg_event_detail_sized": (c_int, [_P, _P, c_size_t]),
    "clkrg_event_lost_sized": (c_int, [_P, _P, c_size_t]),
    "clkrg_event_to_json": (c_int, [_P, c_char_p, c_size_t]),
    "clkrg_event_to_text": (c_int, [_P, c_char_p, c_size_t]),
    "clkrg_knob_name_set_sized": (c_int, [_P, c_size_t]),
    "clkrg_knob_value_name_sized": (c_char_p, [_P, c_size_t, c_int64]),
    "clkrg_knob_allows_sized": (ctypes.c_bool, [_P, c_size_t, c_int64]),
    "clkrg_parse_value": (c_int, [c_int, c_char_p, POINTER(c_int64)]),
    "clkrg_name": (c_char_p, [c_int, c_uint]),
    "clkrg_name_value": (c_int, [c_int, c_char_p]),
    "clkrg_strerror": (c_char_p, [c_int]),
    "clkrg_abi_sizeof": (c_long, [c_char_p]),
    "clkrg_abi_field": (c_int, [c_char_p, c_uint, POINTER(c_char_p),
                                POINTER(c_uint), POINTER(c_size_t),
                                POINTER(c_size_t), POINTER(c_size_t),
                                POINTER(c_char_p)]),
    "clkrg_abi_const": (c_int, [c_char_p, POINTER(c_uint64)]),
}

_lock = threading.Lock()
_lib: ctypes.CDLL | None = None


def lib() -> ctypes.CDLL:
    """The library, with every prototype set (loaded on first use)."""
    global _lib
    with _lock:
        if _lib is None:
            path = os.environ.get("CLKRG_LIBRARY") or SONAME
            handle = ctypes.CDLL(path, use_errno=True)
            for name, (restype, argtypes) in _PROTOTYPES.items():
                fn = getattr(handle, name)
                fn.restype = restype
                fn.argtypes = argtypes
            _lib = handle
        return _lib


def strerror(err: int) -> str:
    """libclkrg's text for a (negative or positive) errno."""
    text: bytes | None = lib().clkrg_strerror(err)
    return text.decode() if text else f"error {err}"
