"""Solidarity funds (contributions, ledger, funded projects) and the e-APD declaration.

Totals are never stored: every amount received or allocated is a LedgerEntry written by
fonds.services, and pages sum the ledger. Workflows (pledge, receipt, allocation,
submission, validation) live in fonds.services; models only hold their own invariants.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from cuf_portal.uploads import PrivateFileField, validate_scan_upload, validate_upload

MAX_AMOUNT = Decimal("999999999.99")  # strictly less than one billion euros
MONEY = {"max_digits": 12, "decimal_places": 2}


def positive_amount_validators():
    return [MinValueValidator(Decimal("0.01"), "Le montant doit être strictement positif."),
            MaxValueValidator(MAX_AMOUNT, "Le montant doit être inférieur à un milliard d'euros.")]


# ---- Solidarity funds ----------------------------------------------------------------------

# Paths of the fonds app that a fund's slug would hide (/fonds/<slug>/).
RESERVED_SLUGS = ["registre", "registre-csv", "mes-contributions", "e-apd", "comites"]


class Fund(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Ouvert aux contributions"
        CLOSED = "closed", "Clos"

    name = models.CharField("nom", max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    crisis = models.CharField("crise", max_length=300, help_text="Par exemple : séisme du 8 septembre 2023.")
    country = models.ForeignKey("atlas.Country", on_delete=models.PROTECT, related_name="solidarity_funds",
                                verbose_name="pays touché")
    event_date = models.DateField("date de l'événement", null=True, blank=True)
    opened_on = models.DateField("ouvert le")
    closed_on = models.DateField("clos le", null=True, blank=True)
    status = models.CharField("statut", max_length=10, choices=Status.choices, default=Status.OPEN)
    summary = models.CharField("résumé", max_length=400)
    description = models.TextField("histoire du fonds")
    target = models.DecimalField("objectif de collecte", null=True, blank=True,
                                 validators=positive_amount_validators(), **MONEY)
    co_organisers = models.CharField("co-organisateurs", max_length=300, blank=True)
    committee_chair = models.CharField("président(e) du comité des donateurs", max_length=300, blank=True)
    is_demo = models.BooleanField("donnée de démonstration", default=False,
                                  help_text="Objectif et montants inventés pour la démonstration.")

    class Meta:
        verbose_name = "fonds de solidarité"
        verbose_name_plural = "fonds de solidarité"
        ordering = ["-status", "-opened_on"]  # "open" > "closed": open funds first
        constraints = [
            models.CheckConstraint(condition=Q(target__isnull=True) | Q(target__gt=0), name="fund_target_positive"),
            models.CheckConstraint(condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("opened_on")),
                                   name="fund_dates_ordered"),
            models.CheckConstraint(condition=~Q(slug__in=RESERVED_SLUGS), name="fund_slug_not_reserved",
                                   violation_error_message="Cet identifiant est réservé à une page du portail."),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("fonds:fund", args=[self.slug])


class Contribution(models.Model):
    """A collectivity's contribution, pledged by a decision of its council, then received."""

    class State(models.TextChoices):
        PLEDGED = "pledged", "Promesse (délibération votée)"
        RECEIVED = "received", "Versement reçu"
        CANCELLED = "cancelled", "Annulée"

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="contributions", verbose_name="fonds")
    collectivity = models.ForeignKey("atlas.Collectivity", on_delete=models.PROTECT,
                                     related_name="fund_contributions", verbose_name="collectivité")
    amount = models.DecimalField("montant", validators=positive_amount_validators(), **MONEY)
    pledged_on = models.DateField("date de la promesse")
    decision_reference = models.CharField("référence de la délibération", max_length=200)
    decision_file = PrivateFileField("délibération (PDF, JPG ou PNG)", upload_to="fonds/deliberations/%Y/",
                                     blank=True, validators=[validate_scan_upload])
    state = models.CharField("état", max_length=10, choices=State.choices, default=State.PLEDGED)
    received_on = models.DateField("date de réception", null=True, blank=True)
    show_amount = models.BooleanField("montant publiable", default=False,
                                      help_text="La collectivité accepte que son montant soit publié.")
    pledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name="saisie par")
    is_demo = models.BooleanField("donnée de démonstration", default=False)
    created = models.DateTimeField("créée le", auto_now_add=True)

    class Meta:
        verbose_name = "contribution"
        ordering = ["-pledged_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0) & Q(amount__lt=Decimal("1000000000")),
                                   name="contribution_amount_range"),
            models.CheckConstraint(condition=Q(state="received", received_on__isnull=False)
                                   | (~Q(state="received") & Q(received_on__isnull=True)),
                                   name="contribution_received_on_iff_received"),
        ]
        indexes = [models.Index(fields=["fund", "state"])]

    def __str__(self):
        return f"{self.collectivity} → {self.fund}"


