"""State changes of the solidarity funds and of the e-APD, each in one transaction.

Fund money: `pledge` records a council's promise, `record_receipt` writes the money in the
ledger, `allocate` grants money to a project. Every write that changes what a fund holds
locks the Fund row first (select_for_update), so two staff members allocating at the same
time are serialised and allocations can never exceed what was received.
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from atlas.models import Participation
from cuf_portal.mail import send_templated_mail

from .models import (
    MAX_AMOUNT,
    Allocation,
    Campaign,
    Contribution,
    Declaration,
    DeclarationLine,
    EligibleCountry,
    Fund,
    LedgerEntry,
    StateChange,
)


class FundError(ValidationError):
    """A refused fund operation (message in French, shown to the user)."""


class DeclarationError(ValidationError):
    """A refused e-APD operation (message in French, shown to the user)."""


def _check_amount(amount, error=FundError):
    try:
        amount = Decimal(amount)
    except Exception as exc:
        raise error("Le montant n'est pas un nombre.") from exc
    if not amount.is_finite() or amount <= 0:
        raise error("Le montant doit être strictement positif.")
    if amount > MAX_AMOUNT:
        raise error("Le montant doit être inférieur à un milliard d'euros.")
    if amount != amount.quantize(Decimal("0.01")):
        raise error("Le montant ne peut pas avoir plus de deux décimales.")
    return amount


def ledger_sums(fund_id):
    """(received, allocated) of a fund, summed from its ledger."""
    sums = dict(LedgerEntry.objects.filter(fund_id=fund_id).values("kind").order_by()
                .annotate(total=Sum("amount")).values_list("kind", "total"))
    return (sums.get(LedgerEntry.Kind.RECEIPT) or Decimal(0), sums.get(LedgerEntry.Kind.ALLOCATION) or Decimal(0))


def lock_fund(fund_id):
    """Lock the fund's row until the end of the transaction: allocations are checked one at a time."""
    return Fund.objects.select_for_update().get(pk=fund_id)



def _log(subject, from_state, to_state, user, comment=""):
    field = "declaration" if isinstance(subject, Declaration) else "contribution"
    StateChange.objects.create(**{field: subject}, from_state=from_state, to_state=to_state,
                               by=user if getattr(user, "is_authenticated", False) else None, comment=comment)


# ---- Solidarity funds ----------------------------------------------------------------------

@transaction.atomic
def pledge(fund, collectivity, amount, decision_reference, decision_file=None, show_amount=False, user=None,
           pledged_on=None, is_demo=False):
    """A collectivity promises `amount`, voted by its council (reference and file of the decision)."""
    fund = lock_fund(fund.pk)
    if fund.status != Fund.Status.OPEN:
        raise FundError("Ce fonds est clos : il ne reçoit plus de contributions.")
    amount = _check_amount(amount)
    if not (decision_reference or "").strip():
        raise FundError("Indiquez la référence de la délibération de votre assemblée.")
    contribution = Contribution(fund=fund, collectivity=collectivity, amount=amount,
                                pledged_on=pledged_on or timezone.localdate(),
                                decision_reference=decision_reference.strip(), show_amount=show_amount,
                                pledged_by=user if getattr(user, "is_authenticated", False) else None,
                                is_demo=is_demo)
    if decision_file:
        contribution.decision_file = decision_file
    contribution.save()
    _log(contribution, "", Contribution.State.PLEDGED, user)
    return contribution


@transaction.atomic
def record_receipt(contribution, received_on=None, user=None):
    """The pledged money arrived: write the receipt in the ledger and mark the contribution received."""
    lock_fund(contribution.fund_id)
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if contribution.state != Contribution.State.PLEDGED:
        raise FundError(f"Cette contribution est déjà « {contribution.get_state_display().lower()} » : "
                        "le versement ne peut pas être enregistré deux fois.")
    received_on = received_on or timezone.localdate()
    if received_on < contribution.pledged_on:
        raise FundError("La date de réception ne peut pas précéder la date de la promesse.")
    contribution.state = Contribution.State.RECEIVED
    contribution.received_on = received_on
    contribution.save(update_fields=["state", "received_on"])
    LedgerEntry.objects.create(fund_id=contribution.fund_id, kind=LedgerEntry.Kind.RECEIPT, date=received_on,
                               amount=contribution.amount, contribution=contribution,
                               recorded_by=user if getattr(user, "is_authenticated", False) else None)
    _log(contribution, Contribution.State.PLEDGED, Contribution.State.RECEIVED, user)
    return contribution


