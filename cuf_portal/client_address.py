"""The address of the client, as every limit keyed by address reads it.

Behind N trusted reverse proxies (DJANGO_PROXY_COUNT), each proxy appends the address it
received the request from to X-Forwarded-For, so the client is the N-th entry from the right;
whatever the client wrote itself is further left and ignored. With 0 proxies (the default),
X-Forwarded-For is not read at all: a client cannot choose its own address.

Used by the login lock-out (AXES_CLIENT_IP_CALLABLE), the registration limit of the Rencontres
and the password-reset limit.
"""

import ipaddress

from django.conf import settings

UNKNOWN = "inconnue"  # requests without a usable address share one counter


def _valid(value):
    value = (value or "").strip()
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1:value.index("]")]
    elif value.count(":") == 1:  # "203.0.113.7:51234"
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_address(request):
    """The client's IP address (a string), or None when it cannot be told (as django-axes expects)."""
    remote = _valid(request.META.get("REMOTE_ADDR"))
    count = getattr(settings, "PROXY_COUNT", 0)
    if count > 0:
        hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if hops:
            # Fewer entries than proxies: the outer proxies were not crossed, the leftmost entry
            # was still written by a trusted one.
            address = _valid(hops[-count] if len(hops) >= count else hops[0])
            if address:
                return address
    return remote


def client_key(request):
    """The client address as limits count it: unknown addresses share one key."""
    return client_address(request) or UNKNOWN
