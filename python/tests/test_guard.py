# SPDX-License-Identifier: GPL-2.0
"""Guard's commands, the policy mapping and the allow-list set, against
the fake module."""

from __future__ import annotations

import pytest

import clkrg


def test_status(guard: clkrg.Guard, fake) -> None:
    st = guard.status()
    assert isinstance(st, clkrg.Status)
    assert st.generation == 4
    assert st.block_modules == "off"
    assert st.module_version == "v" * 31     # unterminated by the module
    assert st.instance_uuid.bytes[:15] == bytes(range(0xc0, 0xcf))
    assert st.shutting_down is False and st.locked is False
    fake.emit()
    assert guard.status().events_produced == 2


def test_force_run(guard: clkrg.Guard, fake) -> None:
    ck = guard.force_run()
    assert (ck.check_id, ck.violations, ck.trigger) == (5, 2, "manual")
    assert not ck.clean
    with pytest.raises(clkrg.ViolationsFound) as e:
        guard.force_run(raise_on_violations=True)
    assert e.value.exit_code == 1
    assert e.value.check.check_id == 6
    fake.set("violations", 0)
    assert guard.force_run(raise_on_violations=True).clean


def test_rebaseline(guard: clkrg.Guard) -> None:
    assert guard.rebaseline() == 9
    assert guard.rebaseline(["ktext", "modules"]) == 14
    assert guard.status().generation == 14
    with pytest.raises(clkrg.UsageError) as e:
        guard.rebaseline(["kernel"])
    assert e.value.exit_code == 2


def test_block_modules(guard: clkrg.Guard) -> None:
    assert guard.block_modules == "off"
    guard.block_modules = "on"
    assert guard.block_modules == "on"
    guard.block_modules = 0
    assert guard.block_modules == "off"
    with pytest.raises(clkrg.UsageError):
        guard.block_modules = "sometimes"
    guard.block_modules = "lock"
    with pytest.raises(clkrg.PermissionDenied) as e:
        guard.block_modules = "off"
    assert e.value.exit_code == 4
    assert isinstance(e.value, PermissionError)
    assert "until reboot" in str(e.value)


def test_policy_mapping(guard: clkrg.Guard) -> None:
    assert dict(guard.policy) == {"kint_enforce": 1, "interval": 15}
    assert len(guard.policy) == 2 and "interval" in guard.policy
    guard.policy["interval"] = 30
    assert guard.policy["interval"] == 30
    guard.policy["kint_enforce"] = "panic"
    assert guard.policy["kint_enforce"] == 4
    assert guard.policy.set("kint_enforce", "log_only") == 4
    with pytest.raises(clkrg.UnknownKnob) as e:
        guard.policy["nosuch"]
    assert isinstance(e.value, KeyError) and e.value.exit_code == 2
    with pytest.raises(KeyError):
        guard.policy["nosuch"] = 1
    assert guard.policy.get("nosuch") is None
    with pytest.raises(clkrg.UsageError) as u:
        guard.policy["kint_enforce"] = "lock"   # a name, not of this knob
    assert u.value.exit_code == 2
    # the module refuses a value outside the allowed set: lkrg-cli exits 6
    with pytest.raises(clkrg.ClkrgError) as r:
        guard.policy["kint_enforce"] = "restore"
    assert r.value.exit_code == 6 and "not allowed" in str(r.value)
    with pytest.raises(clkrg.ClkrgError):
        guard.policy["interval"] = 1
    with pytest.raises(TypeError):
        del guard.policy["interval"]


def test_knob(guard: clkrg.Guard) -> None:
    k = guard.policy.knob("kint_enforce")
    assert isinstance(k, clkrg.Knob)
    assert (k.value, k.min, k.max, k.enum, k.load_only) == (1, 0, 4, True,
                                                            False)
    assert k.value_name() == "log_only" and k.value_name(4) == "panic"
    assert k.value_name(2) == "restore" and not k.allows(2)
    assert [v for v in range(8) if k.allows(v)] == [0, 1, 4]
    assert k.parse("panic") == 4 and k.parse("3") == 3
    with pytest.raises(ValueError):
        k.parse("on")
    i = guard.policy.knob("interval")
    assert i.value_name() is None and i.desc == "seconds between checks"
    assert i.allows(5) and not i.allows(4)


def test_rows(guard: clkrg.Guard) -> None:
    stats = guard.stats()
    assert [(r.id, r.fired) for r in stats] == [(0, 10), (1, 11), (2, 12)]
    assert all(r.name == "n" * 15 for r in stats)
    hooks = guard.hooks()
    assert [(h.hits, h.active, h.denied) for h in hooks] == [
        (100, False, 0), (101, True, 2)]


def test_umh_set(guard: clkrg.Guard) -> None:
    umh = guard.umh
    assert list(umh) == [] and umh.refused == 4
    gen = umh.generation
    umh.add("/sbin/a")
    umh.add("/sbin/b")
    umh.add("/sbin/a")                  # listed already: nothing
    assert list(umh) == ["/sbin/a", "/sbin/b"] and len(umh) == 2
    assert "/sbin/b" in umh and "/sbin/c" not in umh
    assert umh.generation == gen + 2
    assert [(e.path, e.allowed) for e in umh.entries()] == [
        ("/sbin/a", 7), ("/sbin/b", 8)]
    umh.discard("/sbin/a")
    umh.discard("/sbin/a")              # not listed: nothing
    with pytest.raises(KeyError):
        umh.remove("/sbin/a")
    assert list(umh) == ["/sbin/b"]
    with pytest.raises(clkrg.UsageError) as e:
        umh.add("relative/path")
    assert e.value.exit_code == 2


def test_hook_owners_set(guard: clkrg.Guard) -> None:
    owners = guard.hook_owners
    assert list(owners) == ["kernel:klp_*"]
    assert owners.redirects == 3 and owners.callbacks == 1234
    gen = owners.generation
    owners.add("clkrg_redirect")
    owners.add("bpf:clkrg_fmod*")
    owners.add("clkrg_redirect")        # listed already: nothing
    assert list(owners) == ["kernel:klp_*", "clkrg_redirect",
                            "bpf:clkrg_fmod*"]
    assert "clkrg_redirect" in owners and "x" not in owners
    assert owners.generation == gen + 2
    assert [(e.owner, e.allowed) for e in owners.entries()] == [
        ("kernel:klp_*", 10), ("clkrg_redirect", 11),
        ("bpf:clkrg_fmod*", 12)]
    owners.discard("kernel:klp_*")
    owners.discard("kernel:klp_*")      # not listed: nothing
    with pytest.raises(KeyError):
        owners.remove("kernel:klp_*")
    for bad in ("*", "a b", "kernel:*"):
        with pytest.raises(clkrg.UsageError) as e:
            owners.add(bad)
        assert e.value.exit_code == 2


def test_shutdown(guard: clkrg.Guard, fake) -> None:
    fake.emit()
    guard.shutdown()
    assert [e.seq for e in guard.events(follow=True)] == [1]
    with pytest.raises(clkrg.NotLoaded) as e:
        guard.status()
    assert e.value.exit_code == 3


def test_close(fake) -> None:
    g = clkrg.Guard()
    assert g.fileno() >= 0
    g.close()
    g.close()
    with pytest.raises(clkrg.ClkrgError):
        g.status()


def test_features(guard: clkrg.Guard) -> None:
    assert guard.features == 1                  # LKRG_FEAT_EVENTS