@transaction.atomic
def cancel_pledge(contribution, user=None, comment=""):
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if contribution.state != Contribution.State.PLEDGED:
        raise FundError("Seule une promesse non encore versée peut être annulée.")
    contribution.state = Contribution.State.CANCELLED
    contribution.save(update_fields=["state"])
    _log(contribution, Contribution.State.PLEDGED, Contribution.State.CANCELLED, user, comment)
    return contribution


@transaction.atomic
def allocate(fund, amount, title, partner_organisation, place, decided_on=None, user=None, **fields):
    """Grant `amount` of the fund to a project; refused when it would exceed the money received."""
    fund = lock_fund(fund.pk)
    amount = _check_amount(amount)
    received, allocated = ledger_sums(fund.pk)
    available = received - allocated
    if amount > available:
        from cuf_portal.templatetags.portal import euros

        raise FundError(
            f"Allocation refusée : {euros(amount)} dépasse les fonds disponibles du « {fund.name} » "
            f"({euros(available)} reçus et non encore alloués). Une allocation ne peut pas dépasser "
            "l'argent effectivement reçu.")
    allocation = Allocation(fund=fund, amount=amount, title=title, partner_organisation=partner_organisation,
                            place=place, decided_on=decided_on or timezone.localdate(), **fields)
    allocation.full_clean()
    allocation.save()
    LedgerEntry.objects.create(fund=fund, kind=LedgerEntry.Kind.ALLOCATION, date=allocation.decided_on,
                               amount=amount, allocation=allocation,
                               recorded_by=user if getattr(user, "is_authenticated", False) else None)
    return allocation


# ---- e-APD ---------------------------------------------------------------------------------

def open_campaign(today=None):
    """The campaign open today, or None."""
    today = today or timezone.localdate()
    return Campaign.objects.filter(opens_on__lte=today, closes_on__gte=today).order_by("-year").first()


@transaction.atomic
def create_campaign(year, opens_on=None, closes_on=None, note=""):
    default_open, default_close = Campaign.default_window(year)
    campaign, _ = Campaign.objects.update_or_create(
        year=year, defaults={"opens_on": opens_on or default_open, "closes_on": closes_on or default_close,
                             "note": note})
    return campaign


def _require_open(campaign, today=None):
    today = today or timezone.localdate()
    if not campaign.is_open_on(today):
        raise DeclarationError(
            f"La campagne de déclaration de l'APD {campaign.year} est fermée "
            f"(ouverte du {campaign.opens_on:%d/%m/%Y} au {campaign.closes_on:%d/%m/%Y}) : "
            "la déclaration ne peut plus être modifiée en ligne. Contactez Cités Unies France.")


def _require_editable(declaration, today=None):
    if not declaration.is_editable:
        raise DeclarationError("Cette déclaration a été soumise : elle n'est plus modifiable.")
    # A declaration returned for correction can be corrected after the campaign closed.
    if declaration.state == Declaration.State.DRAFT:
        _require_open(declaration.campaign, today)


@transaction.atomic
def start_declaration(collectivity, campaign, user=None, today=None):
    """The collectivity's declaration for the campaign, created as a draft if needed."""
    existing = Declaration.objects.filter(collectivity=collectivity, campaign=campaign).first()
    if existing:
        return existing
    if not collectivity.is_french:
        raise DeclarationError("Seules les collectivités françaises déclarent leur APD.")
    _require_open(campaign, today)
    declaration, created = Declaration.objects.get_or_create(collectivity=collectivity, campaign=campaign)
    if created:
        _log(declaration, "", Declaration.State.DRAFT, user)
    return declaration


def _lock_declaration(declaration):
    return Declaration.objects.select_for_update().select_related("campaign").get(pk=declaration.pk)


