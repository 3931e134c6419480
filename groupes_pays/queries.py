"""Reads of the groups' pages, and the one rule of who sees what.

Members-only meetings, news and documents are shown only to logged-in users whose
collectivity is a CUF member (and to CUF staff). Every list, search, feed, calendar and
file download goes through `access_for(request)` and the querysets below, so a
members-only row never reaches a page, a feed or a file response by another path.
"""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from atlas import queries as atlas_queries
from atlas.queries import collectivity_of, is_cuf_member

from .models import Document, Group, GroupMembership, JoinRequest, Meeting, NewsItem, Partner, Visibility
from .text import normalise


@dataclass(frozen=True)
class Access:
    """What one request may see."""

    members_only: bool = False  # members-only content
    drafts: bool = False  # unpublished news (staff preview)

    def allows(self, item):
        return self.members_only or item.visibility != Visibility.MEMBERS


PUBLIC = Access()


def access_for(request):
    """The Access of a request, computed once per request."""
    if request is None:
        return PUBLIC
    cached = getattr(request, "_groupes_pays_access", None)
    if cached is None:
        user = request.user
        staff = bool(user.is_authenticated and user.is_staff)
        cached = Access(members_only=staff or is_cuf_member(user), drafts=staff)
        request._groupes_pays_access = cached
    return cached


def _visible(queryset, access):
    return queryset if access.members_only else queryset.filter(visibility=Visibility.PUBLIC)


# ---- Meetings ----------------------------------------------------------------------------

def meetings(access):
    return _visible(Meeting.objects.select_related("group"), access)


def _upcoming_filter(now):
    return Q(ends_at__gte=now) | Q(ends_at__isnull=True, starts_at__gte=now)


def upcoming_meetings(access, group=None, q="", now=None):
    """Meetings not yet over, soonest first."""
    queryset = meetings(access).filter(_upcoming_filter(now or timezone.now()))
    if group is not None:
        queryset = queryset.filter(group=group)
    if q:
        queryset = queryset.filter(search_text__contains=normalise(q))
    return queryset.order_by("starts_at", "id")


def past_meetings(access, group=None, q="", now=None):
    """Meetings over, latest first."""
    queryset = meetings(access).exclude(_upcoming_filter(now or timezone.now()))
    if group is not None:
        queryset = queryset.filter(group=group)
    if q:
        queryset = queryset.filter(search_text__contains=normalise(q))
    return queryset.order_by("-starts_at", "-id")


def hidden_upcoming_count(access, group=None, now=None):
    """How many upcoming members-only meetings this request does not see (0 for members)."""
    if access.members_only:
        return 0
    queryset = Meeting.objects.filter(_upcoming_filter(now or timezone.now()), visibility=Visibility.MEMBERS)
    if group is not None:
        queryset = queryset.filter(group=group)
    return queryset.count()


def meeting_by_pk(pk):
    """A meeting whatever its visibility: the view shows a notice instead of a members-only one."""
    return Meeting.objects.select_related("group").filter(pk=pk).first()


# ---- News --------------------------------------------------------------------------------

def published_news(access, group=None, q=""):
    queryset = _visible(NewsItem.objects.filter(status=NewsItem.Status.PUBLISHED), access)
    if group is not None:
        queryset = queryset.filter(groups=group)
    if q:
        queryset = queryset.filter(search_text__contains=normalise(q))
    return queryset.prefetch_related(Prefetch("groups", queryset=Group.objects.only("id", "name", "slug")))


def news_item(access, slug):
    """The news item at `slug` if it exists for this request (drafts only for staff), else None."""
    queryset = NewsItem.objects.prefetch_related("groups")
    if not access.drafts:
        queryset = queryset.filter(status=NewsItem.Status.PUBLISHED)
    return queryset.filter(slug=slug).first()


def hidden_news_count(access, group=None):
    if access.members_only:
        return 0
    queryset = NewsItem.objects.filter(status=NewsItem.Status.PUBLISHED, visibility=Visibility.MEMBERS)
    if group is not None:
        queryset = queryset.filter(groups=group)
    return queryset.count()


# ---- Documents ---------------------------------------------------------------------------

def documents(access, group=None):
    queryset = _visible(Document.objects.select_related("group"), access)
    if group is not None:
        queryset = queryset.filter(group=group)
    return queryset


def hidden_documents_count(access, group=None):
    if access.members_only:
        return 0
    queryset = Document.objects.filter(visibility=Visibility.MEMBERS)
    if group is not None:
        queryset = queryset.filter(group=group)
    return queryset.count()


# ---- Groups ------------------------------------------------------------------------------

def groups(q="", kind="", include_archived=False):
    """Groups for the list page, with their number of current member collectivities."""
    queryset = Group.objects.select_related("country").annotate(
        member_count=Count("memberships", filter=Q(memberships__left_on__isnull=True)))
    if not include_archived:
        queryset = queryset.filter(is_active=True)
    if kind:
        queryset = queryset.filter(kind=kind)
    if q:
        queryset = queryset.filter(search_text__contains=normalise(q))
    return queryset.order_by("kind", "name")


def group_for_page(slug):
    return (Group.objects.select_related("country", "president_collectivity")
            .prefetch_related("timeline").filter(slug=slug).first())


def current_members(group):
    return (GroupMembership.objects.filter(group=group, left_on__isnull=True)
            .select_related("collectivity__country", "collectivity__department").order_by("collectivity__name"))


def collectivities_active_in(group):
    """French collectivities with a published Atlas project in a groupe-pays' country, and their partners there."""
    if group.kind != Group.Kind.COUNTRY or group.country_id is None:
        return [], []
    projects = atlas_queries.projects_with_partner_in(country_id=group.country_id)
    french = list(atlas_queries.french_collectivities_engaged(participations__project__in=projects))
    partners = list(atlas_queries.partner_collectivities(group.country))
    return french, partners


def active_groups_for_select():
    return Group.objects.filter(is_active=True).only("id", "name", "slug", "kind").order_by("name")


# ---- Collectivity's own groups (account panel) ------------------------------------------

def memberships_of(collectivity):
    return (GroupMembership.objects.filter(collectivity=collectivity, left_on__isnull=True)
            .select_related("group").order_by("group__name"))


def join_requests_of(collectivity):
    return JoinRequest.objects.filter(collectivity=collectivity).select_related("group").order_by("-created")


def groups_open_to(collectivity):
    """Active groups the collectivity is not in and has no pending request for."""
    return (Group.objects.filter(is_active=True)
            .exclude(memberships__collectivity=collectivity, memberships__left_on__isnull=True)
            .exclude(join_requests__collectivity=collectivity, join_requests__status=JoinRequest.Status.PENDING)
            .order_by("name"))


def user_collectivity(user):
    return collectivity_of(user)


# ---- Partners directory ------------------------------------------------------------------

def partners(kind=""):
    queryset = Partner.objects.all()
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset.order_by("kind", "position", "name")
