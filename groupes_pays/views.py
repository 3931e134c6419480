"""Pages of the groups, the agenda, the news and the partners directory.

Each view collects its input, asks `queries` (reads, with the visibility rule) or
`services` (writes), and renders. Members-only items answer with a notice (HTTP 403)
that says what they are and how to get access, never with their content.
"""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from cuf_portal import agenda as portal_agenda
from cuf_portal.calendars import calendar_response
from cuf_portal.uploads import attachment_response, content_type_of

from . import queries, services
from .calendars import build_calendar
from .forms import AgendaFilterForm, GroupSearchForm, JoinRequestForm, NewsFilterForm, PartnerFilterForm
from .models import Document, Group, Partner

CALENDAR_PAST_DAYS = 180
AGENDA_PAST = 10  # latest past meetings shown under the agenda, with their minutes
KIND_HEADINGS = {Group.Kind.COUNTRY: "Groupes-pays", Group.Kind.THEMATIC: "Groupes thématiques",
                 Group.Kind.REGIONAL: "Dynamiques régionales"}


def _restricted(request, what, item):
    """The notice shown instead of a members-only item."""
    return render(request, "groupes_pays/restricted.html", {"what": what, "item": item}, status=403)


def _filters(form):
    """The filters of a list page: the cleaned values, or None when the address carries a value the
    list does not offer (`?kind=bidon`, an unknown group): the page then answers 400 and says which
    criterion to correct, as the Atlas search does, instead of silently listing everything."""
    if not form.is_bound:
        return {}
    return form.cleaned_data if form.is_valid() else None


def _invalid_filters(request, template, form):
    return render(request, template, {"form": form, "invalid": True}, status=400)


# ---- Groups ------------------------------------------------------------------------------

def index(request):
    form = GroupSearchForm(request.GET or None)
    data = _filters(form)
    if data is None:
        return _invalid_filters(request, "groupes_pays/index.html", form)
    found = list(queries.groups(q=data.get("q", ""), kind=data.get("kind", ""),
                                include_archived=data.get("archived", False)))
    sections = []
    for kind, label in KIND_HEADINGS.items():
        rows = [g for g in found if g.kind == kind]
        if rows:
            sections.append({"kind": kind, "label": label, "groups": rows})
    return render(request, "groupes_pays/index.html", {
        "form": form, "sections": sections, "count": len(found), "searching": bool(data.get("q") or data.get("kind")),
    })


def group(request, slug):
    group = queries.group_for_page(slug)
    if group is None:
        raise Http404("Ce groupe n'existe pas.")
    access = queries.access_for(request)
    french, partner_collectivities = queries.collectivities_active_in(group)
    join_form = None
    collectivity = queries.user_collectivity(request.user)
    members = list(queries.current_members(group))
    is_member = bool(collectivity and any(m.collectivity_id == collectivity.pk for m in members))
    if collectivity and group.is_active and not is_member:
        join_form = JoinRequestForm(initial={"group": group.pk}, groups=Group.objects.filter(pk=group.pk))
    return render(request, "groupes_pays/group.html", {
        "group": group,
        # One agenda: the group's meetings and its meetings held at the Rencontres (cuf_portal.agenda).
        "upcoming": portal_agenda.merged(list(queries.upcoming_meetings(access, group=group)[:10]),
                                         portal_agenda.items(group=group), limit=10),
        "past": list(queries.past_meetings(access, group=group)[:10]),
        "hidden_meetings": queries.hidden_upcoming_count(access, group=group),
        "news": list(queries.published_news(access, group=group)[:6]),
        "hidden_news": queries.hidden_news_count(access, group=group),
        "documents": list(queries.documents(access, group=group)),
        "hidden_documents": queries.hidden_documents_count(access, group=group),
        "members": members,
        "french_collectivities": french,
        "partner_collectivities": partner_collectivities,
        # The "Répertoire des partenariats" of a groupe-pays is the Atlas search by partner country, exported.
        "atlas_search_url": f"{reverse('atlas:index')}?country={group.country.slug}" if french else "",
        "collectivity": collectivity,
        "is_member": is_member,
        "join_form": join_form,
    })


def group_geojson(request, slug):
    """Points of the French collectivities active in a groupe-pays' country and of their partners."""
    group = get_object_or_404(Group, slug=slug)
    french, partner_collectivities = queries.collectivities_active_in(group)
    features = []
    for kind, rows in (("fr", french), ("partner", partner_collectivities)):
        for c in rows:
            if c.latitude is None or c.longitude is None:
                continue
            features.append({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [c.longitude, c.latitude]},
                "properties": {"name": c.name, "url": c.get_absolute_url(), "kind": kind},
            })
    return JsonResponse({"type": "FeatureCollection", "features": features},
                        content_type="application/geo+json")


# ---- Agenda ------------------------------------------------------------------------------

def agenda(request):
    access = queries.access_for(request)
    form = AgendaFilterForm(request.GET or None, groups=queries.active_groups_for_select())
    data = _filters(form)
    if data is None:
        return _invalid_filters(request, "groupes_pays/agenda.html", form)
    selected = data.get("group")
    upcoming = queries.upcoming_meetings(access, group=selected, q=data.get("q", ""))
    page = Paginator(upcoming, 20).get_page(request.GET.get("page"))
    ics_url = reverse("groupes_pays:group_ics", args=[selected.slug]) if selected else reverse(
        "groupes_pays:agenda_ics")
    return render(request, "groupes_pays/agenda.html", {
        "form": form, "page_obj": page, "selected_group": selected, "ics_url": ics_url,
        "past": list(queries.past_meetings(access, group=selected, q=data.get("q", ""))[:AGENDA_PAST]),
        "hidden_meetings": queries.hidden_upcoming_count(access, group=selected),
    })