def _check_line(declaration, country, amount, project=None):
    if not EligibleCountry.objects.filter(country=country).exists():
        raise DeclarationError(f"« {country} » ne figure pas sur la liste des pays bénéficiaires de l'APD (CAD).")
    if project is not None and not (project.is_published and Participation.objects.filter(
            project=project, collectivity_id=declaration.collectivity_id).exists()):
        raise DeclarationError(f"La fiche « {project} » n'est pas une fiche publiée de l'Atlas à laquelle votre "
                               "collectivité participe : choisissez une de vos fiches, ou laissez le champ vide.")
    return _check_amount(amount, DeclarationError)


@transaction.atomic
def add_line(declaration, *, country, category, sector, amount, label, partner=None, project=None, today=None):
    declaration = _lock_declaration(declaration)
    _require_editable(declaration, today)
    amount = _check_line(declaration, country, amount, project)
    return DeclarationLine.objects.create(declaration=declaration, country=country, category=category,
                                          sector=sector, amount=amount, label=label, partner=partner,
                                          project=project)


@transaction.atomic
def update_line(line, today=None, **fields):
    declaration = _lock_declaration(line.declaration)
    _require_editable(declaration, today)
    line = DeclarationLine.objects.get(pk=line.pk, declaration=declaration)
    for name, value in fields.items():
        setattr(line, name, value)
    line.amount = _check_line(declaration, line.country, line.amount, line.project)
    line.save()
    return line


@transaction.atomic
def delete_line(line, today=None):
    declaration = _lock_declaration(line.declaration)
    _require_editable(declaration, today)
    DeclarationLine.objects.filter(pk=line.pk, declaration=declaration).delete()


@transaction.atomic
def submit_declaration(declaration, user, declarant_name, declarant_function, attested, today=None):
    """The collectivity certifies its declaration: it becomes read-only until CUF returns it."""
    declaration = _lock_declaration(declaration)
    _require_editable(declaration, today)
    if not attested:
        raise DeclarationError("Cochez l'attestation sur l'honneur pour soumettre la déclaration.")
    if not (declarant_name or "").strip() or not (declarant_function or "").strip():
        raise DeclarationError("Indiquez le nom et la fonction de la personne qui déclare.")
    if not declaration.lines.exists():
        raise DeclarationError("Ajoutez au moins une ligne avant de soumettre la déclaration.")
    previous = declaration.state
    declaration.state = Declaration.State.SUBMITTED
    declaration.declarant_name = declarant_name.strip()
    declaration.declarant_function = declarant_function.strip()
    declaration.attested = True
    declaration.submitted_at = timezone.now()
    declaration.save()
    _log(declaration, previous, declaration.state, user)
    return declaration


def _require_staff(user):
    if not getattr(user, "is_staff", False):
        raise PermissionDenied("Seule l'équipe de CUF valide les déclarations.")


def _mail_declarant(declaration, template):
    recipients = [m.user.email for m in declaration.collectivity.members.select_related("user")
                  if m.user.is_active and m.user.email]
    if recipients:
        send_templated_mail(recipients, template, {"declaration": declaration})


@transaction.atomic
def validate_declaration(declaration, user, comment=""):
    _require_staff(user)
    declaration = _lock_declaration(declaration)
    if declaration.state != Declaration.State.SUBMITTED:
        raise DeclarationError("Seule une déclaration soumise peut être validée.")
    declaration.state = Declaration.State.VALIDATED
    declaration.validated_at = timezone.now()
    if comment:
        declaration.staff_comment = comment
    declaration.save()
    _log(declaration, Declaration.State.SUBMITTED, declaration.state, user, comment)
    _mail_declarant(declaration, "fonds/mail/declaration_validated")
    return declaration


@transaction.atomic
def return_declaration(declaration, user, comment):
    _require_staff(user)
    if not (comment or "").strip():
        raise DeclarationError("Expliquez dans un commentaire ce que la collectivité doit corriger.")
    declaration = _lock_declaration(declaration)
    if declaration.state != Declaration.State.SUBMITTED:
        raise DeclarationError("Seule une déclaration soumise peut être renvoyée pour correction.")
    declaration.state = Declaration.State.RETURNED
    declaration.returned_at = timezone.now()
    declaration.staff_comment = comment.strip()
    declaration.attested = False
    declaration.save()
    _log(declaration, Declaration.State.SUBMITTED, declaration.state, user, comment.strip())
    _mail_declarant(declaration, "fonds/mail/declaration_returned")
    return declaration
