"""Stops the embedded PostgreSQL of PGDATA once no live process uses it.

    python -m cuf_portal.embedded_pg.watchdog PGDATA [INTERVAL_SECONDS]

Started (detached, one per PGDATA) by the database backend when it joins the server. Every
INTERVAL seconds it drops dead PIDs from the users' list; when none is left it stops the
server and exits. It also exits when the server was stopped by its last user.
"""

import fcntl
import os
import subprocess
import sys
import time
from pathlib import Path

from . import WATCHDOG_LOCK, prune_stale_handles


def watch(pgdata, interval):
    from pgserver._commands import pg_ctl
    from pgserver.postgres_server import PostgresServer
    from pgserver.utils import PostmasterInfo

    system_user = "pgserver" if os.geteuid() == 0 else None  # as pgserver runs it
    while True:
        time.sleep(interval)
        with PostgresServer._lock:
            info = PostmasterInfo.read_from_pgdata(pgdata)
            if info is None or not info.is_running():
                return
            if prune_stale_handles(pgdata):
                continue
            try:
                pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pgdata, user=system_user, timeout=60)
            except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
                info.process.terminate()
            return


def main(argv):
    pgdata = Path(argv[1]).resolve()
    interval = float(argv[2]) if len(argv) > 2 else 5.0
    if os.fork():
        os._exit(0)  # the caller waits for this parent only; the watcher is adopted by init
    os.setsid()
    with open(pgdata / WATCHDOG_LOCK, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return  # another watchdog already watches this server
        watch(pgdata, interval)


if __name__ == "__main__":
    main(sys.argv)
