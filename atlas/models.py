"""The registry every app links to: geography and collectivities, French and foreign."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext


class Continent(models.Model):
    code = models.CharField("code", max_length=2, unique=True)
    name = models.CharField("nom", max_length=60)
    slug = models.SlugField(unique=True)

    class Meta:
        verbose_name = "continent"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("atlas:continent", args=[self.slug])


class Country(models.Model):
    iso2 = models.CharField("code ISO 3166-1 alpha-2", max_length=2, unique=True)
    iso3 = models.CharField("code ISO alpha-3", max_length=3, unique=True)
    numeric = models.CharField("code ISO numérique", max_length=3, blank=True)
    name = models.CharField("nom", max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    continent = models.ForeignKey(Continent, on_delete=models.PROTECT, related_name="countries",
                                  verbose_name="continent")
    latitude = models.FloatField("latitude du centre", null=True, blank=True)
    longitude = models.FloatField("longitude du centre", null=True, blank=True)

    class Meta:
        verbose_name = "pays"
        verbose_name_plural = "pays"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("atlas:country", args=[self.slug])


class Region(models.Model):
    """A French région (code officiel géographique of INSEE)."""

    code = models.CharField("code INSEE", max_length=3, unique=True)
    name = models.CharField("nom", max_length=100)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        verbose_name = "région française"
        verbose_name_plural = "régions françaises"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("atlas:region", args=[self.slug])


class Department(models.Model):
    """A French département (code officiel géographique of INSEE)."""

    code = models.CharField("code INSEE", max_length=3, unique=True)
    name = models.CharField("nom", max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="departments",
                               verbose_name="région")

    class Meta:
        verbose_name = "département"
        ordering = ["code"]

    def __str__(self):
        return f"{self.name} ({self.code})"

    def get_absolute_url(self):
        return reverse("atlas:department", args=[self.slug])


class Collectivity(models.Model):
    """A local authority, French or foreign, in one registry."""

    class Kind(models.TextChoices):
        REGION = "region", "Région"
        DEPARTEMENT = "departement", "Département"
        COMMUNE = "commune", "Commune"
        EPCI = "epci", "Intercommunalité (EPCI)"
        EPT = "ept", "Établissement public territorial (Grand Paris)"
        SYNDICAT = "syndicat", "Syndicat mixte"
        COLLECTIVITE_UNIQUE = "collectivite_unique", "Collectivité à statut particulier"
        PROVINCE = "province", "Province"
        ETAT = "etat", "État fédéré"
        REGION_ETRANGERE = "region_etrangere", "Région (étranger)"
        MUNICIPALITE = "municipalite", "Municipalité"
        AUTRE = "autre", "Autre collectivité"

    FRENCH_KINDS = {Kind.REGION, Kind.DEPARTEMENT, Kind.COMMUNE, Kind.EPCI, Kind.EPT, Kind.SYNDICAT,
                    Kind.COLLECTIVITE_UNIQUE}

    name = models.CharField("nom", max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    kind = models.CharField("type", max_length=30, choices=Kind.choices)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="collectivities",
                                verbose_name="pays")
    is_french = models.BooleanField("collectivité française", default=False, db_index=True,
                                    editable=False)
    code = models.CharField("code officiel géographique (INSEE)", max_length=14, blank=True)
    siren = models.CharField("numéro SIREN", max_length=9, blank=True,
                             validators=[RegexValidator(r"^\d{9}$", "Le numéro SIREN compte neuf chiffres.")])
    population = models.PositiveIntegerField("population municipale (INSEE)", null=True, blank=True)
    epci = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="communes",
                             verbose_name="intercommunalité (EPCI à fiscalité propre)",
                             limit_choices_to={"kind__in": ["epci", "collectivite_unique"]})
    is_registry = models.BooleanField(
        "issue du registre officiel", default=False, editable=False,
        help_text="Collectivité du Code officiel géographique (Etalab, @etalab/decoupage-administratif).")
    search_name = models.CharField("nom de recherche", max_length=260, blank=True, editable=False,
                                   help_text="Nom et codes en minuscules sans accents (recherche des sélecteurs).")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="collectivities", verbose_name="région")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="collectivities", verbose_name="département")
    latitude = models.FloatField("latitude", null=True, blank=True)
    longitude = models.FloatField("longitude", null=True, blank=True)
    position_approximate = models.BooleanField(
        "position approximative", default=False,
        help_text="Lieu introuvable dans le répertoire GeoNames : placée au lieu connu le plus proche qui l'englobe.")
    website = models.URLField("site internet", blank=True)
    is_cuf_member = models.BooleanField("adhérente de CUF", default=False)
    is_generated = models.BooleanField(
        "donnée générée", default=False, db_index=True,
        help_text="Collectivité du jeu de données généré (seed_atlas) : nom plausible, pas une fiche réelle.")

    class Meta:
        verbose_name = "collectivité"
        ordering = ["name"]
        constraints = [
            # A COG code names a commune, a département or a région: "01" is both Guadeloupe and Ain.
            models.UniqueConstraint(fields=["kind", "code"], condition=~Q(code=""),
                                    name="collectivity_kind_code_unique",
                                    violation_error_message="Une collectivité de ce type a déjà ce code officiel."),
            models.UniqueConstraint(fields=["siren"], condition=~Q(siren=""),
                                    name="collectivity_siren_unique",
                                    violation_error_message="Une collectivité a déjà ce numéro SIREN."),
            models.CheckConstraint(condition=Q(latitude__gte=-90, latitude__lte=90) | Q(latitude__isnull=True),
                                   name="collectivity_latitude_range"),
            models.CheckConstraint(
                condition=Q(longitude__gte=-180, longitude__lte=180) | Q(longitude__isnull=True),
                name="collectivity_longitude_range"),
        ]
        indexes = [models.Index(fields=["country", "kind"]),
                   # Partner-side filters (continent, country) go country -> collectivity ids: index-only.
                   models.Index(fields=["country", "id"], name="collectivity_country_id"),
                   # The pickers: any word of the name (or a code) by prefix, without pg_trgm.
                   GinIndex(SearchVector("search_name", config="simple"), name="collectivity_search_name")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        from .registry import search_name

        self.is_french = self.country.iso2 == "FR"
        self.search_name = search_name(self.name, self.code, self.siren)[:260]
        if self.department_id and not self.region_id:
            self.region_id = self.department.region_id
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("atlas:collectivity", args=[self.slug])


class CollectivityMember(models.Model):
    """Links a user account to the collectivity it works for (one collectivity per user)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="collectivity_membership", verbose_name="utilisateur")
    collectivity = models.ForeignKey(Collectivity, on_delete=models.CASCADE, related_name="members",
                                     verbose_name="collectivité")
    function = models.CharField("fonction dans la collectivité", max_length=200, blank=True)
    created = models.DateTimeField("créé le", auto_now_add=True)

    class Meta:
        verbose_name = "compte de collectivité"
        verbose_name_plural = "comptes de collectivité"

    def __str__(self):
        return f"{self.user} — {self.collectivity}"


