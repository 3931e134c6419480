"""Deterministic races on the real PostgreSQL, to prove that a service's lock is needed.

`interleave` runs a first call in a thread until it reaches a chosen point *inside* its
transaction (its locks held, its writes not yet committed), then starts the other calls, each in
its own thread with its own connection, and lets the first call go on only once every other
call is either waiting for a lock (as PostgreSQL reports it in pg_stat_activity) or finished.

With the lock in place the others wait for the first to commit and then see its writes; with
the lock removed they read the old state during the pause and the test's assertions about the
end state fail. Nothing depends on timing: the pause lasts exactly until the others are stuck.
"""

import threading
import time
from unittest import mock

from django.db import connection

TIMEOUT = 30


class Outcome:
    """What one call returned or raised."""

    def __init__(self):
        self.value = None
        self.error = None
        self.done = threading.Event()

    def __repr__(self):
        return f"Outcome(value={self.value!r}, error={self.error!r})"


def _run(func, outcome, pid_box=None):
    try:
        if pid_box is not None:
            connection.ensure_connection()
            pid_box.append(connection.connection.info.backend_pid)
        outcome.value = func()
    except Exception as exc:  # noqa: BLE001 - handed to the test
        outcome.error = exc
    finally:
        connection.close()
        outcome.done.set()


def _waiting_for_a_lock(pid):
    with connection.cursor() as cursor:
        cursor.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [pid])
        row = cursor.fetchone()
    return row is not None and row[0] == "Lock"


def interleave(first, others, *, pause_in, when="after"):
    """Run `first()`, pause it in `pause_in` (an (object, attribute name) pair: the function the
    first call reaches inside its transaction), run every callable of `others` meanwhile.

    `when` says whether the first call pauses before or after that function runs. Returns the
    Outcome of the first call and the list of the others' Outcomes (errors are not raised).
    """
    owner, name = pause_in
    original = getattr(owner, name)
    reached, go_on = threading.Event(), threading.Event()
    first_thread = []

    def pausing(*args, **kwargs):
        is_first = threading.current_thread() is first_thread[0] and not reached.is_set()
        if is_first and when == "before":
            reached.set()
            assert go_on.wait(TIMEOUT), "the first call was never let go on"
        result = original(*args, **kwargs)
        if is_first and when == "after":
            reached.set()
            assert go_on.wait(TIMEOUT), "the first call was never let go on"
        return result

    first_outcome = Outcome()
    outcomes, threads, pids = [], [], []
    with mock.patch.object(owner, name, pausing):
        thread = threading.Thread(target=_run, args=(first, first_outcome))
        first_thread.append(thread)
        thread.start()
        try:
            assert reached.wait(TIMEOUT) or first_outcome.done.is_set(), "the first call never reached the pause"
            assert reached.is_set(), f"the first call ended before the pause: {first_outcome}"
            for func in others:
                outcome, pid_box = Outcome(), []
                other = threading.Thread(target=_run, args=(func, outcome, pid_box))
                other.start()
                outcomes.append(outcome)
                threads.append(other)
                pids.append(pid_box)
            deadline = time.monotonic() + TIMEOUT
            while True:
                if all(o.done.is_set() or (box and _waiting_for_a_lock(box[0]))
                       for o, box in zip(outcomes, pids, strict=True)):
                    break
                assert time.monotonic() < deadline, "the other calls neither waited for a lock nor finished"
                time.sleep(0.02)
        finally:
            go_on.set()
            thread.join(TIMEOUT)
            for other in threads:
                other.join(TIMEOUT)
    assert first_outcome.done.is_set() and all(o.done.is_set() for o in outcomes), "a call did not finish"
    return first_outcome, outcomes
