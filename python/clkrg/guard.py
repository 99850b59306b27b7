# SPDX-License-Identifier: LGPL-2.1-or-later
"""Guard: one open handle on /dev/lkrg, through libclkrg."""

from __future__ import annotations

import ctypes
import errno
import os
import time
import warnings
import weakref
from collections.abc import Iterable, Iterator, MutableMapping, MutableSet
from ctypes import byref, c_int64, c_size_t, c_uint32, c_uint64, c_void_p

from . import _abi
from ._lib import lib
from .errors import (ClkrgError, PermissionDenied, UnknownKnob, UsageError,
                     ViolationsFound, error_for)
from .records import (Check, Cursor, Event, HookOwner, HookRow, Knob, Lost,
                      StatsRow, Status, UmhEntry)

#: How long one wait inside events(follow=True) lasts, so that signals
#: (Ctrl-C) are seen between two.
_WAIT_MS = 250


class Guard:
    """The clkrg module, through /dev/lkrg (or @devnode, or the path in
    $CLKRG_DEVICE).

    Reading (status, events, policy, stats) needs read access to the
    device; changing anything needs CAP_SYS_ADMIN. Failures raise the
    exceptions of clkrg.errors, whose exit_code is lkrg-cli's for the same
    failure. A Guard is not thread-safe: use one per thread.
    """

    def __init__(self, devnode: str | os.PathLike[str] | None = None) -> None:
        if devnode is None:
            devnode = os.environ.get("CLKRG_DEVICE") or None
        self.devnode = os.fspath(devnode) if devnode is not None else None
        handle = c_void_p()
        ret = lib().clkrg_open(
            self.devnode.encode() if self.devnode is not None else None,
            byref(handle))
        if ret:
            raise error_for(ret, "open", opening=True, devnode=self.devnode)
        self._c: c_void_p | None = handle
        self._finalizer = weakref.finalize(self, lib().clkrg_close, handle)
        self.policy = Policy(self)
        self.umh = UmhAllowList(self)
        self.hook_owners = HookOwners(self)

    # ---- the handle -------------------------------------------------------

    def close(self) -> None:
        """Closes the handle; later calls raise ClkrgError."""
        self._finalizer()
        self._c = None

    def __enter__(self) -> Guard:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def handle(self) -> c_void_p:
        if self._c is None:
            raise ClkrgError("the Guard is closed", errno.EBADF)
        return self._c

    def fileno(self) -> int:
        """The device's descriptor, for selectors; see events() for what
        to do when it is readable."""
        return int(lib().clkrg_fd(self.handle))

    def _check(self, ret: int, what: str) -> int:
        if ret < 0:
            raise error_for(ret, what, devnode=self.devnode)
        return ret

    @property
    def features(self) -> int:
        """HELLO's LKRG_FEAT_* bits."""
        hello = lib().clkrg_hello_info(self.handle)
        size = _abi.sizeof("lkrg_hello")
        raw = ctypes.string_at(hello, size)
        return int(_abi.decode("lkrg_hello", raw)["features"])

    # ---- commands ---------------------------------------------------------

    def _fill(self, fn: object, struct: str, what: str) -> dict[str, object]:
        size = _abi.sizeof(struct)
        buf = ctypes.create_string_buffer(size)
        self._check(fn(self.handle, buf, size), what)  # type: ignore[operator]
        d = _abi.decode(struct, buf.raw)
        return _abi.decode(struct, buf.raw, valid=int(d["size"]))

    def status(self) -> Status:
        """The module's state (lkrg-cli status)."""
        return Status._from(self._fill(lib().clkrg_status_sized,
                                       "lkrg_status", "status"))

    def force_run(self, *, raise_on_violations: bool = False) -> Check:
        """Runs a full check now and waits for it (lkrg-cli force-run).
        With @raise_on_violations, a check that found some raises
        ViolationsFound (exit 1) carrying it."""
        check = Check._from(self._fill(lib().clkrg_force_run_sized,
                                       "lkrg_check", "force-run"))
        if raise_on_violations and check.violations:
            raise ViolationsFound(f"check #{check.check_id} found "
                                  f"{check.violations} violations", check)
        return check

    def rebaseline(self, scope: Iterable[str] | None = None) -> int:
        """Accepts the running kernel as the baseline, for @scope (names:
        ktext, rodata, extable, cpu, modules; default all) and returns the
        new baseline generation (lkrg-cli rebaseline)."""
        bits = 0
        for name in scope or ():
            key = f"LKRG_SCOPE_{name.upper()}"
            if not _abi.has_const(key):
                raise UsageError(f"rebaseline: unknown scope {name!r}")
            bits |= _abi.const(key)
        gen = c_uint64()
        self._check(lib().clkrg_rebaseline(self.handle, bits, byref(gen)),
                    "rebaseline")
        return gen.value

    @property
    def block_modules(self) -> str:
        """Module loading: "off", "on" (refused) or "lock" (refused until
        reboot). Set it with a name or LKRG_BLOCK_* value."""
        mode = c_uint32()
        self._check(lib().clkrg_block_modules_get(self.handle, byref(mode),
                                                  None), "block-modules")
        return _abi.name_of("BLOCK", mode.value)

    @block_modules.setter
    def block_modules(self, mode: str | int) -> None:
        if isinstance(mode, str):
            try:
                mode = _abi.value_of("BLOCK", mode)
            except ValueError as e:
                raise UsageError(f"block-modules: {e}") from None
        ret = lib().clkrg_block_modules_set(self.handle, mode)
        if ret == -errno.EPERM and self.block_modules == "lock":
            raise PermissionDenied("block-modules: locked until reboot",
                                   errno.EPERM)
        self._check(ret, "block-modules")

    def shutdown(self) -> None:
        """Readers get the records left, then the end of the stream; later
        calls raise NotLoaded (lkrg-cli shutdown)."""
        self._check(lib().clkrg_shutdown(self.handle), "shutdown")

    def _rows(self, fn: object, free: object, struct: str, what: str,
              *tail: object) -> list[tuple[dict[str, object], bytes]]:
        stride = _abi.sizeof(struct)
        arr, count = c_void_p(), c_size_t()
        self._check(fn(self.handle, byref(arr), byref(count),  # type: ignore[operator]
                       stride, *tail), what)
        try:
            rows = []
            for i in range(count.value):
                raw = ctypes.string_at(arr.value + i * stride, stride)  # type: ignore[operator]
                rows.append((_abi.decode(struct, raw), raw))
            return rows
        finally:
            free(arr)  # type: ignore[operator]

    def knobs(self) -> list[Knob]:
        """Every policy knob with its range (lkrg-cli policy get)."""
        return [Knob._from(d, raw) for d, raw in
                self._rows(lib().clkrg_policy_list_sized,
                           lib().clkrg_knobs_free, "lkrg_knob", "policy")]

    def stats(self) -> list[StatsRow]:
        """Check counters, one row per trigger (lkrg-cli stats)."""
        return [StatsRow._from(d) for d, _ in
                self._rows(lib().clkrg_stats_sized, lib().clkrg_stats_free,
                           "lkrg_stats_row", "stats")]

    def hooks(self) -> list[HookRow]:
        """The kernel functions the module probes (lkrg-cli hooks)."""
        return [HookRow._from(d) for d, _ in
                self._rows(lib().clkrg_hooks_sized, lib().clkrg_hooks_free,
                           "lkrg_hook_row", "hooks")]

    def wait_clean(self, timeout: float | None = 30.0,
                   interval: float = 0.1) -> Status:
        """Waits for a check that completes from now on and finds nothing
        (lkrg-cli wait-clean); starts none. Timing out raises
        ViolationsFound (exit 1) after checks that found violations, else
        ClkrgError (exit 6: no check completed)."""
        st = self.status()
        first = st.last_check_id
        end = None if timeout is None else time.monotonic() + timeout
        while end is None or time.monotonic() < end:
            time.sleep(interval)
            st = self.status()
            if st.last_check_id > first and not st.last_check_violations:
                return st
        if st.last_check_id > first:
            raise ViolationsFound(
                f"wait-clean: timed out after {timeout} s: the last check "
                f"(#{st.last_check_id}) found {st.last_check_violations} "
                "violations")
        raise ClkrgError(f"wait-clean: timed out after {timeout} s: no check "
                         "completed")

    # ---- the event stream -------------------------------------------------

    def tell(self) -> Cursor:
        """Where the stream stands: events(since=cursor) in any later
        Guard goes on from there with no loss and no repeat."""
        buf = _abi.encode("clkrg_cursor")
        self._check(lib().clkrg_event_tell(self.handle, buf), "tell")
        d = _abi.decode("clkrg_cursor", buf.raw)
        return Cursor(d["instance_uuid"], d["seq"])

    def resume(self, cursor: Cursor) -> bool:
        """Moves the stream to @cursor: True when it belongs to the loaded
        module; False when it does not (the module was reloaded), and the
        stream then starts at the oldest record kept."""
        buf = _abi.encode("clkrg_cursor", seq=cursor.seq)
        f = _abi.layout("clkrg_cursor").field("instance_uuid")
        _abi.put(buf, f.offset, cursor.instance_uuid.bytes)
        return self._check(lib().clkrg_event_resume(self.handle, buf),
                           "resume") == 0

    def _filter(self, types: Iterable[str] | None, severity: str | None,
                objects: Iterable[str] | None) -> None:
        def mask(set_name: str, names: Iterable[str]) -> int:
            m = 0
            for n in names:
                try:
                    m |= 1 << _abi.value_of(set_name, n)
                except ValueError as e:
                    raise UsageError(f"events: {e}") from None
            return m

        sev = 0
        if severity is not None:
            # "at least this severe": alert (0) is the most severe
            top = mask("SEVERITY", [severity]).bit_length() - 1
            sev = (1 << (top + 1)) - 1
        f = _abi.encode("clkrg_filter", types=mask("TYPE", types or ()),
                        severities=sev, objects=mask("OBJECT", objects or ()))
        self._check(lib().clkrg_event_filter(self.handle, f), "events")

    def _record(self, ptr: int) -> Event | Lost:
        hsize = _abi.sizeof("lkrg_event_hdr")
        hdr = _abi.decode("lkrg_event_hdr", ctypes.string_at(ptr, hsize))
        raw = ctypes.string_at(ptr, int(hdr["len"]))
        if hdr["type"] == _abi.const("LKRG_EV_LOST"):
            struct, fn = "lkrg_event_lost", lib().clkrg_event_lost_sized
        else:
            struct, fn = "lkrg_event_detail", lib().clkrg_event_detail_sized
        size = _abi.sizeof(struct)
        out = ctypes.create_string_buffer(size)
        self._check(fn(ptr, out, size), "events")
        d = _abi.decode(struct, out.raw)
        d = _abi.decode(struct, out.raw, valid=int(d["size"]))
        if struct == "lkrg_event_lost":
            return Lost._from(hdr, d, raw)
        return Event._from(hdr, d, raw)

    def events(self, since: int | Cursor | None = None, follow: bool = False,
               *, types: Iterable[str] | None = None,
               severity: str | None = None,
               objects: Iterable[str] | None = None
               ) -> Iterator[Event | Lost]:
        """The records of the stream (lkrg-cli events).

        @since: None goes on from where this Guard is (a new one: the
        oldest record kept); a sequence number starts there (0: the
        oldest); a Cursor (tell()) resumes there, or at the oldest record
        when it belongs to another module load. @follow: after the records
        kept, wait for new ones until the module shuts down; else stop when
        caught up. @types ("violation", "block"...), @severity (at least
        this severe: "alert", "warn", "notice", "info") and @objects
        ("ktext", "module"...) filter in the library; a Lost record always
        comes through.

        With selectors on fileno(): when it is readable, take records with
        events() (follow=False) until it stops; records read ahead stay in
        the library, so drain before waiting again.
        """
        if isinstance(since, Cursor):
            self.resume(since)
        elif since is not None:
            if since < 0:
                raise UsageError("events: since must be >= 0")
            self._check(lib().clkrg_event_seek(self.handle, since), "events")
        self._filter(types, severity, objects)
        ev = c_void_p()
        while True:
            ret = lib().clkrg_event_next(self.handle,
                                         _WAIT_MS if follow else 0,
                                         byref(ev))
            if ret == 0 and not follow:
                return
            if ret == -errno.ENODEV:
                return          # the end of the stream: clkrg shut down
            if ret == -errno.EBADMSG:
                warnings.warn("clkrg: skipped a malformed event record")
                continue
            self._check(ret, "events")
            if ret == 1:
                yield self._record(int(ev.value))  # type: ignore[arg-type]


