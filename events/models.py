"""Les Rencontres (RAICT): editions, programme, speakers, partners, registrations and seats.

Seat accounting lives in the database: a confirmed seat is a SessionRegistration row in the
"confirmed" state, a waiting-list place one in the "waitlisted" state with a dense position.
The counts are never stored; events.services changes them under a lock of the session row.
"""

import datetime as dt
import hashlib
from zoneinfo import ZoneInfo

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cuf_portal.uploads import validate_logo_upload

PARIS = ZoneInfo("Europe/Paris")


def hash_token(token):
    """The stored form of a private link token (the token itself is only ever mailed)."""
    return hashlib.sha256(token.encode()).hexdigest()


class Edition(models.Model):
    number = models.PositiveSmallIntegerField("numéro de l'édition", unique=True, null=True, blank=True)
    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField("titre", max_length=250)
    theme = models.CharField("thème (fil conducteur)", max_length=400, blank=True)
    introduction = models.TextField("présentation", blank=True)
    starts_on = models.DateField("premier jour")
    ends_on = models.DateField("dernier jour")
    venue = models.CharField("lieu", max_length=200)
    address = models.CharField("adresse", max_length=300, blank=True)
    expected_participants = models.PositiveIntegerField("participants attendus", null=True, blank=True)
    practical_info = models.TextField("informations pratiques", blank=True)
    registration_opens_at = models.DateTimeField("ouverture des inscriptions", null=True, blank=True)
    registration_closes_at = models.DateTimeField("clôture des inscriptions", null=True, blank=True)
    is_published = models.BooleanField("publiée", default=True)
    is_demo = models.BooleanField("donnée de démonstration", default=False, db_index=True, help_text=(
        "Édition inventée pour la démonstration : dates, "
        "programme et jauges ne sont pas réels."))

    class Meta:
        verbose_name = "édition des Rencontres"
        verbose_name_plural = "éditions des Rencontres"
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="edition_dates_in_order"),
        ]

    def __str__(self):
        return f"{self.title} ({self.starts_on:%Y})"

    def get_absolute_url(self):
        return reverse("events:edition", args=[self.slug])

    def days(self):
        return [self.starts_on + dt.timedelta(days=i) for i in range((self.ends_on - self.starts_on).days + 1)]

    def registration_state(self, now=None):
        """'open', 'not_yet', 'closed' or 'none' (no online registration for this edition)."""
        now = now or timezone.now()
        if not self.registration_opens_at or not self.registration_closes_at:
            return "none"
        if now < self.registration_opens_at:
            return "not_yet"
        if now >= self.registration_closes_at:
            return "closed"
        return "open"

    @property
    def registration_is_open(self):
        return self.registration_state() == "open"

    @property
    def is_past(self):
        return self.ends_on < timezone.localdate()


class Partner(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="partners", verbose_name="édition")
    name = models.CharField("nom", max_length=200)
    acronym = models.CharField("sigle", max_length=40, blank=True)
    text = models.TextField("présentation", blank=True)
    logo = models.FileField("logo (PNG ou JPG)", upload_to="events/partners/", blank=True,
                            validators=[validate_logo_upload], help_text="PNG ou JPG, 2 Mo au plus.")
    website = models.URLField("site web", blank=True)
    order = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "partenaire"
        ordering = ["edition", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["edition", "name"], name="partner_unique_per_edition")]

    def __str__(self):
        return self.name


