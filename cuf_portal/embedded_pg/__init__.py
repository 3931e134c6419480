"""Django database backend for the embedded PostgreSQL of the `pgserver` wheel.

It is the stock PostgreSQL backend; the only difference is that the server is started
(or joined, when another process already runs it) on the first connection, reached
through its Unix socket, and the database created when it does not exist yet. Nothing
starts for commands that never touch the database. Several processes (runserver,
gunicorn workers, the task worker, tests) share one server: pgserver keeps a list of
the processes using it and stops it when the last one exits.
"""

import os
import threading
from pathlib import Path
from urllib.parse import parse_qs, urlparse

_lock = threading.Lock()
_sockets = {}
_created = {"postgres"}


def socket_dir(pgdata, dbname):
    """Start the server for `pgdata` if needed, make sure `dbname` exists, return the socket dir."""
    with _lock:
        if pgdata not in _sockets:
            path = Path(pgdata)
            path.mkdir(parents=True, exist_ok=True)
            runtime = path.parent / "run"
            runtime.mkdir(mode=0o700, exist_ok=True)
            os.environ.setdefault("XDG_RUNTIME_DIR", str(runtime))
            import pgserver

            server = pgserver.get_server(path, cleanup_mode="stop")
            host = parse_qs(urlparse(server.get_uri()).query)["host"][0]
            _sockets[pgdata] = host
        if dbname and dbname not in _created:
            _create_database(_sockets[pgdata], dbname)
            _created.add(dbname)
        return _sockets[pgdata]


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
