from django.apps import AppConfig


class GroupesPaysConfig(AppConfig):
    name = "groupes_pays"
    verbose_name = "Groupes-pays, groupes thématiques et dynamiques régionales"
