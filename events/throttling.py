"""Per-address limit on registration submits, exact across workers and hosts.

The limit is a setting (EVENTS_REGISTRATION_RATE_LIMIT submits per EVENTS_REGISTRATION_RATE_WINDOW
seconds, read from the environment by the settings) so that the benchmark can raise it. The address
is the client's, read behind DJANGO_PROXY_COUNT trusted proxies (cuf_portal.client_address).
"""

from django.conf import settings

from cuf_portal import rate_limits
from cuf_portal.client_address import client_key


def limit():
    return settings.EVENTS_REGISTRATION_RATE_LIMIT


def window():
    return settings.EVENTS_REGISTRATION_RATE_WINDOW


def allow_registration_submit(request):
    """Count one submit for the client's address; False once the limit of the window is reached."""
    return rate_limits.allow(f"events:register:{client_key(request)}", limit=limit(), window=window())
