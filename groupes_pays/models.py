"""Groups animated by CUF: groupes-pays, groupes thématiques, dynamiques régionales.

Around each group: its member collectivities (from the Atlas registry), its meetings, the
news and documents that concern it, and the requests of collectivities to join it. The
directory of partners and networks lives here too: it is the "Partenaires et réseaux" page.

Meetings, news and documents can be reserved to CUF members; which rows a request may
see is decided in one place, `groupes_pays.queries` (see `Visibility`).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from atlas.models import Collectivity, Country
from cuf_portal.uploads import PrivateFileField, validate_image_upload, validate_upload

from .text import normalise

# URL segments under /groupes/ that a group slug must not take.
RESERVED_SLUGS = ["agenda", "actualites", "documents", "partenaires", "rejoindre", "comptes-rendus", "calendrier"]


class Visibility(models.TextChoices):
    PUBLIC = "public", "Public"
    MEMBERS = "adherents", "Réservé aux adhérents"


class Group(models.Model):
    class Kind(models.TextChoices):
        COUNTRY = "pays", "Groupe-pays"
        THEMATIC = "thematique", "Groupe thématique"
        REGIONAL = "regional", "Dynamique régionale"

    kind = models.CharField("type de groupe", max_length=20, choices=Kind.choices)
    name = models.CharField("nom", max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="cuf_groups", verbose_name="pays")
    zone = models.CharField("zone", max_length=200, blank=True)
    is_active = models.BooleanField("actif", default=True,
                                    help_text="Décochez pour archiver le groupe : il reste consultable.")
    created_year = models.PositiveSmallIntegerField("année de création", null=True, blank=True)
    summary = models.CharField("accroche", max_length=300, blank=True,
                               help_text="Une phrase affichée dans la liste des groupes.")
    creation_text = models.TextField("création", blank=True)
    missions_text = models.TextField("rôles et missions", blank=True)
    perspectives_text = models.TextField("perspectives", blank=True)
    president_name = models.CharField("président·e : nom", max_length=200, blank=True)
    president_title = models.CharField("président·e : titre", max_length=100, blank=True,
                                       help_text="Par exemple « Présidente de la dynamique thématique ».")
    president_function = models.CharField("président·e : fonction", max_length=300, blank=True)
    president_collectivity = models.ForeignKey(
        Collectivity, on_delete=models.SET_NULL, null=True, blank=True, related_name="presided_cuf_groups",
        verbose_name="président·e : collectivité")
    referent_name = models.CharField("référent·e CUF : nom", max_length=200, blank=True)
    referent_contact = models.CharField("référent·e CUF : contact", max_length=200, blank=True,
                                        help_text="Adresse e-mail ou téléphone.")
    members = models.ManyToManyField(Collectivity, through="GroupMembership", related_name="cuf_groups",
                                     verbose_name="collectivités membres", blank=True)
    search_text = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = "groupe"
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(condition=~Q(slug__in=RESERVED_SLUGS), name="group_slug_not_reserved"),
            models.CheckConstraint(condition=~Q(kind="pays") | Q(country__isnull=False),
                                   name="country_group_has_country"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        country = self.country.name if self.country_id else ""
        self.search_text = normalise(" ".join([self.name, self.zone, country, self.president_name]))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("groupes_pays:group", args=[self.slug])


class TimelineEntry(models.Model):
    """A key event of a group's history ("Évènements marquants depuis la création")."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="timeline", verbose_name="groupe")
    date = models.DateField("date", null=True, blank=True, help_text="Sert au tri ; laissez vide si non datée.")
    date_label = models.CharField("date affichée", max_length=100, blank=True,
                                  help_text="Par exemple « du 8 au 13 mai 2011 » ou « mars 2013 ».")
    text = models.TextField("évènement")
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "évènement marquant"
        verbose_name_plural = "évènements marquants"
        ordering = ["group", "position", "date", "id"]

    def __str__(self):
        return self.date_label or (self.date.isoformat() if self.date else self.text[:60])