def _calendar_response(request, meetings, name, filename, group=None, with_agenda=True):
    since = timezone.now() - timedelta(days=CALENDAR_PAST_DAYS)
    extra = portal_agenda.items(group=group, since=since) if with_agenda else ()
    body = build_calendar(meetings, name, request.build_absolute_uri, items=extra)
    return calendar_response(body, filename, attachment=False, cache_seconds=600)


def _calendar_window(access, group=None):
    since = timezone.now() - timedelta(days=CALENDAR_PAST_DAYS)
    return queries.meetings(access).filter(starts_at__gte=since, **({"group": group} if group else {})).order_by(
        "starts_at")


def agenda_ics(request):
    meetings = _calendar_window(queries.access_for(request))
    return _calendar_response(request, meetings, "Agenda de Cités Unies France", "agenda-cuf.ics")


def group_ics(request, slug):
    group = get_object_or_404(Group, slug=slug)
    meetings = _calendar_window(queries.access_for(request), group=group)
    return _calendar_response(request, meetings, f"Agenda — {group.name}", f"agenda-{group.slug}.ics", group=group)


def meeting(request, pk, slug):
    meeting = queries.meeting_by_pk(pk)
    if meeting is None:
        raise Http404("Cette réunion n'existe pas.")
    if slug != meeting.slug:
        return redirect(meeting, permanent=True)
    if not queries.access_for(request).allows(meeting):
        return _restricted(request, "réunion", meeting)
    return render(request, "groupes_pays/meeting.html", {"meeting": meeting})


def meeting_ics(request, pk):
    meeting = queries.meeting_by_pk(pk)
    if meeting is None:
        raise Http404("Cette réunion n'existe pas.")
    if not queries.access_for(request).allows(meeting):
        return _restricted(request, "réunion", meeting)
    return _calendar_response(request, [meeting], meeting.title, f"reunion-{meeting.pk}.ics", with_agenda=False)


def meeting_minutes(request, pk):
    meeting = queries.meeting_by_pk(pk)
    if meeting is None or not meeting.minutes_file:
        raise Http404("Ce compte rendu n'existe pas.")
    if not queries.access_for(request).allows(meeting):
        return _restricted(request, "compte rendu", meeting)
    return attachment_response(meeting.minutes_file, f"compte-rendu-{meeting.slug}")


# ---- News --------------------------------------------------------------------------------

def news(request):
    access = queries.access_for(request)
    form = NewsFilterForm(request.GET or None, groups=queries.active_groups_for_select())
    data = _filters(form)
    if data is None:
        return _invalid_filters(request, "groupes_pays/news.html", form)
    items = queries.published_news(access, group=data.get("group"), q=data.get("q", ""))
    page = Paginator(items, 12).get_page(request.GET.get("page"))
    return render(request, "groupes_pays/news.html", {
        "form": form, "page_obj": page, "hidden_news": queries.hidden_news_count(access, group=data.get("group")),
    })


def news_detail(request, slug):
    access = queries.access_for(request)
    item = queries.news_item(access, slug)
    if item is None:
        raise Http404("Cette actualité n'existe pas.")
    if not access.allows(item):
        return _restricted(request, "actualité", item)
    return render(request, "groupes_pays/news_detail.html", {"item": item})


def news_image(request, slug):
    access = queries.access_for(request)
    item = queries.news_item(access, slug)
    if item is None or not item.image:
        raise Http404("Cette image n'existe pas.")
    if not access.allows(item):
        return _restricted(request, "image", item)
    response = FileResponse(item.image.open("rb"), content_type=content_type_of(item.image.name))
    response["Cache-Control"] = "private, max-age=3600"
    return response


# ---- Documents ---------------------------------------------------------------------------

def document(request, pk):
    document = get_object_or_404(Document.objects.select_related("group"), pk=pk)
    if not queries.access_for(request).allows(document):
        return _restricted(request, "document", document)
    return attachment_response(document.file, document.title[:80])


# ---- Partners ----------------------------------------------------------------------------

def partners(request):
    form = PartnerFilterForm(request.GET or None)
    data = _filters(form)
    if data is None:
        return _invalid_filters(request, "groupes_pays/partners.html", form)
    rows = list(queries.partners(data.get("kind", "")))
    sections = [{"kind": k, "label": label, "intro": Partner.KIND_INTROS.get(k, ""),
                 "partners": [p for p in rows if p.kind == k]} for k, label in Partner.Kind.choices]
    return render(request, "groupes_pays/partners.html", {
        "form": form, "sections": [s for s in sections if s["partners"]], "count": len(rows)})


# ---- Joining a group ---------------------------------------------------------------------

@login_required
@require_POST
def join(request):
    form = JoinRequestForm(request.POST, groups=Group.objects.filter(is_active=True))
    target = request.POST.get("next") or reverse("account")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        target = reverse("account")
    if not form.is_valid():
        return render(request, "groupes_pays/join_refused.html", {
            "errors": ["Choisissez un groupe actif dans la liste."], "back": target}, status=400)
    try:
        join_request = services.request_to_join(request.user, form.cleaned_data["group"],
                                                form.cleaned_data["message"])
    except ValidationError as exc:
        return render(request, "groupes_pays/join_refused.html", {"errors": exc.messages, "back": target},
                      status=400)
    messages.success(request, f"Votre demande pour rejoindre le groupe « {join_request.group} » a été transmise "
                              "à l'équipe de Cités Unies France.")
    return redirect(target)