class Policy(MutableMapping[str, int]):
    """The module's knobs as a mapping of name to value: guard.policy[
    "kint_enforce"] = "log_only" sets one (a number or one of its names),
    guard.policy.knob(name) has its range and description. Knobs cannot
    be added or deleted."""

    def __init__(self, guard: Guard) -> None:
        self._guard = guard

    def knob(self, name: str) -> Knob:
        for k in self._guard.knobs():
            if k.name == name:
                return k
        raise UnknownKnob(f"unknown knob {name!r} (list them with "
                          "'lkrg-cli policy get')")

    def __getitem__(self, name: str) -> int:
        return self.knob(name).value

    def set(self, name: str, value: str | int) -> int:
        """Sets knob @name and returns its value before."""
        k = self.knob(name)
        try:
            v = k.parse(value)
        except ValueError:
            raise UsageError(f"{value!r} is not a value of {name} (see "
                             "'lkrg-cli policy get')") from None
        old = c_int64()
        ret = lib().clkrg_policy_set(self._guard.handle, name.encode(), v,
                                     byref(old))
        if ret == -errno.EPERM and k.load_only:
            raise PermissionDenied(f"{name} can only be set when the module "
                                   f"loads (modprobe clkrg {name}=...)",
                                   errno.EPERM)
        if ret == -errno.ERANGE:
            raise ClkrgError(f"{value} is not allowed for {name}",
                             errno.ERANGE)
        self._guard._check(ret, "policy set")
        return old.value

    def __setitem__(self, name: str, value: str | int) -> None:
        self.set(name, value)

    def __delitem__(self, name: str) -> None:
        raise TypeError("knobs cannot be deleted")

    def __iter__(self) -> Iterator[str]:
        return iter([k.name for k in self._guard.knobs()])

    def __len__(self) -> int:
        return len(self._guard.knobs())


