#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""lkrg_respond.py: lkrg-respond.sh in Python, with the clkrg package and
nothing else from clkrg.

  lkrg_respond.py check DIR     detect: run a check, read the events from
                                the cursor saved in DIR/cursor (the line
                                lkrg-cli's cursor file has); on violations
                                act: refuse module loads, accept the running
                                kernel as the baseline, wait for a clean
                                check
  lkrg_respond.py recover DIR   allow module loads again, wait for a clean
                                check

Exit 0: clean (or recovered); 10: an incident was handled; a clkrg
exception exits with its exit_code (lkrg-cli's for the same failure), named
on stderr. DIR/log has every step, DIR/events.jsonl the events this run
read (as lkrg-cli --json events prints them), DIR/next-seq where it
stopped.
"""

import os
import sys

import clkrg


class Responder:
    def __init__(self, directory: str) -> None:
        self.dir = directory
        os.makedirs(directory, exist_ok=True)
        self.log = open(os.path.join(directory, "log"), "a")

    def step(self, text: str) -> None:
        self.log.write(text + "\n")
        self.log.flush()

    def path(self, name: str) -> str:
        return os.path.join(self.dir, name)

    def load_cursor(self) -> "clkrg.Cursor | None":
        try:
            with open(self.path("cursor")) as f:
                return clkrg.Cursor.parse(f.read())
        except FileNotFoundError:
            return None

    def save_cursor(self, cur: clkrg.Cursor) -> None:
        tmp = self.path("cursor.new")
        with open(tmp, "w") as f:
            f.write(f"{cur}\n")
        os.replace(tmp, self.path("cursor"))
        with open(self.path("next-seq"), "w") as f:
            f.write(f"{cur.seq}\n")

    def check(self, guard: clkrg.Guard) -> int:
        found = guard.force_run()
        self.step(f"force_run -> check #{found.check_id}, "
                  f"{found.violations} violations")
        since = self.load_cursor()
        events = list(guard.events(since=since if since else 0))
        with open(self.path("events.jsonl"), "w") as f:
            for ev in events:
                f.write(ev.json() + "\n")
        # written before the cursor moves: a crash repeats, never loses
        self.save_cursor(guard.tell())
        violations = [e for e in events
                      if isinstance(e, clkrg.Event) and e.type == "violation"]
        self.step(f"events since {since.seq if since else 0}: {len(events)}, "
                  f"{len(violations)} violations")
        if found.clean and not violations:
            print(f"clean: no violation since event "
                  f"{since.seq if since else 0}")
            return 0
        print(f"incident: check #{found.check_id} found {found.violations}, "
              f"{len(violations)} violation events:")
        for ev in violations:
            print(f"  {ev.object} {ev.name} at {ev.location}")
        guard.block_modules = "on"
        self.step(f"block_modules -> {guard.block_modules}")
        generation = guard.rebaseline()
        self.step(f"rebaseline -> generation {generation}")
        st = guard.wait_clean(timeout=30)
        self.step(f"wait_clean -> check #{st.last_check_id} clean")
        print(f"module loads refused; baseline generation {generation} "
              f"accepted; check #{st.last_check_id} clean")
        return 10

    def recover(self, guard: clkrg.Guard) -> int:
        guard.block_modules = "off"
        self.step(f"block_modules -> {guard.block_modules}")
        st = guard.wait_clean(timeout=30)
        self.step(f"wait_clean -> check #{st.last_check_id} clean")
        print(f"recovered: module loads allowed; check #{st.last_check_id} "
              "clean")
        return 0


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[1] not in ("check", "recover"):
        print("usage: lkrg_respond.py check|recover DIR", file=sys.stderr)
        return 2
    r = Responder(argv[2])
    try:
        with clkrg.Guard() as guard:
            return r.check(guard) if argv[1] == "check" else r.recover(guard)
    except clkrg.ClkrgError as e:
        r.step(f"{type(e).__name__} -> exit {e.exit_code}: {e}")
        print(f"lkrg_respond: {e}", file=sys.stderr)
        return e.exit_code


if __name__ == "__main__":
    sys.exit(main(sys.argv))
