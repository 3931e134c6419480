"""Warm-up of a new web worker (called by gunicorn.conf.py's post_worker_init)."""

import io
import time

from django.conf import settings

PATHS = ("/", "/atlas/", "/atlas/?q=eau", "/atlas/monde/", "/atlas/statistiques/")


def _host():
    for host in settings.ALLOWED_HOSTS:
        host = host.lstrip(".")
        if host and host != "*":
            return host
    return "localhost"


def _environ(path, host):
    path, _, query = path.partition("?")
    return {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query, "SCRIPT_NAME": "",
            "SERVER_NAME": host, "SERVER_PORT": "443", "HTTP_HOST": host, "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1", "wsgi.url_scheme": "https", "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": io.StringIO(), "wsgi.version": (1, 0), "wsgi.multithread": False,
            "wsgi.multiprocess": True, "wsgi.run_once": False}


def warm_up(application, log=None, paths=PATHS):
    """Serve `paths` through the WSGI `application` in this process, discarding the responses. Never
    raises: a worker that could not warm up still serves (its first requests are only slower)."""
    host, started, statuses = _host(), time.perf_counter(), []
    for path in paths:
        try:
            status = []
            body = application(_environ(path, host),
                               lambda s, headers, exc_info=None, status=status: status.append(s))
            for _chunk in body:
                pass
            if hasattr(body, "close"):
                body.close()
            statuses.append(status[0].split()[0] if status else "?")
        except Exception as error:  # noqa: BLE001 — the worker must start even if a page fails
            statuses.append(type(error).__name__)
    if log is not None:
        log.info("Préchauffage : %s en %.0f ms", " ".join(statuses), (time.perf_counter() - started) * 1000)
    return statuses
