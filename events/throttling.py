"""Per-address limit on registration submits (cache-based, so shared when the cache is Redis).

The limit is a setting (EVENTS_REGISTRATION_RATE_LIMIT submits per EVENTS_REGISTRATION_RATE_WINDOW
seconds, read from the environment by the settings) so that the benchmark can raise it.
"""

import time

from django.conf import settings
from django.core.cache import cache


def limit():
    return settings.EVENTS_REGISTRATION_RATE_LIMIT


def window():
    return settings.EVENTS_REGISTRATION_RATE_WINDOW


def client_address(request):
    return request.META.get("REMOTE_ADDR", "") or "inconnue"


def allow_registration_submit(request):
    """Count one submit for the client's address; False once the limit of the window is reached."""
    span = window()
    key = f"events:register:{client_address(request)}:{int(time.time() // span)}"
    if cache.add(key, 1, timeout=span):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, timeout=span)
            count = 1
    return count <= limit()
