"""Tests against the production-like stack that `bin/prodlike` starts (nginx in front of two gunicorn
hosts, PostgreSQL, Redis, one task worker). They are outside the default test paths and FAIL, never
skip, when the stack is not there.

The tests reach the portal over HTTP only, as clients would, and read the shared database through
the ORM (DATABASE_URL of the stack) to prepare data and check the outcome. Several client machines
are simulated on loopback by binding each client's socket to its own 127.x.y.z address: nginx sees
that address as the client's, the way it would see a real one.
"""

import email
import http.client
import os
import re
import secrets
import threading
import time
import urllib.parse
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path

import pytest

CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SEPARATOR = b"\n" + b"-" * 79 + b"\n"


@dataclass
class Stack:
    url: str  # the load balancer
    hosts: list  # the gunicorn hosts, reached directly
    mail_dir: Path

    def mails(self):
        """Every message the worker wrote (the file backend writes one file per message sent)."""
        messages = []
        for path in sorted(self.mail_dir.glob("*.log")):
            for raw in path.read_bytes().split(SEPARATOR):
                if raw.strip():
                    messages.append(email.message_from_bytes(raw.lstrip(b"\n")))
        return messages

    def mails_to(self, address):
        return [m for m in self.mails() if address in m.get("To", "")]

    def wait_for_mail(self, address, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.mails_to(address)
            if found:
                return found[0]
            time.sleep(0.3)
        raise AssertionError(f"aucun e-mail envoyé à {address} en {timeout} s")


def body_of(message):
    part = message.get_body(("plain",)) if hasattr(message, "get_body") else message
    payload = (part or message).get_payload(decode=True)
    return payload.decode("utf-8") if isinstance(payload, bytes) else str(message.get_payload())


@pytest.fixture(scope="session", autouse=True)
def stack():
    """The running stack; a failure (not a skip) when it is absent."""
    url, hosts, mail_dir = (os.environ.get(name, "") for name in ("PRODLIKE_URL", "PRODLIKE_HOSTS",
                                                                    "EMAIL_FILE_PATH"))
    if not (url and hosts and mail_dir and os.environ.get("DATABASE_URL")):
        pytest.fail("La pile de production simulée est absente : lancez ces tests par `bin/prodlike` "
                    "(PRODLIKE_URL, PRODLIKE_HOSTS, EMAIL_FILE_PATH et DATABASE_URL sont requis).")
    stack = Stack(url=url, hosts=hosts.split(","), mail_dir=Path(mail_dir))
    for base in [url, *stack.hosts]:
        try:
            Client(base).get("/")
        except OSError as exc:
            pytest.fail(f"{base} ne répond pas ({exc}) : la pile de production simulée n'est pas démarrée.")
    return stack


@pytest.fixture(scope="session", autouse=True)
def _live_database(django_db_blocker):
    """The ORM works on the stack's own database (no test database, nothing rolled back)."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def uid():
    return secrets.token_hex(4)


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    @property
    def upstream(self):
        return self.headers.get("X-Upstream", "")


_sources = iter(range(2, 250 * 250))
_sources_lock = threading.Lock()


def new_address():
    """A loopback address no other client of this run uses: one simulated machine."""
    with _sources_lock:
        n = next(_sources)
    return f"127.0.{n // 250}.{n % 250 + 1}"


class Client:
    """One client machine: its own loopback source address, its own cookies, one base URL at a time.

    It plays a browser behind TLS: requests to a host directly carry X-Forwarded-Proto as the load
    balancer would set it, and unsafe requests carry the Origin that Django's CSRF check compares.
    """

    def __init__(self, base, source=None):
        self.base = base
        self.source = source or new_address()
        self.cookies = {}

    def request(self, method, path, data=None, files=None, headers=None, base=None):
        base = urllib.parse.urlsplit(base or self.base)
        conn = http.client.HTTPConnection(base.hostname, base.port, timeout=60, source_address=(self.source, 0))
        head = {"Host": base.netloc, "X-Forwarded-Proto": "https", **(headers or {})}
        if self.cookies:
            head["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if method != "GET":
            head["Origin"] = f"https://{base.netloc}"
            head["Referer"] = f"https://{base.netloc}{path}"
            if files:
                body, head["Content-Type"] = _multipart(data or {}, files)
            else:
                body = urllib.parse.urlencode(data or {}, doseq=True)
                head["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body=body, headers=head)
            response = conn.getresponse()
            content = response.read()
        finally:
            conn.close()
        for value in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(value)
            for name, morsel in cookie.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return Response(response.status, response.headers, content)

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, data=None, **kwargs):
        return self.request("POST", path, data=data, **kwargs)

    def form(self, path, base=None):
        """GET a page with a form; return its CSRF token (the cookie is kept)."""
        page = self.get(path, base=base)
        assert page.status == 200, f"{path} : HTTP {page.status}"
        match = CSRF_RE.search(page.text)
        assert match, f"pas de jeton CSRF dans {path}"
        return match.group(1)

    def login(self, email_address, password, base=None):
        token = self.form("/compte/connexion/", base=base)
        return self.post("/compte/connexion/", {"csrfmiddlewaretoken": token, "username": email_address,
                                                "password": password}, base=base)


def _multipart(data, files):
    boundary = secrets.token_hex(16)
    lines = []
    for name, value in data.items():
        lines += [f"--{boundary}".encode(), f'Content-Disposition: form-data; name="{name}"'.encode(), b"",
                  str(value).encode()]
    for name, (filename, content, content_type) in files.items():
        lines += [f"--{boundary}".encode(),
                  f'Content-Disposition: form-data; name="{name}"; filename="{filename}"'.encode(),
                  f"Content-Type: {content_type}".encode(), b"", content]
    lines += [f"--{boundary}--".encode(), b""]
    return b"\r\n".join(lines), f"multipart/form-data; boundary={boundary}"


def in_parallel(function, items):
    """Run function(item) for every item at once (one thread each); return the results in order."""
    results = [None] * len(items)
    errors = []

    def run(index, item):
        try:
            results[index] = function(item)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test thread
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i, item)) for i, item in enumerate(items)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return results
