"""Pages of the Rencontres: thin views over events.queries and events.services."""

import functools

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, translate_url
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from atlas.reference import country_name
from cuf_portal.calendars import calendar_response

from . import queries, services
from .badges import badge_code, qr_svg
from .forms import CheckinSearchForm, RegistrationForm, SessionMessageForm
from .ical import agenda_ics, programme_ics
from .models import Edition, Registration, Session
from .throttling import allow_registration_submit


def _edition_or_404(slug):
    edition = queries.edition_detail(slug)
    if edition is None:
        raise Http404(_("Édition introuvable"))
    return edition


def _registration_notice(edition):
    """The message that replaces the form when registration is not open (None when it is)."""
    try:
        services.check_registration_open(edition)
    except services.RegistrationError as error:
        return error.message()
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
        raise Http404(_("Session introuvable"))
    return render(request, "events/session.html", {
        "session": session, "edition": session.edition,
        "registration_open": session.edition.registration_is_open and session.capacity > 0,
    })


def speakers(request, slug=None):
    edition = _edition_or_404(slug) if slug else None
    return render(request, "events/speakers.html", {"edition": edition, "people": queries.speakers(edition)})


# ---- Registration --------------------------------------------------------------------------
# The participant's pages speak the language of their URL (/en/… in English); a registration
# remembers the language it was made in, and its mails are written in it.

def legacy_language_links(view):
    """Links mailed before the /en/ URLs carried ?lang=en: send them to the page in that language."""
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        wanted = request.GET.get("lang")
        if request.method == "GET" and wanted in dict(settings.LANGUAGES) and wanted != translation.get_language():
            query = request.GET.copy()
            del query["lang"]
            path = request.path + (f"?{query.urlencode()}" if query else "")
            return redirect(translate_url(path, wanted))
        return view(request, *args, **kwargs)
    return wrapper


def _edition_only(slug):
    """The edition alone (no partners, no counts): the registration pages need nothing more."""
    return get_object_or_404(Edition, slug=slug, is_published=True)


def _register_context(edition):
    consent_text = _(
        "Vos données (nom, fonction, organisation, pays, adresse e-mail, besoins d'accessibilité) servent "
        "uniquement à organiser les Rencontres : inscription aux sessions, badge, listes de présence et "
        "messages pratiques. Seule l'équipe de Cités Unies France y a accès. Elles sont conservées "
        "%(days)s jours après la fin de l'édition puis anonymisées. Vous pouvez à tout moment supprimer "
        "votre inscription depuis votre lien privé.") % {"days": services.retention_days()}
    return {"edition": edition, "consent_text": consent_text}


@legacy_language_links
def register(request, slug):
    edition = _edition_only(slug)
    context = _register_context(edition)
    notice = _registration_notice(edition)
    if notice:
        context["notice"] = notice
        return render(request, "events/register.html", context, status=403 if request.method == "POST" else 200)
    if request.method == "POST":
        if not allow_registration_submit(request):
            context["notice"] = _("Trop de demandes d'inscription depuis votre adresse. "
                                  "Réessayez dans quelques minutes.")
            return render(request, "events/register.html", context, status=429)
        form = RegistrationForm(request.POST)
        if form.is_spam:
            # Answer as for a real registration: a robot learns nothing, nothing is created.
            return redirect("events:register_sent", edition.slug)
        if form.is_valid():
            try:
                services.start_registration(edition, form.registration_data(), lang=translation.get_language())
            except services.RegistrationError as error:
                context["notice"] = error.message()
                return render(request, "events/register.html", context, status=403)
            return redirect("events:register_sent", edition.slug)
        status = 400
    else:
        form = RegistrationForm()
        status = 200
    context["form"] = form
    return render(request, "events/register.html", context, status=status)


@legacy_language_links
def register_sent(request, slug):
    return render(request, "events/register_sent.html", {"edition": _edition_only(slug)})


def _by_token(token, lookup=queries.registration_by_token):
    registration = lookup(token)
    if registration is None:
        raise Http404(_("Lien inconnu ou remplacé"))
    return registration


@legacy_language_links
def confirm(request, token):
    if request.method == "POST":
        registration = _by_token(token, queries.registration_key_by_token)
        services.confirm_email(registration)
        messages.success(request, _("Votre adresse est confirmée : choisissez maintenant vos sessions."))
        return redirect("events:manage", token)
    registration = _by_token(token)
    if registration.status == Registration.Status.CONFIRMED:
        return redirect("events:manage", token)
    return render(request, "events/confirm.html", {
        "registration": registration, "edition": registration.edition, "token": token})