class GroupMembership(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships", verbose_name="groupe")
    collectivity = models.ForeignKey(Collectivity, on_delete=models.CASCADE, related_name="cuf_group_memberships",
                                     verbose_name="collectivité")
    joined_on = models.DateField("membre depuis", null=True, blank=True, default=timezone.localdate)
    left_on = models.DateField("a quitté le groupe le", null=True, blank=True)

    class Meta:
        verbose_name = "collectivité membre"
        verbose_name_plural = "collectivités membres"
        ordering = ["collectivity__name"]
        constraints = [
            models.UniqueConstraint(fields=["group", "collectivity"], condition=Q(left_on__isnull=True),
                                    name="one_current_membership_per_group"),
            models.CheckConstraint(condition=Q(left_on__isnull=True) | Q(joined_on__isnull=True)
                                   | Q(left_on__gte=F("joined_on")),
                                   name="membership_dates_ordered"),
        ]

    def __str__(self):
        return f"{self.collectivity} — {self.group}"

    @property
    def is_current(self):
        return self.left_on is None


class Meeting(models.Model):
    """A meeting of a group, or a CUF-wide agenda item when it has no group."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, null=True, blank=True, related_name="meetings",
                              verbose_name="groupe", help_text="Laissez vide pour un rendez-vous de CUF.")
    title = models.CharField("titre", max_length=300)
    slug = models.SlugField(max_length=320)
    starts_at = models.DateTimeField("début", help_text="Heure de Paris.")
    ends_at = models.DateTimeField("fin", null=True, blank=True)
    has_time = models.BooleanField("heure connue", default=True,
                                   help_text="Décochez si seule la date est connue (évènement sur la journée).")
    place = models.CharField("lieu", max_length=300, blank=True)
    is_online = models.BooleanField("en visioconférence", default=False)
    online_url = models.URLField("lien de connexion", blank=True)
    summary = models.TextField("présentation", blank=True)
    agenda = models.TextField("ordre du jour", blank=True)
    contact = models.CharField("contact", max_length=200, blank=True)
    minutes = models.TextField("compte rendu", blank=True)
    minutes_file = PrivateFileField("compte rendu (fichier)", blank=True, upload_to="groupes/comptes-rendus/",
                                    validators=[validate_upload])
    visibility = models.CharField("visibilité", max_length=20, choices=Visibility.choices, default=Visibility.PUBLIC)
    search_text = models.TextField(editable=False, default="")
    is_demo = models.BooleanField("donnée de démonstration", default=False, db_index=True, help_text=(
        "Réunion inventée pour la démonstration, "
        "absente des documents de CUF."))

    class Meta:
        verbose_name = "réunion"
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__isnull=True) | Q(ends_at__gte=F("starts_at")),
                                   name="meeting_ends_after_start"),
        ]
        indexes = [models.Index(fields=["starts_at"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.title)[:320] or "reunion"
        self.search_text = normalise(" ".join([self.title, self.place, self.summary]))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("groupes_pays:meeting", args=[self.pk, self.slug])

    @property
    def is_members_only(self):
        return self.visibility == Visibility.MEMBERS

    @property
    def is_past(self):
        return (self.ends_at or self.starts_at) < timezone.now()

    @property
    def has_minutes(self):
        return bool(self.minutes or self.minutes_file)


class NewsItem(models.Model):
    class Status(models.TextChoices):
        DRAFT = "brouillon", "Brouillon"
        PUBLISHED = "publie", "Publiée"

    title = models.CharField("titre", max_length=300)
    slug = models.SlugField(max_length=320, unique=True)
    published_on = models.DateField("date", default=timezone.localdate)
    lead = models.TextField("chapô", blank=True)
    body = models.TextField("texte", blank=True)
    image = PrivateFileField("image", blank=True, upload_to="groupes/actualites/",
                             validators=[validate_image_upload], help_text="JPG ou PNG, 10 Mo au plus.")
    image_alt = models.CharField("texte alternatif de l'image", max_length=300, blank=True)
    groups = models.ManyToManyField(Group, related_name="news", blank=True, verbose_name="groupes concernés")
    concerns_solidarity_funds = models.BooleanField("concerne les fonds de solidarité", default=False)
    fund_slug = models.SlugField("fonds concerné (identifiant)", max_length=100, blank=True,
                                 help_text="Par exemple « ukraine », « maroc », « turquie », « haiti ».")
    status = models.CharField("état", max_length=20, choices=Status.choices, default=Status.DRAFT)
    visibility = models.CharField("visibilité", max_length=20, choices=Visibility.choices, default=Visibility.PUBLIC)
    updated = models.DateTimeField("modifiée le", auto_now=True)
    search_text = models.TextField(editable=False, default="")
    is_demo = models.BooleanField("donnée de démonstration", default=False, db_index=True, help_text=(
        "Actualité inventée pour la démonstration, "
        "absente des documents de CUF."))

    class Meta:
        verbose_name = "actualité"
        ordering = ["-published_on", "-id"]
        indexes = [models.Index(fields=["status", "-published_on"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.search_text = normalise(" ".join([self.title, self.lead]))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("groupes_pays:news_detail", args=[self.slug])

    @property
    def is_members_only(self):
        return self.visibility == Visibility.MEMBERS

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED


class Document(models.Model):
    title = models.CharField("titre", max_length=300)
    file = PrivateFileField("fichier", upload_to="groupes/documents/",
                            validators=[validate_upload],
                            help_text="PDF, DOCX, XLSX, ODT, JPG ou PNG, 10 Mo au plus.")
    date = models.DateField("date", default=timezone.localdate)
    description = models.TextField("description", blank=True)
    group = models.ForeignKey(Group, on_delete=models.CASCADE, null=True, blank=True, related_name="documents",
                              verbose_name="groupe")
    visibility = models.CharField("visibilité", max_length=20, choices=Visibility.choices, default=Visibility.PUBLIC)

    class Meta:
        verbose_name = "document"
        ordering = ["-date", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("groupes_pays:document", args=[self.pk])

    @property
    def is_members_only(self):
        return self.visibility == Visibility.MEMBERS

    @property
    def extension(self):
        return self.file.name.rsplit(".", 1)[-1].upper() if "." in self.file.name else ""


class JoinRequest(models.Model):
    """A collectivity asks to join a group; CUF staff approve or decline it in the admin."""

    class Status(models.TextChoices):
        PENDING = "en_attente", "En attente"
        APPROVED = "acceptee", "Acceptée"
        DECLINED = "refusee", "Refusée"

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="join_requests", verbose_name="groupe")
    collectivity = models.ForeignKey(Collectivity, on_delete=models.CASCADE, related_name="cuf_group_join_requests",
                                     verbose_name="collectivité")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                     related_name="cuf_group_join_requests", verbose_name="demandée par")
    message = models.TextField("message", blank=True)
    status = models.CharField("état", max_length=20, choices=Status.choices, default=Status.PENDING)
    created = models.DateTimeField("demandée le", auto_now_add=True)
    decided_at = models.DateTimeField("traitée le", null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name="traitée par")

    class Meta:
        verbose_name = "demande d'adhésion à un groupe"
        verbose_name_plural = "demandes d'adhésion aux groupes"
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(fields=["group", "collectivity"], condition=Q(status="en_attente"),
                                    name="one_pending_join_request"),
        ]

    def __str__(self):
        return f"{self.collectivity} → {self.group}"


REGIONAL_NETWORKS_INTRO = ("Depuis le milieu des années 1990, un certain nombre de régions françaises ont mis en "
             "place des "
             "dispositifs régionaux d'échange, d'appui et de concertation de la coopération décentralisée et de "
             "solidarité internationale, à l'initiative conjointe de l'État et de collectivités locales et/ou "
             "d'associations. Ces réseaux bénéficient d'un soutien financier du MAE/DAECT.")


class Partner(models.Model):
    """An entry of the "Partenaires et réseaux" directory."""

    class Kind(models.TextChoices):
        INSTITUTIONAL = "institutionnel", "Partenaire institutionnel"
        FRENCH_ASSOCIATION = "association", "Association de collectivités françaises"
        REGIONAL_NETWORK = "rrma", "Réseau régional d'appui (RRMA)"
        INTERNATIONAL = "international", "Réseau européen et international"
        THEMATIC = "thematique", "Réseau thématique"

    kind = models.CharField("type", max_length=20, choices=Kind.choices)
    name = models.CharField("nom", max_length=300)
    acronym = models.CharField("sigle", max_length=50, blank=True)
    slug = models.SlugField(max_length=320, unique=True)
    region_label = models.CharField("région", max_length=100, blank=True,
                                    help_text="Pour un réseau régional d'appui.")
    text = models.TextField("présentation", blank=True)
    website = models.URLField("site internet", blank=True)
    contact = models.CharField("contact", max_length=200, blank=True)
    position = models.PositiveSmallIntegerField("ordre", default=0)

    KIND_INTROS = {Kind.REGIONAL_NETWORK: REGIONAL_NETWORKS_INTRO}

    class Meta:
        verbose_name = "partenaire ou réseau"
        verbose_name_plural = "partenaires et réseaux"
        ordering = ["kind", "position", "name"]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name
