from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower


class UserManager(BaseUserManager):
    """Users log in with their e-mail address; there is no user name."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("L'adresse e-mail est obligatoire.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractUser):
    """A person with an account: CUF staff (is_staff) or collectivity staff.

    The link to a collectivity belongs to the Atlas (atlas.CollectivityMember), which
    owns the registry of collectivities.
    """

    username = None
    email = models.EmailField("adresse e-mail", unique=True)
    function = models.CharField("fonction", max_length=200, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = "utilisateur"
        verbose_name_plural = "utilisateurs"
        ordering = ["last_name", "first_name", "email"]
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self):
        full = self.get_full_name()
        return f"{full} <{self.email}>" if full else self.email

    def save(self, *args, **kwargs):
        self.email = (self.email or "").strip().lower()
        super().save(*args, **kwargs)


class RateCounter(models.Model):
    """Hits counted for one limit key in one time window (see cuf_portal.rate_limits)."""

    key = models.CharField(max_length=250, unique=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "compteur de limite"
        verbose_name_plural = "compteurs de limite"

    def __str__(self):
        return f"{self.key}: {self.count}"


class CacheEntry(models.Model):
    """The table of Django's database cache (the shared cache when REDIS_URL is unset).

    Declared as a model so that `migrate` creates it (no separate `createcachetable` step) and
    that test flushes empty it; its columns are the ones DatabaseCache reads and writes.
    """

    cache_key = models.CharField(max_length=255, primary_key=True)
    value = models.TextField()
    expires = models.DateTimeField(db_index=True)

    class Meta:
        db_table = "cuf_cache"
        verbose_name = "entrée du cache"
        verbose_name_plural = "entrées du cache"

    def __str__(self):
        return self.cache_key