MAX_SESSIONS_CHOSEN = 100


def _session_ids(raw):
    """Session identifiers as sent by the form, or None when one is not a plausible identifier
    (ASCII digits that fit a database key) or when there are more than any programme has."""
    if len(raw) > MAX_SESSIONS_CHOSEN or not all(pk.isascii() and pk.isdigit() and len(pk) <= 18 for pk in raw):
        return None
    return [int(pk) for pk in raw]


# A refused choice of sessions, kept in the session between the POST and the page it redirects to.
REFUSED_CHOICE = "events_refused_choice"


@legacy_language_links
def manage(request, token):
    registration = _by_token(token)
    edition = registration.edition
    seats = queries.active_seats(registration)
    chosen = {seat.session_id for seat in seats}
    error = None
    refused = request.session.pop(REFUSED_CHOICE, None)
    if refused and refused.get("registration") == registration.pk:
        error, chosen = refused["message"], set(refused["sessions"])
    return render(request, "events/manage.html", {
        "registration": registration, "edition": edition, "token": token,
        "seats": seats, "chosen": chosen, "days": queries.programme(edition), "error": error,
        "can_choose": registration.status == Registration.Status.CONFIRMED and edition.registration_is_open,
    })


def choose(request, token):
    """Save the choice of sessions; post/redirect/get, so the address in the bar can always be reopened.

    A refused choice (overlap, full, unknown session) comes back on "Mon inscription" with its message,
    which takes the focus, and the boxes as the participant ticked them.
    """
    registration = _by_token(token, queries.registration_key_by_token)
    manage_url = reverse("events:manage", args=[token])
    if request.method != "POST":
        return redirect(manage_url)
    session_ids = _session_ids(request.POST.getlist("sessions"))
    try:
        if session_ids is None:
            raise services.RegistrationError("invalid_session")
        services.choose_sessions(registration, session_ids)
    except services.RegistrationError as error:
        request.session[REFUSED_CHOICE] = {"registration": registration.pk, "message": str(error.message()),
                                           "sessions": session_ids or []}
        response = redirect(manage_url + "#choix-refuse")
        response.status_code = 303
        return response
    messages.success(request, _("Votre choix de sessions est enregistré."))
    return redirect(manage_url)


@require_POST
def cancel_session(request, token, session_id):
    registration = _by_token(token)
    session = get_object_or_404(Session, pk=session_id, edition=registration.edition)
    services.cancel_session(registration, session)
    messages.success(request, _("Votre place dans la session « %(title)s » est libérée.")
                     % {"title": session.title})
    return redirect("events:manage", token)


@legacy_language_links
def cancel_registration(request, token):
    registration = _by_token(token)
    if request.method == "POST":
        edition = registration.edition
        services.cancel_registration(registration)
        return redirect("events:cancelled", edition.slug)
    return render(request, "events/cancel.html", {
        "registration": registration, "edition": registration.edition, "token": token})


@legacy_language_links
def cancelled(request, slug):
    return render(request, "events/cancelled.html", {"edition": _edition_only(slug)})


def agenda(request, token):
    registration = _by_token(token)
    return calendar_response(agenda_ics(registration, queries.active_seats(registration)),
                             _("mon-agenda-rencontres.ics"))


@legacy_language_links
def badge(request, token):
    registration = _by_token(token)
    # The QR code carries a signed registration number, not the private token (see events.badges).
    # The reception desk is French (staff pages), whatever the language of the badge.
    with translation.override(settings.LANGUAGE_CODE):
        checkin_url = settings.SITE_URL + reverse("events:checkin_badge", args=[badge_code(registration)])
    return render(request, "events/badge.html", {
        "registration": registration, "edition": registration.edition, "token": token,
        "seats": queries.active_seats(registration), "qr": qr_svg(checkin_url), "checkin_url": checkin_url,
        "country": country_name(registration.country) if registration.country else "",
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
        messages.info(request, f"Arrivée de {registration.full_name} déjà enregistrée.")
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
        messages.success(request, ngettext("Message mis en file d'envoi pour %(count)d participant.",
                                           "Message mis en file d'envoi pour %(count)d participants.", count)
                         % {"count": count})
        return redirect("events:attendance", slug, number)
    return render(request, "events/staff/session_message.html", {
        "session": session, "edition": session.edition, "form": form,
    }, status=400 if form.errors else 200)