class Allocation(models.Model):
    """Money of a fund granted to a project the donors' committee chose."""

    class Status(models.TextChoices):
        PLANNED = "planned", "Décidé"
        ONGOING = "ongoing", "En cours"
        COMPLETED = "completed", "Achevé"

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="allocations", verbose_name="fonds")
    title = models.CharField("projet financé", max_length=300)
    partner_organisation = models.CharField("organisation partenaire", max_length=300)
    place = models.CharField("lieu", max_length=200)
    latitude = models.FloatField("latitude", null=True, blank=True,
                                 validators=[MinValueValidator(-90), MaxValueValidator(90)])
    longitude = models.FloatField("longitude", null=True, blank=True,
                                  validators=[MinValueValidator(-180), MaxValueValidator(180)])
    description = models.TextField("description", blank=True)
    amount = models.DecimalField("montant alloué", validators=positive_amount_validators(), **MONEY)
    decided_on = models.DateField("décidé le")
    status = models.CharField("statut", max_length=10, choices=Status.choices, default=Status.PLANNED)
    progress = models.PositiveSmallIntegerField("avancement (%)", default=0, validators=[MaxValueValidator(100)])
    is_demo = models.BooleanField("donnée de démonstration", default=False)

    class Meta:
        verbose_name = "projet financé"
        verbose_name_plural = "projets financés"
        ordering = ["-decided_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0) & Q(amount__lt=Decimal("1000000000")),
                                   name="allocation_amount_range"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="allocation_progress_percent"),
        ]

    def __str__(self):
        return self.title


class LedgerEntry(models.Model):
    """One line of a fund's public ledger: money in (receipt) or money granted (allocation).

    Written only by fonds.services.record_receipt and fonds.services.allocate; every total
    received or allocated is a sum of these rows.
    """

    class Kind(models.TextChoices):
        RECEIPT = "receipt", "Versement reçu"
        ALLOCATION = "allocation", "Allocation à un projet"

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="ledger", verbose_name="fonds")
    kind = models.CharField("nature", max_length=10, choices=Kind.choices)
    date = models.DateField("date")
    amount = models.DecimalField("montant", **MONEY)
    contribution = models.OneToOneField(Contribution, on_delete=models.PROTECT, null=True, blank=True,
                                        related_name="ledger_entry", verbose_name="contribution")
    allocation = models.OneToOneField(Allocation, on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="ledger_entry", verbose_name="projet financé")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name="enregistré par")
    recorded_at = models.DateTimeField("enregistré le", auto_now_add=True)

    class Meta:
        verbose_name = "écriture du registre"
        verbose_name_plural = "registre des fonds"
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="ledger_amount_positive"),
            models.CheckConstraint(
                condition=(Q(kind="receipt", contribution__isnull=False, allocation__isnull=True)
                           | Q(kind="allocation", allocation__isnull=False, contribution__isnull=True)),
                name="ledger_entry_source_matches_kind"),
        ]
        indexes = [models.Index(fields=["fund", "kind"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.amount} € ({self.fund})"


class CommitteeMeeting(models.Model):
    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="meetings", verbose_name="fonds")
    title = models.CharField("titre", max_length=300)
    starts_at = models.DateTimeField("date et heure")
    is_online = models.BooleanField("en visioconférence", default=False)
    place = models.CharField("lieu", max_length=200, blank=True)
    chair = models.CharField("présidence", max_length=300, blank=True)
    summary = models.TextField("ordre du jour ou compte rendu", blank=True)
    minutes = PrivateFileField("procès-verbal", upload_to="fonds/comites/%Y/", blank=True,
                               validators=[validate_upload])

    class Meta:
        verbose_name = "réunion du comité des donateurs"
        verbose_name_plural = "réunions du comité des donateurs"
        ordering = ["-starts_at"]

    def __str__(self):
        return self.title


class ProgressUpdate(models.Model):
    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="updates", verbose_name="fonds")
    allocation = models.ForeignKey(Allocation, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="updates", verbose_name="projet financé")
    published_on = models.DateField("publié le")
    title = models.CharField("titre", max_length=300)
    body = models.TextField("texte")

    class Meta:
        verbose_name = "point d'étape"
        verbose_name_plural = "points d'étape"
        ordering = ["-published_on", "-id"]

    def __str__(self):
        return self.title


# ---- e-APD ---------------------------------------------------------------------------------