class Theme(models.Model):
    """A theme of the controlled list (eau et assainissement, culture, santé…)."""

    name = models.CharField("nom", max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "thématique"
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class SustainableDevelopmentGoal(models.Model):
    """One of the 17 Objectifs de développement durable (ODD) of the 2030 Agenda."""

    number = models.PositiveSmallIntegerField(
        "numéro", primary_key=True, validators=[MinValueValidator(1), MaxValueValidator(17)])
    title = models.CharField("intitulé", max_length=200)

    class Meta:
        verbose_name = "objectif de développement durable"
        verbose_name_plural = "objectifs de développement durable"
        ordering = ["number"]
        constraints = [models.CheckConstraint(condition=Q(number__gte=1, number__lte=17), name="sdg_number_1_17")]

    def __str__(self):
        return f"ODD {self.number} — {self.title}"


class Project(models.Model):
    """A fiche-projet of the Atlas: one partnership action between collectivities."""

    class Kind(models.TextChoices):
        DECENTRALISED = "cooperation", "Coopération décentralisée"
        TWINNING = "jumelage", "Jumelage"
        OTHER = "autre", "Autre action extérieure"

    class Status(models.TextChoices):
        PLANNED = "prevu", "En préparation"
        ONGOING = "en_cours", "En cours"
        COMPLETED = "termine", "Terminé"
        SUSPENDED = "suspendu", "Suspendu"

    title = models.CharField("intitulé", max_length=300)
    slug = models.SlugField(max_length=320, unique=True)
    kind = models.CharField("type d'action", max_length=20, choices=Kind.choices, default=Kind.DECENTRALISED)
    status = models.CharField("statut", max_length=20, choices=Status.choices, default=Status.ONGOING)
    start_year = models.PositiveSmallIntegerField("année de début", null=True, blank=True)
    end_year = models.PositiveSmallIntegerField("année de fin", null=True, blank=True)
    convention_date = models.DateField("date de la convention", null=True, blank=True)
    themes = models.ManyToManyField(Theme, related_name="projects", blank=True, verbose_name="thématiques")
    sdgs = models.ManyToManyField(SustainableDevelopmentGoal, related_name="projects", blank=True,
                                  verbose_name="objectifs de développement durable (ODD)")
    dac_code = models.CharField(
        "code secteur CAD (OCDE)", max_length=5, blank=True,
        validators=[RegexValidator(r"^\d{5}$", "Le code CAD compte cinq chiffres (ex. 14030).")],
        help_text="Code-objet du Comité d'aide au développement, facultatif (ex. 14030 : eau potable).")
    objectives = models.TextField("objectifs", blank=True)
    description = models.TextField("description", blank=True)
    history = models.TextField("historique", blank=True)
    context = models.TextField("contexte", blank=True)
    volunteers = models.TextField("volontaires", blank=True,
                                  help_text="Volontaires (VSI, service civique, volontaires du progrès…) engagés.")
    last_update = models.DateField("date de dernière mise à jour", null=True, blank=True)
    update_source = models.CharField("source de la mise à jour", max_length=200, blank=True,
                                     help_text="Collectivité, télédéclaration, CUF…")
    is_published = models.BooleanField("publiée", default=False, db_index=True,
                                       help_text="Seules les fiches publiées sont visibles du public.")
    is_generated = models.BooleanField("donnée générée", default=False, db_index=True,
                                       help_text="Fiche du jeu de données généré (seed_atlas).")
    search_document = SearchVectorField("document de recherche", null=True, editable=False)
    created_at = models.DateTimeField("créée le", default=timezone.now, editable=False)
    updated_at = models.DateTimeField("modifiée le", auto_now=True, db_index=True)
    collectivities = models.ManyToManyField(Collectivity, through="Participation", related_name="projects",
                                            verbose_name="collectivités")

    class Meta:
        verbose_name = "fiche-projet"
        verbose_name_plural = "fiches-projets"
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(condition=Q(end_year__isnull=True) | Q(start_year__isnull=True)
                                   | Q(end_year__gte=models.F("start_year")), name="project_years_ordered"),
        ]
        indexes = [
            GinIndex(fields=["search_document"], name="project_search_gin"),
            models.Index(fields=["is_published", "title"], name="project_published_title"),
            models.Index(fields=["start_year", "end_year"], name="project_years"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Own fields may have changed: rebuild the search document (relations are refreshed by
        # the admin and the services after they save them).
        from .search import refresh_search_documents

        refresh_search_documents([self.pk])

    def get_absolute_url(self):
        return reverse("atlas:project", args=[self.slug])

    def clean(self):
        """The years in order, said in French on the end year: the database check project_years_ordered
        backs it, but its name is no message for an admin import row or a proposal form (validation of
        the constraint is skipped once the field has an error)."""
        super().clean()
        if self.start_year is not None and self.end_year is not None and self.end_year < self.start_year:
            raise ValidationError({"end_year": gettext(
                "L'année de fin (%(end)s) précède l'année de début (%(start)s) : corrigez l'une des deux.")
                % {"end": self.end_year, "start": self.start_year}})

    def active_in(self, year):
        return (self.start_year is None or self.start_year <= year) and (self.end_year is None or self.end_year >= year)


class Participation(models.Model):
    """A collectivity taking part in a project: French ones (one of them leads) and partners abroad."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="participations",
                                verbose_name="fiche-projet")
    collectivity = models.ForeignKey(Collectivity, on_delete=models.PROTECT, related_name="participations",
                                     verbose_name="collectivité")
    is_french = models.BooleanField("côté français", default=True, editable=False, db_index=True)
    is_lead = models.BooleanField("chef de file", default=False,
                                  help_text="La collectivité française qui porte le projet (une seule par fiche).")

    class Meta:
        verbose_name = "participation"
        ordering = ["-is_lead", "-is_french", "collectivity__name"]
        constraints = [
            models.UniqueConstraint(fields=["project", "collectivity"], name="participation_unique"),
            models.UniqueConstraint(
                fields=["project"], condition=Q(is_lead=True), name="participation_one_lead",
                violation_error_message="Cette fiche a déjà une collectivité chef de file (une seule par fiche)."),
            models.CheckConstraint(
                condition=Q(is_lead=False) | Q(is_french=True), name="participation_lead_is_french",
                violation_error_message="Seule une collectivité française peut être chef de file."),
        ]
        indexes = [models.Index(fields=["collectivity", "project"], name="participation_coll_project"),
                   # "A partner collectivity in …" (search filters, country and continent figures).
                   models.Index(fields=["collectivity", "project"], condition=Q(is_french=False),
                                name="participation_partner_coll")]

    def __str__(self):
        return f"{self.collectivity} — {self.project}"

    def save(self, *args, **kwargs):
        self.is_french = Collectivity.objects.filter(pk=self.collectivity_id, is_french=True).exists()
        super().save(*args, **kwargs)


class FundingLine(models.Model):
    class Source(models.TextChoices):
        OWN_FUNDS = "fonds_propres", "Fonds propres"
        MEAE = "meae", "MEAE — appel à projets"
        AFD = "afd", "Agence française de développement (AFD)"
        EU = "ue", "Union européenne"
        OTHER = "autre", "Autre"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="funding_lines",
                                verbose_name="fiche-projet")
    source = models.CharField("source", max_length=20, choices=Source.choices)
    amount = models.DecimalField("montant (€)", max_digits=14, decimal_places=2)
    year = models.PositiveSmallIntegerField("année", validators=[MinValueValidator(1950), MaxValueValidator(2100)])
    label = models.CharField("précision", max_length=200, blank=True)

    class Meta:
        verbose_name = "ligne de financement"
        verbose_name_plural = "financements"
        ordering = ["year", "source"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="funding_amount_positive"),
            models.CheckConstraint(condition=Q(year__gte=1950, year__lte=2100), name="funding_year_range"),
        ]
        indexes = [models.Index(fields=["source", "project"], name="funding_source_project")]

    def __str__(self):
        return f"{self.get_source_display()} {self.year} : {self.amount} €"


class ProjectPartner(models.Model):
    """Another partner of a project: association, university, hospital… in France or abroad."""

    class Kind(models.TextChoices):
        ASSOCIATION = "association", "Association / ONG"
        UNIVERSITY = "universite", "Université, école, recherche"
        HOSPITAL = "hopital", "Hôpital, établissement de santé"
        COMPANY = "entreprise", "Entreprise"
        PUBLIC_BODY = "etablissement_public", "Établissement public, agence"
        STATE = "etat", "Service de l'État, ambassade"
        NETWORK = "reseau", "Réseau de collectivités"
        OTHER = "autre", "Autre"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partners",
                                verbose_name="fiche-projet")
    name = models.CharField("nom", max_length=200)
    kind = models.CharField("type", max_length=30, choices=Kind.choices, default=Kind.ASSOCIATION)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="project_partners",
                                verbose_name="pays")
    city = models.CharField("ville", max_length=120, blank=True)
    role = models.CharField("rôle dans le projet", max_length=300, blank=True)

    class Meta:
        verbose_name = "autre partenaire"
        verbose_name_plural = "autres partenaires"
        ordering = ["name"]

    def __str__(self):
        return self.name


class ProjectContact(models.Model):
    """A contact person for a project (élu or cadre): shown to logged-in collectivity users only."""

    class Role(models.TextChoices):
        ELECTED = "elu", "Élu(e)"
        STAFF = "cadre", "Cadre, technicien(ne)"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="contacts",
                                verbose_name="fiche-projet")
    collectivity = models.ForeignKey(Collectivity, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="project_contacts", verbose_name="collectivité")
    role = models.CharField("qualité", max_length=10, choices=Role.choices)
    name = models.CharField("nom", max_length=200)
    function = models.CharField("fonction", max_length=200)
    email = models.EmailField("adresse e-mail", blank=True)

    class Meta:
        verbose_name = "contact"
        ordering = ["role", "name"]

    def __str__(self):
        return f"{self.name} ({self.function})"


class BourseRequest(models.Model):
    """Bourse-projets: a foreign local authority looking for a French partner, relayed by the embassy."""

    class Status(models.TextChoices):
        OPEN = "ouverte", "En recherche de partenaire"
        MATCHED = "pourvue", "Partenaire trouvé"

    authority = models.ForeignKey(Collectivity, on_delete=models.PROTECT, related_name="bourse_requests",
                                  verbose_name="autorité locale")
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="bourse_requests",
                                verbose_name="pays", editable=False)
    title = models.CharField("intitulé", max_length=300)
    slug = models.SlugField(max_length=320, unique=True)
    description = models.TextField("description")
    themes = models.ManyToManyField(Theme, related_name="bourse_requests", blank=True, verbose_name="thématiques")
    date = models.DateField("date de la demande")
    embassy_contact = models.CharField("contact à l'ambassade de France", max_length=300,
                                       help_text="Service de coopération de l'ambassade qui relaie la demande.")
    embassy_email = models.EmailField("e-mail de l'ambassade", blank=True)
    status = models.CharField("statut", max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    matched_with = models.ForeignKey(Collectivity, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="bourse_matches", verbose_name="collectivité française partenaire")
    is_demo = models.BooleanField("donnée de démonstration", default=False, db_index=True, help_text=(
        "Demande inventée pour la démonstration (ni la demande, ni "
        "sa date, ni le contact ne sont réels)."))

    class Meta:
        verbose_name = "demande de la Bourse-projets"
        verbose_name_plural = "Bourse-projets"
        ordering = ["-date", "title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.country_id = Collectivity.objects.values_list("country_id", flat=True).get(pk=self.authority_id)
        super().save(*args, **kwargs)


# Collectivity accounts and Bourse interest

class ProjectChangeRequest(models.Model):
    """A fiche (new, or a change to an existing one) proposed by a collectivity, waiting for CUF staff.

    Nothing here is public: the proposal lives in `data` (the editable fields as JSON, see
    atlas.moderation) until staff approve it, when atlas.services.approve_change applies it to the
    Project. `base_data` is the fiche as the author saw it, so that only what the author changed is
    applied and staff see when the fiche moved since.
    """

    class State(models.TextChoices):
        SUBMITTED = "submitted", "En attente de validation"
        APPROVED = "approved", "Validée"
        REJECTED = "rejected", "Refusée"

    # PROTECT: the moderation history of a fiche or a collectivity is never deleted along with it.
    project = models.ForeignKey(Project, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="change_requests", verbose_name="fiche-projet",
                                help_text="Vide pour une nouvelle fiche.")
    collectivity = models.ForeignKey(Collectivity, on_delete=models.PROTECT, related_name="change_requests",
                                     verbose_name="collectivité")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="project_change_requests", verbose_name="auteur")
    data = models.JSONField("données proposées")
    base_data = models.JSONField("fiche au moment de la proposition", default=dict, blank=True)
    state = models.CharField("état", max_length=10, choices=State.choices, default=State.SUBMITTED,
                             db_index=True)
    staff_comment = models.TextField("commentaire de CUF", blank=True)
    submitted_at = models.DateTimeField("proposée le", default=timezone.now)
    reviewed_at = models.DateTimeField("examinée le", null=True, blank=True)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="reviewed_project_changes", verbose_name="examinée par")

    class Meta:
        verbose_name = "proposition de fiche"
        verbose_name_plural = "propositions de fiches (modération)"
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(fields=["project"], condition=Q(state="submitted"),
                                    name="change_request_one_pending_per_project"),
            models.CheckConstraint(
                condition=Q(state="submitted") | Q(reviewed_at__isnull=False),
                name="change_request_reviewed_has_date"),
        ]
        indexes = [models.Index(fields=["collectivity", "state"], name="change_request_coll_state")]

    def __str__(self):
        title = self.data.get("title") if isinstance(self.data, dict) else None
        prefix = "Nouvelle fiche" if self.project_id is None else "Modification"
        return f"{prefix} : {title or self.project or '—'}"

    @property
    def is_new_project(self):
        return self.project_id is None

    @property
    def is_pending(self):
        return self.state == self.State.SUBMITTED


class SavedSearch(models.Model):
    """An Atlas search (its query string) a user saved under a name."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches",
                             verbose_name="utilisateur")
    name = models.CharField("nom", max_length=120)
    query = models.CharField("paramètres de recherche", max_length=2000, blank=True)
    created_at = models.DateTimeField("enregistrée le", auto_now_add=True)

    class Meta:
        verbose_name = "recherche enregistrée"
        verbose_name_plural = "recherches enregistrées"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["user", "name"], name="saved_search_unique_name")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        url = reverse("atlas:index")
        return f"{url}?{self.query}" if self.query else url


class BourseInterest(models.Model):
    """A French collectivity telling CUF it is interested in a Bourse-projets request."""

    request = models.ForeignKey(BourseRequest, on_delete=models.CASCADE, related_name="interests",
                                verbose_name="demande")
    collectivity = models.ForeignKey(Collectivity, on_delete=models.CASCADE, related_name="bourse_interests",
                                     verbose_name="collectivité")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                             related_name="bourse_interests", verbose_name="utilisateur")
    message = models.TextField("message", blank=True)
    created_at = models.DateTimeField("date", auto_now_add=True)

    class Meta:
        verbose_name = "manifestation d'intérêt (Bourse-projets)"
        verbose_name_plural = "manifestations d'intérêt (Bourse-projets)"
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["request", "collectivity"],
                                               name="bourse_interest_unique")]

    def __str__(self):
        return f"{self.collectivity} — {self.request}"


class DataVersion(models.Model):
    """A number that changes, in the same transaction, with every write to the tables a scope of figures
    is derived from ("atlas": fiches, participations, collectivities, territories, themes; "eapd": the
    declarations). PostgreSQL triggers keep it (migration 0008), so no write path can forget it: the admin,
    imports, services and bulk loads alike. Pages cache what they derive under this number (atlas.figures)."""

    scope = models.CharField("périmètre", max_length=20, primary_key=True)
    version = models.BigIntegerField("version")

    class Meta:
        verbose_name = "version des données"
        verbose_name_plural = "versions des données"

    def __str__(self):
        return f"{self.scope} v{self.version}"
