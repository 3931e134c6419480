"""Protection of the account pages: the login lock-out key and the password-reset limit."""

from django.conf import settings

from . import rate_limits
from .client_address import client_key

PASSWORD_RESET_WINDOW = 60 * 60  # seconds


def axes_username(request, credentials):
    """The login e-mail as django-axes counts failures: case does not give extra attempts.

    Cut to the length of the e-mail field (254): a longer name cannot be an account, and axes
    stores it in a 255-character column.
    """
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    return username.strip().lower()[:254]


def allow_password_reset(request, email):
    """Count one reset request; False when this address or this client asked too often this hour.

    Both counters move on every request, whether or not an account has that address, so the limit
    tells nothing about which addresses have an account.
    """
    per_address = rate_limits.allow(f"password-reset:address:{email.strip().lower()}",
                                    limit=settings.PASSWORD_RESET_MAILS_PER_ADDRESS, window=PASSWORD_RESET_WINDOW)
    per_client = rate_limits.allow(f"password-reset:client:{client_key(request)}",
                                   limit=settings.PASSWORD_RESET_MAILS_PER_CLIENT, window=PASSWORD_RESET_WINDOW)
    return per_address and per_client
