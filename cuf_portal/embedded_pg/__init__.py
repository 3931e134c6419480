"""Django database backend for the embedded PostgreSQL of the `pgserver` wheel.

It is the stock PostgreSQL backend; the only difference is that the server is started
(or joined, when another process already runs it) on the first connection, reached
through its Unix socket, and the database created when it does not exist yet. Nothing
starts for commands that never touch the database.

Several processes (runserver, gunicorn workers, the task worker, tests) share one server.
pgserver keeps the list of the processes using it in PGDATA/.handle_pids.json and stops the
server when the last one exits normally; a process that is killed never removes itself, so
on its own the list keeps dead PIDs and the server never stops again. This module makes the
list tell the truth:

- a PID is live only while its process runs, is not a zombie and started when it joined
  (PGDATA/.handle_starts.json keeps each start time, so a PID reused by a new process, e.g.
  after a container restart, does not count);
- dead entries are dropped when a process joins and when one leaves, so the last live
  process to exit stops the server;
- a small watchdog (`python -m cuf_portal.embedded_pg.watchdog`, one per PGDATA) stops the
  server a few seconds after no live process uses it, for when every user was killed.
"""

import atexit
import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import parse_qs, urlparse

_lock = threading.Lock()
_sockets = {}
_created = {"postgres"}

STARTS_FILE = ".handle_starts.json"
PIDS_FILE = ".handle_pids.json"  # pgserver's own list
WATCHDOG_LOCK = ".watchdog.lock"


def socket_dir(pgdata, dbname):
    """Start the server for `pgdata` if needed, make sure `dbname` exists, return the socket dir."""
    with _lock:
        if pgdata not in _sockets:
            path = Path(pgdata).expanduser().resolve()
            path.mkdir(parents=True, exist_ok=True)
            runtime = path.parent / "run"
            runtime.mkdir(mode=0o700, exist_ok=True)
            os.environ.setdefault("XDG_RUNTIME_DIR", str(runtime))
            import pgserver
            from pgserver.postgres_server import PostgresServer

            with PostgresServer._lock:
                if os.geteuid() == 0:
                    # pgserver runs the server as the system user "pgserver", created on first use by
                    # `useradd` outside its lock: two processes starting together on a new machine (the
                    # two test workers) both ran it, and one then ran initdb as a user half-created.
                    from pgserver.utils import ensure_user_exists

                    ensure_user_exists("pgserver")
                prune_stale_handles(path)
            joined_before = path in PostgresServer._instances
            server = pgserver.get_server(path, cleanup_mode="stop")
            with PostgresServer._lock:
                if joined_before:
                    # A forked child inherits the parent's handle but is not in the list yet.
                    server.global_process_id_list.get_and_add(os.getpid())
                _record_start(path, os.getpid())
            # atexit runs last-registered first: drop dead entries just before pgserver's own
            # cleanup looks whether this process is the last user.
            atexit.register(_prune_at_exit, path)
            host = parse_qs(urlparse(server.get_uri()).query)["host"][0]
            _sockets[pgdata] = host
            ensure_watchdog(path)
        if dbname and dbname not in _created:
            _create_database(_sockets[pgdata], dbname)
            _created.add(dbname)
        return _sockets[pgdata]


def _forget_after_fork():
    """A forked child joins again on its first connection, so that it is counted as a user."""
    _sockets.clear()


os.register_at_fork(after_in_child=_forget_after_fork)


def _create_database(host, dbname):
    import psycopg
    from psycopg import sql

    with psycopg.connect(host=host, user="postgres", dbname="postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [dbname]).fetchone()
        if not exists:
            try:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(dbname)))
            except psycopg.errors.DuplicateDatabase:
                pass  # another process created it meanwhile


# ---- The list of users -------------------------------------------------------------------
# Every function below expects pgserver's inter-process lock to be held by the caller.

def _read_json(path, default):
    try:
        return json.loads(path.read_text())
    except (FileNotFoundError, ValueError):
        return default


def _write_json(path, value):
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(value))
    tmp.replace(path)


def _start_time(pid):
    """The start time of a running, non-zombie process `pid`, or None."""
    import psutil

    try:
        process = psutil.Process(pid)
        if process.status() == psutil.STATUS_ZOMBIE:
            return None
        return process.create_time()
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return None


def _record_start(pgdata, pid):
    starts = _read_json(pgdata / STARTS_FILE, {})
    starts[str(pid)] = _start_time(pid)
    _write_json(pgdata / STARTS_FILE, starts)


def is_live(pid, recorded_start=None):
    """True when `pid` runs and, if its start time was recorded, is still the same process."""
    started = _start_time(pid)
    if started is None:
        return False
    return recorded_start is None or abs(started - recorded_start) < 1.0


def prune_stale_handles(pgdata):
    """Drop the PIDs of processes that are gone from the users' list; return the live PIDs."""
    pgdata = Path(pgdata)
    pids = _read_json(pgdata / PIDS_FILE, [])
    starts = _read_json(pgdata / STARTS_FILE, {})
    live = [pid for pid in pids if is_live(pid, starts.get(str(pid)))]
    if live != pids:
        _write_json(pgdata / PIDS_FILE, live)
    kept = {str(pid): starts[str(pid)] for pid in live if str(pid) in starts}
    if kept != starts:
        _write_json(pgdata / STARTS_FILE, kept)
    return live


def _prune_at_exit(pgdata):
    from pgserver.postgres_server import PostgresServer

    try:
        with PostgresServer._lock:
            prune_stale_handles(pgdata)
    except OSError:
        pass  # PGDATA removed meanwhile (temporary servers): nothing to stop


# ---- Stopping the server when nobody is left ---------------------------------------------

def watchdog_running(pgdata):
    """True while a watchdog holds the lock of `pgdata`."""
    import fcntl

    with open(Path(pgdata) / WATCHDOG_LOCK, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False


def ensure_watchdog(pgdata):
    """Start the watchdog of `pgdata` unless one runs (it detaches and holds its own lock)."""
    if watchdog_running(pgdata):
        return
    interval = os.environ.get("CUF_PG_WATCHDOG_INTERVAL", "5")
    subprocess.run(
        [sys.executable, "-m", "cuf_portal.embedded_pg.watchdog", str(pgdata), interval],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        close_fds=True, check=False, timeout=30,
    )
