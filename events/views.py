"""Pages of the Rencontres: thin views over events.queries and events.services."""

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.views.decorators.http import require_POST

from cuf_portal.calendars import calendar_response

from . import queries, services
from .badges import badge_code, qr_svg
from .forms import CheckinSearchForm, RegistrationForm, SessionMessageForm
from .ical import agenda_ics, programme_ics
from .models import Edition, Registration, Session
from .texts import pick_language, texts
from .throttling import allow_registration_submit


def _edition_or_404(slug):
    edition = queries.edition_detail(slug)
    if edition is None:
        raise Http404("Édition introuvable")
    return edition


def _registration_notice(edition, lang="fr"):
    """The message that replaces the form when registration is not open (None when it is)."""
    try:
        services.check_registration_open(edition)
    except services.RegistrationError as error:
        return error.message(lang)
    return None


def index(request):
    edition = queries.next_edition() or queries.published_editions().first()
    if edition is None:
        return render(request, "events/empty.html")
    return edition_page(request, edition.slug, is_index=True)


def edition_page(request, slug, is_index=False):
    edition = _edition_or_404(slug)
    return render(request, "events/edition.html", {
        "edition": edition, "is_index": is_index, "partners": edition.partners.all(),
        "registration_notice": _registration_notice(edition),
        "past_editions": queries.past_editions().exclude(pk=edition.pk)[:5],
    })


def past_editions(request):
    return render(request, "events/past.html", {"editions": queries.past_editions()})


def programme(request, slug):
    edition = _edition_or_404(slug)
    return render(request, "events/programme.html", {
        "edition": edition, "days": queries.programme(edition),
        "registration_open": edition.registration_is_open,
    })


def programme_calendar(request, slug):
    edition = _edition_or_404(slug)
    return calendar_response(programme_ics(edition, queries.sessions_with_seats(edition)),
                             f"rencontres-{edition.slug}.ics")


def session_page(request, slug, number):
    session = queries.session_detail(slug, number)
    if session is None:
        raise Http404("Session introuvable")
    return render(request, "events/session.html", {
        "session": session, "edition": session.edition,
        "registration_open": session.edition.registration_is_open and session.capacity > 0,
    })


def speakers(request, slug=None):
    edition = _edition_or_404(slug) if slug else None
    return render(request, "events/speakers.html", {"edition": edition, "people": queries.speakers(edition)})


# ---- Registration --------------------------------------------------------------------------

def _edition_only(slug):
    """The edition alone (no partners, no counts): the registration pages need nothing more."""
    return get_object_or_404(Edition, slug=slug, is_published=True)


def register(request, slug):
    edition = _edition_only(slug)
    lang = pick_language(request)
    t = texts(lang)
    context = {"edition": edition, "lang": lang, "t": t,
               "consent_text": t["consent_text"].format(days=services.retention_days())}
    with translation.override(lang):
        notice = _registration_notice(edition, lang)
        if notice:
            context["notice"] = notice
            return render(request, "events/register.html", context, status=403 if request.method == "POST" else 200)
        if request.method == "POST":
            if not allow_registration_submit(request):
                context["notice"] = t["rate_limited"]
                return render(request, "events/register.html", context, status=429)
            form = RegistrationForm(request.POST, lang=lang)
            if form.is_spam:
                # Answer as for a real registration: a robot learns nothing, nothing is created.
                return redirect(f"{reverse('events:register_sent', args=[edition.slug])}?lang={lang}")
            if form.is_valid():
                try:
                    services.start_registration(edition, form.registration_data(), lang=lang)
                except services.RegistrationError as error:
                    context["notice"] = error.message(lang)
                    return render(request, "events/register.html", context, status=403)
                return redirect(f"{reverse('events:register_sent', args=[edition.slug])}?lang={lang}")
            status = 400
        else:
            form = RegistrationForm(lang=lang)
            status = 200
        context["form"] = form
        return render(request, "events/register.html", context, status=status)


def register_sent(request, slug):
    edition = _edition_only(slug)
    lang = pick_language(request)
    return _render_in(lang, request, "events/register_sent.html", {"edition": edition, "lang": lang, "t": texts(lang)})


def _render_in(lang, request, template, context, status=200):
    """Render a participant's page in their language: dates and Django's own words follow it."""
    with translation.override(lang):
        return render(request, template, context, status=status)


def _by_token(request, token, lookup=queries.registration_by_token):
    registration = lookup(token)
    if registration is None:
        raise Http404("Lien inconnu ou remplacé")
    lang = pick_language(request, default=registration.language)
    return registration, lang, texts(lang)


def confirm(request, token):
    if request.method == "POST":
        registration, lang, t = _by_token(request, token, queries.registration_key_by_token)
        services.confirm_email(registration)
        messages.success(request, t["confirmed_message"])
        return redirect(reverse("events:manage", args=[token]) + f"?lang={lang}")
    registration, lang, t = _by_token(request, token)
    if registration.status == Registration.Status.CONFIRMED:
        return redirect(reverse("events:manage", args=[token]) + f"?lang={lang}")
    return _render_in(lang, request, "events/confirm.html", {
        "registration": registration, "edition": registration.edition, "token": token, "lang": lang, "t": t})


MAX_SESSIONS_CHOSEN = 100


def _session_ids(raw):
    """Session identifiers as sent by the form, or None when one is not a plausible identifier
    (ASCII digits that fit a database key) or when there are more than any programme has."""
    if len(raw) > MAX_SESSIONS_CHOSEN or not all(pk.isascii() and pk.isdigit() and len(pk) <= 18 for pk in raw):
        return None
    return [int(pk) for pk in raw]


