"""The embedded PostgreSQL backend behaves like a service: it starts on the first connection, is
shared by every process using the same PGDATA, stops when the last live one exits, and does not
count processes that were killed. Each test drives real processes against a temporary PGDATA."""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import psutil
import psycopg
import pytest

from cuf_portal.embedded_pg import watchdog_running

# A user of the backend: joins the server, checks it answers, reports, then waits for a line on
# stdin before exiting normally (or is killed by the test).
USER = textwrap.dedent("""
    import json, sys
    import psycopg
    from cuf_portal.embedded_pg import socket_dir
    host = socket_dir(sys.argv[1], "cuf_service_test")
    with psycopg.connect(host=host, user="postgres", dbname="cuf_service_test") as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS seen (pid int)")
        conn.execute("INSERT INTO seen VALUES (%s)", [__import__("os").getpid()])
    print(json.dumps({"host": host}), flush=True)
    sys.stdin.readline()
""")


@pytest.fixture(scope="module")
def pgdata():
    # Not under pytest's basetemp: as root, pgserver runs PostgreSQL as its own user, which must
    # traverse the path, and every pytest session that starts resets /tmp/pytest-of-root to 0700.
    base = Path(tempfile.mkdtemp(prefix="cuf-epg-"))
    base.chmod(0o755)
    (base / "run").mkdir(mode=0o700)
    path = base / "pgdata"
    yield path
    info = _postmaster(path)
    if info:  # a failed test left it running
        psutil.Process(info).terminate()
        _wait_until(lambda: _postmaster(path) is None, timeout=15)
    if path.exists():  # the watchdog exits on its next tick once the server is stopped
        _wait_until(lambda: not watchdog_running(path), timeout=15)
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def users(pgdata):
    started = []
    env = {**os.environ, "XDG_RUNTIME_DIR": str(pgdata.parent / "run"), "CUF_PG_WATCHDOG_INTERVAL": "0.5"}

    def start():
        proc = subprocess.Popen([sys.executable, "-c", USER, str(pgdata)], env=env, text=True,
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        line = proc.stdout.readline()
        assert line, "the backend did not start the server"
        proc.host = json.loads(line)["host"]
        started.append(proc)
        return proc

    yield start
    for proc in started:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    _wait_until(lambda: _postmaster(pgdata) is None, timeout=15)


def _postmaster(pgdata):
    """PID of the server running on `pgdata`, or None."""
    try:
        pid = int((pgdata / "postmaster.pid").read_text().split()[0])
    except (FileNotFoundError, IndexError, ValueError):
        return None
    return pid if psutil.pid_exists(pid) else None


def _handles(pgdata):
    return json.loads((pgdata / ".handle_pids.json").read_text())


def _exit(proc):
    proc.stdin.write("\n")
    proc.stdin.flush()
    assert proc.wait(timeout=60) == 0


def _wait_until(predicate, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return predicate()


def _answers(host):
    with psycopg.connect(host=host, user="postgres", dbname="cuf_service_test", connect_timeout=5) as conn:
        return conn.execute("SELECT count(*) FROM seen").fetchone()[0]


def test_server_starts_on_first_connection_and_stops_when_its_only_user_exits(pgdata, users):
    first = users()
    assert _postmaster(pgdata), "the server runs while its user does"
    assert _handles(pgdata) == [first.pid]
    assert _answers(first.host) >= 1
    _exit(first)
    assert _postmaster(pgdata) is None, "the last user's normal exit stops the server at once"
    assert _handles(pgdata) == []


def test_two_processes_share_one_server_that_stops_after_the_last_exits(pgdata, users):
    first = users()
    server = _postmaster(pgdata)
    second = users()
    assert _postmaster(pgdata) == server, "the second process joins the running server"
    assert sorted(_handles(pgdata)) == sorted([first.pid, second.pid])
    _exit(first)
    assert _postmaster(pgdata) == server, "the server keeps running for the remaining user"
    assert _answers(second.host) >= 2
    _exit(second)
    assert _postmaster(pgdata) is None


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_killed_user_is_dropped_and_the_last_live_user_stops_the_server(pgdata, users, sig):
    killed = users()
    survivor = users()
    killed.send_signal(sig)
    killed.wait(timeout=30)
    _exit(survivor)
    assert _postmaster(pgdata) is None, "a dead PID in the list must not keep the server up"
    assert _handles(pgdata) == []


def test_server_stops_on_its_own_when_every_user_was_killed(pgdata, users):
    first, second = users(), users()
    first.kill()
    second.kill()
    first.wait(), second.wait()
    assert _wait_until(lambda: _postmaster(pgdata) is None, timeout=15), \
        "the watchdog stops a server that no live process uses"
    assert _handles(pgdata) == []


def test_stale_pids_left_by_a_previous_run_are_cleaned_when_a_process_joins(pgdata, users):
    # A previous run: PGDATA exists (whatever test of this module ran before on this worker, if any).
    _exit(users())
    assert _wait_until(lambda: _postmaster(pgdata) is None, timeout=15)
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()  # a PID that no longer runs
    reused = os.getpid()  # a PID that runs, but is not the process that joined long ago
    (pgdata / ".handle_pids.json").write_text(json.dumps([gone.pid, reused]))
    (pgdata / ".handle_starts.json").write_text(json.dumps({str(reused): 1.0}))
    user = users()
    assert _handles(pgdata) == [user.pid]
    _exit(user)
    assert _postmaster(pgdata) is None, "the stale entries do not keep the server running"


def test_forked_child_counts_as_a_user_of_its_parents_server(pgdata):
    script = textwrap.dedent("""
        import json, os, sys, time
        import psycopg
        from cuf_portal.embedded_pg import socket_dir
        host = socket_dir(sys.argv[1], "cuf_service_test")
        child = os.fork()
        if child == 0:
            socket_dir(sys.argv[1], "cuf_service_test")
            pids = json.loads(open(os.path.join(sys.argv[1], ".handle_pids.json")).read())
            print(json.dumps(sorted(pids)), flush=True)
            os._exit(0)
        os.waitpid(child, 0)
        print(json.dumps(sorted([os.getpid(), child])), flush=True)
    """)
    env = {**os.environ, "XDG_RUNTIME_DIR": str(pgdata.parent / "run"), "CUF_PG_WATCHDOG_INTERVAL": "0.5"}
    out = subprocess.run([sys.executable, "-c", script, str(pgdata)], env=env, text=True,
                         capture_output=True, timeout=120, check=True).stdout.splitlines()
    assert out[0] == out[1], "the forked child registered itself next to its parent"
    assert _wait_until(lambda: _postmaster(Path(pgdata)) is None, timeout=15)
