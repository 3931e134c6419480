"""Writes of the Atlas that touch several rows, change state or send mail."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from cuf_portal.mail import notify_staff, send_templated_mail

from . import moderation
from .models import BourseInterest, BourseRequest, Participation, Project, ProjectChangeRequest
from .queries import collectivity_of, editable_projects
from .search import refresh_search_documents

# ---- Collectivity accounts: proposals and their moderation -----------------------------------


def _collectivity_or_denied(user):
    collectivity = collectivity_of(user)
    if collectivity is None:
        raise PermissionDenied("Votre compte n'est rattaché à aucune collectivité.")
    return collectivity


def _notify_submission(change_request):
    notify_staff("atlas/mail/change_submitted", {
        "change": change_request, "collectivity": change_request.collectivity, "author": change_request.author,
        "review_path": reverse("admin:atlas_projectchangerequest_change", args=[change_request.pk]),
    })


NO_LEAD_MESSAGE = ("Une fiche-projet doit avoir une collectivité française chef de file : seule une "
                   "collectivité française peut proposer une nouvelle fiche.")


def propose_project(user, data):
    """A new fiche proposed by the user's collectivity (its lead): stored for moderation, nothing public."""
    collectivity = _collectivity_or_denied(user)
    if not collectivity.is_french:
        raise ValidationError(NO_LEAD_MESSAGE)
    with transaction.atomic():
        change_request = ProjectChangeRequest.objects.create(
            project=None, collectivity=collectivity, author=user, data=moderation.normalize(data), base_data={})
        _notify_submission(change_request)
    return change_request


def propose_change(user, project, data):
    """A change to a fiche of the user's collectivity, stored for moderation.

    One proposal per fiche waits at a time: the author's collectivity may replace its own pending
    proposal; another collectivity's pending proposal must be reviewed first."""
    collectivity = _collectivity_or_denied(user)
    with transaction.atomic():
        project = editable_projects(collectivity).select_for_update().filter(pk=project.pk).first()
        if project is None:
            raise PermissionDenied("Cette fiche n'est pas une fiche de votre collectivité.")
        data = moderation.normalize(data)
        base = moderation.snapshot(project)
        if data == base:
            raise ValidationError("Vous n'avez rien modifié dans la fiche.")
        pending = (ProjectChangeRequest.objects.select_for_update()
                   .filter(project=project, state=ProjectChangeRequest.State.SUBMITTED).first())
        if pending and pending.collectivity_id != collectivity.pk:
            raise ValidationError("Une autre collectivité partenaire a déjà proposé une modification de cette "
                                  "fiche : CUF doit l'examiner avant que vous puissiez en proposer une.")
        if pending:
            pending.data, pending.base_data, pending.author = data, base, user
            pending.submitted_at = timezone.now()
            pending.save(update_fields=["data", "base_data", "author", "submitted_at"])
            change_request = pending
        else:
            change_request = ProjectChangeRequest.objects.create(
                project=project, collectivity=collectivity, author=user, data=data, base_data=base)
        _notify_submission(change_request)
    return change_request


def _unique_slug(title):
    base = slugify(title)[:300] or "fiche"
    slug, n = base, 1
    while Project.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _locked_pending(change_request):
    locked = ProjectChangeRequest.objects.select_for_update().get(pk=change_request.pk)
    if locked.state != ProjectChangeRequest.State.SUBMITTED:
        raise ValidationError("Cette proposition a déjà été examinée.")
    return locked


def _notify_author(change_request, template):
    if change_request.author and change_request.author.email:
        send_templated_mail(change_request.author.email, template, {
            "change": change_request, "project": change_request.project,
            "account_path": reverse("atlas:my_projects")})