def manage(request, token, error=None, status=200):
    registration, lang, t = _by_token(request, token)
    edition = registration.edition
    seats = queries.active_seats(registration)
    chosen = {seat.session_id for seat in seats}
    if error is not None and request.method == "POST":
        chosen = set(_session_ids(request.POST.getlist("sessions")) or ())
    return _render_in(lang, request, "events/manage.html", {
        "registration": registration, "edition": edition, "token": token, "lang": lang, "t": t,
        "seats": seats, "chosen": chosen, "days": queries.programme(edition), "error": error,
        "can_choose": registration.status == Registration.Status.CONFIRMED and edition.registration_is_open,
    }, status)


@require_POST
def choose(request, token):
    registration, lang, t = _by_token(request, token, queries.registration_key_by_token)
    session_ids = _session_ids(request.POST.getlist("sessions"))
    try:
        if session_ids is None:
            raise services.RegistrationError("invalid_session")
        services.choose_sessions(registration, session_ids)
    except services.RegistrationError as error:
        return manage(request, token, error=error.message(lang), status=400)
    messages.success(request, t["choice_saved"])
    return redirect(reverse("events:manage", args=[token]) + f"?lang={lang}")


@require_POST
def cancel_session(request, token, session_id):
    registration, lang, t = _by_token(request, token)
    session = get_object_or_404(Session, pk=session_id, edition=registration.edition)
    services.cancel_session(registration, session)
    messages.success(request, t["seat_cancelled"].format(title=session.title))
    return redirect(reverse("events:manage", args=[token]) + f"?lang={lang}")


def cancel_registration(request, token):
    registration, lang, t = _by_token(request, token)
    if request.method == "POST":
        edition = registration.edition
        services.cancel_registration(registration)
        return redirect(reverse("events:cancelled", args=[edition.slug]) + f"?lang={lang}")
    return _render_in(lang, request, "events/cancel.html", {
        "registration": registration, "edition": registration.edition, "token": token, "lang": lang, "t": t})


def cancelled(request, slug):
    edition = _edition_only(slug)
    lang = pick_language(request)
    return _render_in(lang, request, "events/cancelled.html", {"edition": edition, "lang": lang, "t": texts(lang)})


def agenda(request, token):
    registration, lang, t = _by_token(request, token)
    return calendar_response(agenda_ics(registration, queries.active_seats(registration)),
                             "mon-agenda-rencontres.ics")


def badge(request, token):
    registration, lang, t = _by_token(request, token)
    # The QR code carries a signed registration number, not the private token (see events.badges).
    checkin_url = settings.SITE_URL + reverse("events:checkin_badge", args=[badge_code(registration)])
    return _render_in(lang, request, "events/badge.html", {
        "registration": registration, "edition": registration.edition, "token": token, "lang": lang, "t": t,
        "seats": queries.active_seats(registration), "qr": qr_svg(checkin_url), "checkin_url": checkin_url,
    })


# ---- Staff: reception desk, attendance, messages ------------------------------------------------

@staff_member_required
def checkin(request, slug):
    edition = get_object_or_404(Edition, slug=slug)
    form = CheckinSearchForm(request.GET or None)
    results = None
    if form.is_valid() and form.cleaned_data["q"]:
        results = queries.search_registrations(edition, form.cleaned_data["q"])
    return render(request, "events/staff/checkin.html", {
        "edition": edition, "form": form, "results": results, "figures": queries.checkin_figures(edition),
    })


@staff_member_required
@require_POST
def checkin_mark(request, slug, pk):
    registration = get_object_or_404(Registration, pk=pk, edition__slug=slug, anonymised_at__isnull=True)
    if services.check_in(registration):
        messages.success(request, f"Présence enregistrée : {registration.full_name}.")
    else:
        messages.info(request, f"{registration.full_name} était déjà enregistré(e).")
    return redirect(reverse("events:checkin", args=[slug]) + "?" + request.POST.get("back", ""))


@staff_member_required
def checkin_badge(request, code):
    """The URL in a badge's QR code: the reception desk scans it and records the arrival."""
    registration = queries.registration_by_badge(code)
    if registration is None:
        raise Http404("Badge inconnu")
    if request.method == "POST":
        services.check_in(registration)
        messages.success(request, f"Présence enregistrée : {registration.full_name}.")
        return redirect("events:checkin", registration.edition.slug)
    return render(request, "events/staff/checkin_badge.html", {
        "registration": registration, "edition": registration.edition,
        "seats": queries.active_seats(registration),
    })


@staff_member_required
def attendance(request, slug, number):
    session = get_object_or_404(Session.objects.select_related("edition"), edition__slug=slug, number=number)
    confirmed, waitlist = queries.attendance(session)
    return render(request, "events/staff/attendance.html", {
        "session": session, "edition": session.edition, "confirmed": confirmed, "waitlist": waitlist,
        "present": sum(1 for seat in confirmed if seat.registration.checked_in_at),
        "printed_at": formats.date_format(timezone.localtime(), "j F Y à H:i"),
    })


@staff_member_required
def session_message(request, slug, number):
    session = get_object_or_404(Session.objects.select_related("edition"), edition__slug=slug, number=number)
    form = SessionMessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        count = services.send_session_message(session, form.cleaned_data["subject"], form.cleaned_data["body"])
        messages.success(request, f"Message mis en file d'envoi pour {count} participant(s).")
        return redirect("events:attendance", slug, number)
    return render(request, "events/staff/session_message.html", {
        "session": session, "edition": session.edition, "form": form,
    }, status=400 if form.errors else 200)