class UmhAllowList(MutableSet[str]):
    """The usermode helper allow-list as a set of paths: add() and
    discard() change it (CAP_SYS_ADMIN), entries() has the use counts."""

    def __init__(self, guard: Guard) -> None:
        self._guard = guard

    def _list(self) -> tuple[list[UmhEntry], int, int]:
        gen, refused = c_uint64(), c_uint64()
        rows = self._guard._rows(lib().clkrg_umh_list_sized,
                                 lib().clkrg_umh_free, "lkrg_umh_entry",
                                 "umh", byref(gen), byref(refused))
        return [UmhEntry._from(d) for d, _ in rows], gen.value, refused.value

    def entries(self) -> list[UmhEntry]:
        return self._list()[0]

    @property
    def generation(self) -> int:
        return self._list()[1]

    @property
    def refused(self) -> int:
        """Helpers refused since the module loaded."""
        return self._list()[2]

    def __contains__(self, path: object) -> bool:
        return any(e.path == path for e in self.entries())

    def __iter__(self) -> Iterator[str]:
        return iter([e.path for e in self.entries()])

    def __len__(self) -> int:
        return len(self.entries())

    def _edit(self, fn: object, path: str, quiet: int) -> None:
        ret = fn(self._guard.handle, path.encode(), None, None)  # type: ignore[operator]
        if ret == -errno.EINVAL:
            raise UsageError(f"{path!r} was refused: the path must be "
                             "absolute and shorter than "
                             f"{_abi.const('LKRG_UMH_PATH_LEN')} bytes",
                             errno.EINVAL)
        if ret != -quiet:
            self._guard._check(ret, "umh")

    def add(self, path: str) -> None:
        """Allows helpers from @path (nothing when it is listed)."""
        self._edit(lib().clkrg_umh_add, path, errno.EEXIST)

    def discard(self, path: str) -> None:
        """Takes @path off the list (nothing when it is not listed)."""
        self._edit(lib().clkrg_umh_del, path, errno.ENOENT)