class EligibleCountry(models.Model):
    """A country on the OECD DAC list of ODA recipients (fixtures/fonds/dac_oda_recipients.csv)."""

    country = models.OneToOneField("atlas.Country", on_delete=models.CASCADE, related_name="oda_eligibility",
                                   verbose_name="pays")
    income_group = models.CharField("catégorie CAD", max_length=80)

    class Meta:
        verbose_name = "pays éligible à l'APD"
        verbose_name_plural = "pays éligibles à l'APD (liste du CAD)"
        ordering = ["country__name"]

    def __str__(self):
        return str(self.country)


class DacSector(models.Model):
    """A DAC/CRS 5-digit purpose code (fixtures/fonds/dac_sectors.csv)."""

    code = models.CharField("code CAD", max_length=5, primary_key=True)
    label = models.CharField("libellé", max_length=200)
    group = models.CharField("grand secteur", max_length=200)

    class Meta:
        verbose_name = "secteur CAD"
        verbose_name_plural = "secteurs CAD"
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} — {self.label}"


class Campaign(models.Model):
    """The yearly declaration window for the aid paid in `year`, set per campaign by CUF staff.

    By default May–June of year + 1: the State's brochure (seed 003) says the data "doivent être saisies
    en ligne dans la télédéclaration entre mai et juin de chaque année".
    """

    year = models.PositiveSmallIntegerField("année déclarée", unique=True,
                                            validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    opens_on = models.DateField("ouverture")
    closes_on = models.DateField("clôture")
    note = models.CharField("remarque", max_length=300, blank=True)

    class Meta:
        verbose_name = "campagne e-APD"
        verbose_name_plural = "campagnes e-APD"
        ordering = ["-year"]
        constraints = [models.CheckConstraint(condition=Q(closes_on__gte=F("opens_on")),
                                              name="campaign_dates_ordered")]

    def __str__(self):
        return f"Campagne {self.year + 1} (APD {self.year})"

    @staticmethod
    def default_window(year):
        """The regular window for declaring `year`: 1 May–30 June of the following year ("entre mai et juin")."""
        return datetime.date(year + 1, 5, 1), datetime.date(year + 1, 6, 30)

    def is_open_on(self, day):
        return self.opens_on <= day <= self.closes_on


class Declaration(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", "Brouillon"
        SUBMITTED = "submitted", "Soumise"
        VALIDATED = "validated", "Validée"
        RETURNED = "returned", "Renvoyée pour correction"

    EDITABLE_STATES = {State.DRAFT, State.RETURNED}

    collectivity = models.ForeignKey("atlas.Collectivity", on_delete=models.PROTECT, related_name="apd_declarations",
                                     verbose_name="collectivité déclarante")
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, to_field="year", db_column="year",
                                 related_name="declarations", verbose_name="année déclarée")
    state = models.CharField("état", max_length=10, choices=State.choices, default=State.DRAFT)
    declarant_name = models.CharField("nom du déclarant", max_length=200, blank=True)
    declarant_function = models.CharField("fonction du déclarant", max_length=200, blank=True)
    attested = models.BooleanField("attestation sur l'honneur", default=False)
    staff_comment = models.TextField("commentaire de CUF", blank=True)
    created = models.DateTimeField("créée le", auto_now_add=True)
    updated = models.DateTimeField("modifiée le", auto_now=True)
    submitted_at = models.DateTimeField("soumise le", null=True, blank=True)
    validated_at = models.DateTimeField("validée le", null=True, blank=True)
    returned_at = models.DateTimeField("renvoyée le", null=True, blank=True)
    is_demo = models.BooleanField("donnée de démonstration", default=False)

    class Meta:
        verbose_name = "déclaration e-APD"
        verbose_name_plural = "déclarations e-APD"
        ordering = ["-campaign", "collectivity__name"]
        constraints = [
            models.UniqueConstraint(fields=["collectivity", "campaign"], name="one_declaration_per_year"),
            models.CheckConstraint(condition=Q(state="draft") | Q(state="returned") | Q(attested=True),
                                   name="declaration_submitted_attested"),
        ]
        indexes = [models.Index(fields=["state", "campaign"])]

    def __str__(self):
        return f"APD {self.year} — {self.collectivity}"

    def get_absolute_url(self):
        return reverse("fonds:declaration", args=[self.pk])

    @property
    def year(self):
        return self.campaign_id

    @property
    def is_editable(self):
        return self.state in self.EDITABLE_STATES


class DeclarationLine(models.Model):
    class Category(models.TextChoices):
        COOPERATION = "cooperation", "Projet de coopération décentralisée ou jumelage"
        WATER = "eau", "1 % eau et assainissement"
        WASTE = "dechets", "1 % déchets"
        ENERGY = "energie", "1 % énergie"
        NGO = "ong", "Subvention à une ONG ou association"
        EDUCATION = "sensibilisation", "Éducation à la citoyenneté et sensibilisation"
        EMERGENCY = "urgence", "Aide d'urgence ou humanitaire"
        REFUGEES = "refugies", "Accueil de réfugiés"
        SCHOLARSHIPS = "bourses", "Bourses d'étudiants étrangers"
        ADMIN = "frais", "Frais administratifs"
        MULTILATERAL = "multilateral", "Contribution à une organisation multilatérale"

    declaration = models.ForeignKey(Declaration, on_delete=models.CASCADE, related_name="lines",
                                    verbose_name="déclaration")
    country = models.ForeignKey("atlas.Country", on_delete=models.PROTECT, related_name="apd_lines",
                                verbose_name="pays bénéficiaire")
    # PROTECT: deleting a collectivity or a fiche that a declared line names would change the declaration.
    partner = models.ForeignKey("atlas.Collectivity", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="apd_lines_as_partner", verbose_name="collectivité partenaire")
    project = models.ForeignKey("atlas.Project", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="apd_lines", verbose_name="fiche-projet de l'Atlas")
    category = models.CharField("catégorie", max_length=20, choices=Category.choices)
    sector = models.ForeignKey(DacSector, on_delete=models.PROTECT, related_name="lines", verbose_name="secteur CAD")
    amount = models.DecimalField("montant versé", validators=positive_amount_validators(), **MONEY)
    label = models.CharField("intitulé de l'action", max_length=300)

    class Meta:
        verbose_name = "ligne de déclaration"
        verbose_name_plural = "lignes de déclaration"
        ordering = ["id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0) & Q(amount__lt=Decimal("1000000000")),
                                              name="declaration_line_amount_range")]

    def __str__(self):
        return f"{self.label} ({self.country})"


