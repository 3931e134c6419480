from django.apps import AppConfig


class GroupesPaysConfig(AppConfig):
    name = "groupes_pays"
    verbose_name = "Groupes-pays, groupes thématiques et dynamiques régionales"

    def ready(self):
        from atlas.figures import GROUPS
        from cuf_portal import agenda, panels

        from .panels import account_panel, home_panel, home_variant

        panels.register("home", "groupes_pays/panels/home.html", home_panel, order=20,
                        scopes=lambda: (GROUPS, *agenda.scopes()), variant=home_variant)
        panels.register("account", "groupes_pays/panels/account.html", account_panel, order=30)