class HookOwners(MutableSet[str]):
    """The owners allowed to redirect kernel functions, as a set: add()
    and discard() change it (CAP_SYS_ADMIN; add() is refused while the
    policy is locked), entries() has the use counts, and redirects and
    callbacks what the last check found."""

    def __init__(self, guard: Guard) -> None:
        self._guard = guard

    def _list(self) -> tuple[list[HookOwner], int, int, int]:
        gen, redirects, callbacks = c_uint64(), c_uint64(), c_uint64()
        rows = self._guard._rows(lib().clkrg_hook_allow_list_sized,
                                 lib().clkrg_hook_allow_free,
                                 "lkrg_hook_allow_entry", "hooks",
                                 byref(gen), byref(redirects),
                                 byref(callbacks))
        return ([HookOwner._from(d) for d, _ in rows], gen.value,
                redirects.value, callbacks.value)

    def entries(self) -> list[HookOwner]:
        return self._list()[0]

    @property
    def generation(self) -> int:
        return self._list()[1]

    @property
    def redirects(self) -> int:
        """Redirecting hooks the last check found (allowed or not)."""
        return self._list()[2]

    @property
    def callbacks(self) -> int:
        """Callbacks the last check walked."""
        return self._list()[3]

    def __contains__(self, owner: object) -> bool:
        return any(e.owner == owner for e in self.entries())

    def __iter__(self) -> Iterator[str]:
        return iter([e.owner for e in self.entries()])

    def __len__(self) -> int:
        return len(self.entries())

    def _edit(self, fn: object, owner: str, quiet: int) -> None:
        ret = fn(self._guard.handle, owner.encode(), None, None)  # type: ignore[operator]
        if ret == -errno.EINVAL:
            raise UsageError(f"{owner!r} is no owner: a module name, "
                             "bpf:NAME or kernel:SYMBOL (letters, digits, "
                             "'_', '.', '-'), optionally ending in '*'",
                             errno.EINVAL)
        if ret != -quiet:
            self._guard._check(ret, "hooks")

    def add(self, owner: str) -> None:
        """Allows @owner to redirect (nothing when it is listed)."""
        self._edit(lib().clkrg_hook_allow, owner, errno.EEXIST)

    def discard(self, owner: str) -> None:
        """Takes @owner off the list (nothing when it is not listed)."""
        self._edit(lib().clkrg_hook_deny, owner, errno.ENOENT)