class StateChange(models.Model):
    """Who moved a declaration or a contribution from one state to another, and when."""

    declaration = models.ForeignKey(Declaration, on_delete=models.CASCADE, null=True, blank=True,
                                    related_name="state_changes", verbose_name="déclaration")
    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, null=True, blank=True,
                                     related_name="state_changes", verbose_name="contribution")
    from_state = models.CharField("état précédent", max_length=10, blank=True)
    to_state = models.CharField("nouvel état", max_length=10)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                           related_name="+", verbose_name="par")
    at = models.DateTimeField("le", auto_now_add=True)
    comment = models.TextField("commentaire", blank=True)

    class Meta:
        verbose_name = "changement d'état"
        verbose_name_plural = "historique des changements d'état"
        ordering = ["at", "id"]
        constraints = [models.CheckConstraint(
            condition=Q(declaration__isnull=False, contribution__isnull=True)
            | Q(declaration__isnull=True, contribution__isnull=False),
            name="state_change_has_one_subject")]

    def __str__(self):
        return f"{self.from_state or '∅'} → {self.to_state}"

    def _labels(self):
        choices = dict(Declaration.State.choices if self.declaration_id else Contribution.State.choices)
        return choices.get(self.from_state, "—"), choices.get(self.to_state, self.to_state)

    @property
    def from_label(self):
        return self._labels()[0]

    @property
    def to_label(self):
        return self._labels()[1]


class ReferenceFigure(models.Model):
    """An official published APD aggregate (e.g. the State's brochure): not a sum of our rows."""

    class Scope(models.TextChoices):
        ALL = "all", "Toutes destinations"
        CONTINENT = "continent", "Un continent"

    scope = models.CharField("portée", max_length=10, choices=Scope.choices)
    continent = models.ForeignKey("atlas.Continent", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="apd_reference_figures", verbose_name="continent")
    year = models.PositiveSmallIntegerField("année (ou dernière année de la période)")
    period = models.CharField("période", max_length=20, help_text="Par exemple « 2009-2010 » ; vide = l'année.",
                              blank=True)
    amount = models.DecimalField("montant publié", **MONEY)
    is_approximate = models.BooleanField("ordre de grandeur", default=False)
    note = models.CharField("précision", max_length=300, blank=True)
    source = models.CharField("source", max_length=300)

    class Meta:
        verbose_name = "chiffre publié"
        verbose_name_plural = "chiffres publiés (référence)"
        ordering = ["scope", "continent", "year"]
        constraints = [
            models.CheckConstraint(condition=Q(scope="all", continent__isnull=True)
                                   | Q(scope="continent", continent__isnull=False), name="reference_scope"),
            models.UniqueConstraint(fields=["scope", "continent", "year", "period"], name="reference_unique",
                                    nulls_distinct=False),
        ]

    def __str__(self):
        return f"{self.continent or 'Total'} {self.period_label} : {self.amount} €"

    @property
    def period_label(self):
        return self.period or str(self.year)
