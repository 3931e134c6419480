"""Panels the Rencontres show on pages owned by the portal (home page, account page)."""

from . import queries


def home_panel(request, **kwargs):
    edition = queries.next_edition()
    if edition is None:
        return None
    return {"edition": edition, "registration_open": edition.registration_is_open}


def agenda_panel(request, group=None, **kwargs):
    """The next Rencontres on the site-wide agenda (not on the agenda filtered to one group)."""
    return None if group is not None else home_panel(request)


def account_panel(request, **kwargs):
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated or not user.email:
        return None
    registrations = queries.registrations_for_email(user.email)
    edition = queries.next_edition()
    if not registrations and edition is None:
        return None
    return {"registrations": registrations, "edition": edition}
