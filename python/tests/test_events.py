# SPDX-License-Identifier: GPL-2.0
"""Guard.events(), the cursor and the filter, against the fake module's
event stream."""

from __future__ import annotations

import json

import pytest

import clkrg


def seqs(events) -> list[int]:
    return [e.seq if isinstance(e, clkrg.Event) else -e.first_seq
            for e in events]


def test_events_as_dataclasses(guard: clkrg.Guard, fake) -> None:
    fake.emit("violation", "alert", "ktext", ".text")
    fake.emit("block", "warn", "module", "crc7")
    evs = list(guard.events())
    assert seqs(evs) == [1, 2]
    v = evs[0]
    assert isinstance(v, clkrg.Event)
    assert (v.type, v.severity, v.object, v.name) == ("violation", "alert",
                                                     "ktext", ".text")
    assert v.values == [clkrg.EventValue("hash", 0x1111, 0x2223)]
    assert v.pid == -1 and not v.redacted
    assert v.time.year == 2026
    assert v.instance_uuid == guard.status().instance_uuid
    # the same JSON and text lkrg-cli prints
    j = json.loads(v.json())
    assert (j["seq"], j["object"], j["name"]) == (1, "ktext", ".text")
    assert v.text().startswith("#1 2026-11-26T10:00:00.124Z ALERT violation")
    assert list(guard.events()) == []           # caught up


def test_since(guard: clkrg.Guard, fake) -> None:
    for _ in range(3):
        fake.emit()
    assert seqs(guard.events(since=2)) == [2, 3]
    assert seqs(guard.events(since=0)) == [1, 2, 3]
    with pytest.raises(clkrg.ClkrgError) as e:
        list(guard.events(since=9))             # never reached
    assert e.value.exit_code == 6
    with pytest.raises(clkrg.UsageError):
        list(guard.events(since=-1))


def test_follow_until_shutdown(guard: clkrg.Guard, fake) -> None:
    fake.emit()
    fake.emit()
    fake.set("shut_down", 1)
    assert seqs(guard.events(follow=True)) == [1, 2]


def test_lost(guard: clkrg.Guard, fake) -> None:
    fake.set("ring_slots", 4)
    for _ in range(10):
        fake.emit("info", "info", "baseline", "x")
    evs = list(guard.events(since=1, types={"violation"}))
    lost = evs[0]
    assert isinstance(lost, clkrg.Lost)
    assert (lost.type, lost.first_seq, lost.count) == ("lost", 1, 6)
    assert json.loads(lost.json())["first_seq"] == 1
    assert lost.text() == "LOST 6 events (seq 1..6)"
    assert len(evs) == 1                        # the filter kept no info


def test_filter(guard: clkrg.Guard, fake) -> None:
    fake.emit("admin", "notice", "policy", "a")
    fake.emit("violation", "alert", "ktext", "v")
    fake.emit("block", "warn", "module", "b")
    fake.emit("info", "info", "baseline", "i")
    assert seqs(guard.events(since=0, types={"violation", "block"})) == [2, 3]
    assert seqs(guard.events(since=0, severity="warn")) == [2, 3]
    assert seqs(guard.events(since=0, severity="notice")) == [1, 2, 3]
    assert seqs(guard.events(since=0, objects=["module", "policy"])) == [1, 3]
    assert seqs(guard.events(since=0)) == [1, 2, 3, 4]
    with pytest.raises(clkrg.UsageError):
        list(guard.events(types={"violations"}))


def test_tell_resume(fake) -> None:
    for _ in range(3):
        fake.emit()
    with clkrg.Guard() as a:
        first = next(iter(a.events()))
        assert first.seq == 1
        cur = a.tell()
    assert cur.seq == 2
    with clkrg.Guard() as b:
        assert b.resume(cur) is True
        assert seqs(b.events()) == [2, 3]
        end = b.tell()
    fake.emit()
    with clkrg.Guard() as c:
        assert seqs(c.events(since=end)) == [4]


def test_cursor_of_another_instance(guard: clkrg.Guard, fake) -> None:
    for _ in range(3):
        fake.emit()
    cur = clkrg.Cursor(guard.status().instance_uuid, 3)
    assert guard.resume(cur) is True
    fake.reset()                                # the module was reloaded
    fake.emit()
    with clkrg.Guard(fake.path) as g:
        assert g.resume(cur) is False
        assert seqs(g.events()) == [1]
        assert seqs(g.events(since=cur)) == [1]


def test_cursor_text_is_lkrg_cli_s() -> None:
    text = "c0c1c2c3-c4c5-c6c7-c8c9-cacbcccdcecf 42"
    cur = clkrg.Cursor.parse(text + "\n")
    assert cur.seq == 42 and str(cur) == text
    with pytest.raises(ValueError):
        clkrg.Cursor.parse("c0c1 x")


def test_selectors(guard: clkrg.Guard, fake) -> None:
    import selectors
    fake.emit()
    # poll(), not epoll: the fake device is a regular file
    sel = selectors.PollSelector()
    sel.register(guard, selectors.EVENT_READ)
    assert sel.select(timeout=1)
    assert seqs(guard.events()) == [1]
    sel.close()