class Session(models.Model):
    class Kind(models.TextChoices):
        PLENARY = "pleniere", _("Plénière")
        REGIONAL = "regionale", _("Réunion régionale")
        COUNTRY_GROUP = "groupe_pays", _("Réunion de groupe-pays")
        THEMATIC_GROUP = "groupe_thematique", _("Réunion de groupe thématique")
        WORKSHOP = "atelier", _("Atelier thématique")
        ROUND_TABLE = "table_ronde", _("Table ronde")
        CONFERENCE = "conference", _("Conférence")
        PAVILION = "pavillon", _("Pavillon / stand")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="sessions", verbose_name="édition")
    number = models.PositiveSmallIntegerField("numéro")
    title = models.CharField("titre", max_length=400)
    kind = models.CharField("type", max_length=20, choices=Kind.choices)
    day = models.DateField("jour")
    start_time = models.TimeField("début", null=True, blank=True)
    end_time = models.TimeField("fin", null=True, blank=True)
    room = models.CharField("salle", max_length=120, blank=True)
    summary = models.TextField("résumé", blank=True)
    report = models.TextField("compte rendu", blank=True)
    report_published = models.BooleanField("compte rendu publié", default=False)
    capacity = models.PositiveIntegerField("places", default=0,
                                           help_text="0 : pas d'inscription en ligne à cette session.")
    group = models.ForeignKey("groupes_pays.Group", on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="event_sessions", verbose_name="groupe")
    is_demo = models.BooleanField("donnée de démonstration", default=False, db_index=True, help_text=(
        "Session inventée pour la démonstration "
        "(horaire, salle et nombre de places)."))
    date_as_written = models.CharField(
        "date telle qu'écrite dans le document", max_length=120, blank=True,
        help_text="Par exemple « Mardi 19 septembre 2023 (11h30-13h00) » : montrée telle quelle à côté de la date.")

    class Meta:
        verbose_name = "session"
        ordering = ["edition", "day", "start_time", "number"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "number"], name="session_number_unique_per_edition"),
            models.CheckConstraint(condition=Q(capacity__gte=0), name="session_capacity_not_negative"),
            models.CheckConstraint(
                condition=Q(start_time__isnull=True, end_time__isnull=True)
                | Q(start_time__isnull=False, end_time__isnull=False, end_time__gt=models.F("start_time")),
                name="session_times_in_order",
            ),
        ]

    def __str__(self):
        return f"{self.number} – {self.title}"

    def get_absolute_url(self):
        return reverse("events:session", args=[self.edition.slug, self.number])

    @property
    def starts_at(self):
        if self.start_time is None:
            return None
        return dt.datetime.combine(self.day, self.start_time, tzinfo=PARIS)

    @property
    def ends_at(self):
        if self.end_time is None:
            return None
        return dt.datetime.combine(self.day, self.end_time, tzinfo=PARIS)

    def overlaps(self, other):
        """Two sessions overlap when they share a moment (back-to-back sessions do not)."""
        if self.day != other.day or None in (self.start_time, self.end_time, other.start_time, other.end_time):
            return False
        return self.start_time < other.end_time and other.start_time < self.end_time

    @property
    def is_open_for_registration(self):
        return self.capacity > 0


class Person(models.Model):
    """A speaker: opens, chairs, moderates or speaks in sessions."""

    name = models.CharField("nom", max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    function = models.CharField("fonction habituelle", max_length=400, blank=True)
    organisation = models.CharField("organisation", max_length=250, blank=True)
    collectivity = models.ForeignKey("atlas.Collectivity", on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="event_speakers", verbose_name="collectivité")
    country = models.ForeignKey("atlas.Country", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="event_speakers", verbose_name="pays")

    class Meta:
        verbose_name = "intervenant"
        ordering = ["name"]

    def __str__(self):
        return self.name


class SessionRole(models.Model):
    class Role(models.TextChoices):
        OPENING = "ouverture", _("Ouverture")
        CHAIR = "presidence", _("Présidence")
        MODERATION = "animation", _("Animation")
        SPEAKER = "intervention", _("Intervention")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="roles", verbose_name="session")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="roles", verbose_name="intervenant")
    role = models.CharField("rôle", max_length=20, choices=Role.choices)
    function = models.CharField("fonction (telle qu'annoncée)", max_length=500, blank=True)
    order = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "rôle dans une session"
        verbose_name_plural = "rôles dans les sessions"
        ordering = ["session", "order"]
        constraints = [
            models.UniqueConstraint(fields=["session", "person", "role"], name="session_role_unique"),
        ]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"


