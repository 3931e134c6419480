"""Groups animated by CUF: groupes-pays, groupes thématiques, dynamiques régionales."""

from django.db import models
from django.urls import reverse

from atlas.models import Country


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
    is_active = models.BooleanField("actif", default=True)

    class Meta:
        verbose_name = "groupe"
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("groupes_pays:group", args=[self.slug])
