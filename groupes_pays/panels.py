"""Panels this app shows on pages it does not own (see cuf_portal.panels)."""

from cuf_portal import agenda

from . import queries
from .forms import JoinRequestForm

HOME_MEETINGS = 4
HOME_NEWS = 3


def home_variant(request):
    """Who sees what on the home card: members-only items for members and staff."""
    return "members" if queries.access_for(request).members_only else "public"


def home_panel(request, **kwargs):
    """Next agenda items and latest news; members-only ones only for members."""
    access = queries.access_for(request)
    # One agenda: the groups' meetings and what other apps add to it (the coming Rencontres).
    upcoming = agenda.merged(list(queries.upcoming_meetings(access)[:HOME_MEETINGS]), agenda.items(),
                             limit=HOME_MEETINGS)
    news = list(queries.published_news(access)[:HOME_NEWS])
    if not upcoming and not news:
        return None
    return {"upcoming": upcoming, "news": news}


def account_panel(request, **kwargs):
    """My collectivity's groups, its requests to join groups, and a form to ask for another."""
    if request is None or not request.user.is_authenticated:
        return None
    collectivity = queries.user_collectivity(request.user)
    if collectivity is None:
        return {"collectivity": None}
    open_groups = queries.groups_open_to(collectivity)
    return {
        "collectivity": collectivity,
        "memberships": list(queries.memberships_of(collectivity)),
        "join_requests": list(queries.join_requests_of(collectivity)[:10]),
        "join_form": JoinRequestForm(groups=open_groups, auto_id="id_join_%s"),
        "can_join": open_groups.exists(),
    }
