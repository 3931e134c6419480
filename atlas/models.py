"""The registry every app links to: geography and collectivities, French and foreign."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse


class Continent(models.Model):
    code = models.CharField("code", max_length=2, unique=True)
    name = models.CharField("nom", max_length=60)
    slug = models.SlugField(unique=True)

    class Meta:
        verbose_name = "continent"
        ordering = ["name"]

    def __str__(self):
        return self.name


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
        SYNDICAT = "syndicat", "Syndicat mixte"
        COLLECTIVITE_UNIQUE = "collectivite_unique", "Collectivité à statut particulier"
        PROVINCE = "province", "Province"
        ETAT = "etat", "État fédéré"
        REGION_ETRANGERE = "region_etrangere", "Région (étranger)"
        MUNICIPALITE = "municipalite", "Municipalité"
        AUTRE = "autre", "Autre collectivité"

    FRENCH_KINDS = {Kind.REGION, Kind.DEPARTEMENT, Kind.COMMUNE, Kind.EPCI, Kind.SYNDICAT,
                    Kind.COLLECTIVITE_UNIQUE}

    name = models.CharField("nom", max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    kind = models.CharField("type", max_length=30, choices=Kind.choices)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="collectivities",
                                verbose_name="pays")
    is_french = models.BooleanField("collectivité française", default=False, db_index=True,
                                    editable=False)
    code = models.CharField("code officiel (INSEE/SIREN)", max_length=14, blank=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="collectivities", verbose_name="région")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="collectivities", verbose_name="département")
    latitude = models.FloatField("latitude", null=True, blank=True)
    longitude = models.FloatField("longitude", null=True, blank=True)
    website = models.URLField("site internet", blank=True)
    is_cuf_member = models.BooleanField("adhérente de CUF", default=False)

    class Meta:
        verbose_name = "collectivité"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["code"], condition=~Q(code=""), name="collectivity_code_unique"),
            models.CheckConstraint(condition=Q(latitude__gte=-90, latitude__lte=90) | Q(latitude__isnull=True),
                                   name="collectivity_latitude_range"),
            models.CheckConstraint(
                condition=Q(longitude__gte=-180, longitude__lte=180) | Q(longitude__isnull=True),
                name="collectivity_longitude_range"),
        ]
        indexes = [models.Index(fields=["country", "kind"])]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.is_french = self.country.iso2 == "FR"
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

    class Meta:
        verbose_name = "fiche-projet"
        verbose_name_plural = "fiches-projets"
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(condition=Q(end_year__isnull=True) | Q(start_year__isnull=True)
                                   | Q(end_year__gte=models.F("start_year")), name="project_years_ordered"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("atlas:project", args=[self.slug])