class Delegation(models.Model):
    """A foreign delegation taking part in an edition."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="delegations",
                                verbose_name="édition")
    country = models.ForeignKey("atlas.Country", on_delete=models.PROTECT, related_name="event_delegations",
                                verbose_name="pays")
    head = models.CharField("chef de délégation", max_length=250, blank=True)
    size = models.PositiveSmallIntegerField("nombre de membres", default=1)
    notes = models.TextField("notes", blank=True)

    class Meta:
        verbose_name = "délégation étrangère"
        verbose_name_plural = "délégations étrangères"
        ordering = ["edition", "country__name"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "country", "head"], name="delegation_unique"),
            models.CheckConstraint(condition=Q(size__gte=1), name="delegation_size_positive"),
        ]

    def __str__(self):
        return f"Délégation {self.country} ({self.size})"


class Registration(models.Model):
    """A participant's registration to an edition; its private link carries an unguessable token."""

    class Civility(models.TextChoices):
        MME = "mme", _("Mme")
        M = "m", _("M.")
        OTHER = "autre", _("Autre")

    class Category(models.TextChoices):
        FRENCH_COLLECTIVITY = "collectivite_fr", _("Collectivité française")
        FOREIGN_COLLECTIVITY = "collectivite_etr", _("Collectivité étrangère")
        STATE = "etat", _("État / ambassade")
        NGO = "association", _("Association / ONG")
        COMPANY = "entreprise", _("Entreprise")
        RESEARCH = "recherche", _("Recherche")
        PRESS = "presse", _("Presse")
        OTHER = "autre", _("Autre")

    class Status(models.TextChoices):
        PENDING = "attente", _("En attente de confirmation de l'adresse")
        CONFIRMED = "confirmee", _("Confirmée")

    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="registrations",
                                verbose_name="édition")
    status = models.CharField("état", max_length=12, choices=Status.choices, default=Status.PENDING)
    token_hash = models.CharField("empreinte du lien privé", max_length=64, unique=True, null=True, editable=False)
    civility = models.CharField("civilité", max_length=8, choices=Civility.choices, blank=True)
    first_name = models.CharField("prénom", max_length=120)
    last_name = models.CharField("nom", max_length=120)
    email = models.EmailField("adresse e-mail")
    organisation = models.CharField("organisation", max_length=250, blank=True)
    collectivity = models.ForeignKey("atlas.Collectivity", on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="event_registrations", verbose_name="collectivité")
    category = models.CharField("catégorie", max_length=20, choices=Category.choices)
    country = models.ForeignKey("atlas.Country", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="event_registrations", verbose_name="pays")
    function = models.CharField("fonction", max_length=250, blank=True)
    accessibility_needs = models.TextField("besoins d'accessibilité", blank=True)
    delegation = models.ForeignKey(Delegation, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="members", verbose_name="délégation")
    language = models.CharField("langue", max_length=2, default="fr", choices=[("fr", "Français"), ("en", "English")])
    consent_at = models.DateTimeField("consentement donné le")
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    confirmed_at = models.DateTimeField("adresse confirmée le", null=True, blank=True)
    checked_in_at = models.DateTimeField("présence enregistrée le", null=True, blank=True)
    anonymised_at = models.DateTimeField("anonymisée le", null=True, blank=True)

    class Meta:
        verbose_name = "inscription"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(Lower("email"), "edition", name="registration_one_per_email_and_edition"),
        ]
        indexes = [models.Index(fields=["edition", "last_name"], name="registration_name_idx")]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def set_token(self, token):
        self.token_hash = hash_token(token)


class SessionRegistration(models.Model):
    """A participant's seat (or waiting-list place) in one session."""

    class State(models.TextChoices):
        CONFIRMED = "confirmee", _("Place confirmée")
        WAITLISTED = "attente", _("Liste d'attente")
        CANCELLED = "annulee", _("Annulée")

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="seats",
                                     verbose_name="inscription")
    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="seats", verbose_name="session")
    state = models.CharField("état", max_length=10, choices=State.choices)
    position = models.PositiveIntegerField("rang sur la liste d'attente", null=True, blank=True)
    created_at = models.DateTimeField("demandée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    class Meta:
        verbose_name = "place en session"
        verbose_name_plural = "places en session"
        ordering = ["session", "state", "position", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "session"], condition=~Q(state="annulee"),
                name="seat_one_active_per_registration_and_session",
            ),
            # NULL positions (confirmed, cancelled) never collide; deferred so that a waiting
            # list can be shifted up by one in a single UPDATE.
            models.UniqueConstraint(
                fields=["session", "position"], name="seat_waitlist_position_unique",
                deferrable=models.Deferrable.DEFERRED,
            ),
            models.CheckConstraint(
                condition=(Q(state="attente", position__isnull=False, position__gte=1)
                           | (~Q(state="attente") & Q(position__isnull=True))),
                name="seat_position_only_when_waitlisted",
            ),
        ]
        indexes = [models.Index(fields=["session", "state"], name="seat_session_state_idx")]

    def __str__(self):
        return f"{self.registration} – {self.session.title} ({self.get_state_display()})"