def approve_change(change_request, reviewer, comment=""):
    """Apply the proposal to the fiche (created if new) in one transaction and publish it.

    Only the fields the author changed are written, so that staff edits made since the proposal
    are kept. The search document is rebuilt once the relations are saved."""
    with transaction.atomic():
        if change_request.project_id is not None:
            # The fiche first, then the proposal: the order propose_change takes them in. Taken the
            # other way round, an author replacing the proposal while staff approve it deadlocked.
            project = Project.objects.select_for_update().get(pk=change_request.project_id)
        change_request = _locked_pending(change_request)
        data = change_request.data
        if change_request.project_id is None:
            # The proposing collectivity becomes the lead: it must be French (a fiche needs a French lead).
            if not change_request.collectivity.is_french:
                raise ValidationError(NO_LEAD_MESSAGE)
            project = Project(slug=_unique_slug(data.get("title", "")))
            fields = moderation.FIELDS
        else:
            fields = moderation.changed_fields(data, change_request.base_data)
        moderation.apply(project, data, fields)
        if change_request.project_id is None:
            Participation.objects.create(project=project, collectivity=change_request.collectivity, is_lead=True)
        if not project.participations.filter(is_lead=True, is_french=True).exists():
            raise ValidationError("Cette fiche n'a pas de collectivité française chef de file : désignez-la dans "
                                  "la fiche-projet (administration) avant de valider la proposition.")
        project.is_published = True
        project.last_update = timezone.localdate()
        project.update_source = f"{change_request.collectivity.name} (proposition validée par CUF)"[:200]
        project.save()
        refresh_search_documents([project.pk])
        change_request.project = project
        change_request.state = ProjectChangeRequest.State.APPROVED
        change_request.staff_comment = comment
        change_request.reviewer = reviewer
        change_request.reviewed_at = timezone.now()
        change_request.save()
        _notify_author(change_request, "atlas/mail/change_approved")
    return change_request


def reject_change(change_request, reviewer, comment):
    """Refuse a proposal with a comment for its author; the fiche stays as it is."""
    if not (comment or "").strip():
        raise ValidationError("Indiquez à la collectivité pourquoi la proposition est refusée.")
    with transaction.atomic():
        change_request = _locked_pending(change_request)
        change_request.state = ProjectChangeRequest.State.REJECTED
        change_request.staff_comment = comment.strip()
        change_request.reviewer = reviewer
        change_request.reviewed_at = timezone.now()
        change_request.save()
        _notify_author(change_request, "atlas/mail/change_rejected")
    return change_request


# ---- Saved searches ----------------------------------------------------------------------------

def save_search(user, name, query):
    """Save (or replace, under the same name) the query string of an Atlas search."""
    from .models import SavedSearch

    name = (name or "").strip()
    if not name:
        raise ValidationError("Donnez un nom à cette recherche.")
    with transaction.atomic():
        saved, _ = SavedSearch.objects.update_or_create(user=user, name=name[:120], defaults={"query": query})
    return saved


# ---- Bourse-projets ----------------------------------------------------------------------------

def express_interest(user, bourse_request, message=""):
    """Record the interest of the user's collectivity for a request and tell CUF staff."""
    collectivity = _collectivity_or_denied(user)
    with transaction.atomic():
        bourse_request = BourseRequest.objects.select_for_update().get(pk=bourse_request.pk)
        if bourse_request.status != BourseRequest.Status.OPEN:
            raise ValidationError("Cette demande a déjà trouvé un partenaire.")
        if BourseInterest.objects.filter(request=bourse_request, collectivity=collectivity).exists():
            raise ValidationError("Votre collectivité a déjà manifesté son intérêt pour cette demande.")
        try:
            with transaction.atomic():
                interest = BourseInterest.objects.create(request=bourse_request, collectivity=collectivity,
                                                         user=user, message=(message or "").strip())
        except IntegrityError as exc:
            raise ValidationError("Votre collectivité a déjà manifesté son intérêt pour cette demande.") from exc
        notify_staff("atlas/mail/bourse_interest", {
            "interest": interest, "request": bourse_request, "collectivity": collectivity, "user": user,
            "request_path": bourse_request_path(bourse_request),
        })
    return interest


def bourse_request_path(bourse_request):
    return reverse("atlas:bourse_request", args=[bourse_request.slug])
